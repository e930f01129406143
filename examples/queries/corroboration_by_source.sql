-- How much of what each source claims is confirmed by another independent outlet?
-- Per source and claim kind: claims, how many at least two independent outlets
-- carry (corroboration_v), and the share.
SELECT file, outlet, kind, count(*) AS claims,
       sum(independent_outlets >= 2) AS corroborated,
       round(1.0 * sum(independent_outlets >= 2) / count(*), 2) AS share
FROM corroboration_v
GROUP BY source_id, kind
ORDER BY file, kind;
