-- Where does the review stand?
-- Findings per review status and kind, with how many are in the latest run and
-- how many reviews were recorded.
SELECT f.status, f.kind, count(*) AS findings, sum(f.in_latest_run) AS in_latest_run,
       (SELECT count(*) FROM reviews r JOIN findings g ON g.id = r.finding_id
        WHERE g.status = f.status AND g.kind = f.kind) AS reviews
FROM findings_v f
GROUP BY f.status, f.kind
ORDER BY f.status, f.kind;
