-- When does each source say each event happened?
-- Calendar dates (not durations, sets or vague references) grouped by the
-- event's predicate stem, one row per event and source.
SELECT d.predicate AS event, d.file, d.outlet, d.surface, d.value, d.start_date, d.end_date,
       json_array_length(d.implied) > 0 AS implied_from_publication
FROM dates_v d
JOIN claims_v c USING (claim_id)
WHERE json_extract(c.fields, '$.type') = 'DATE' AND json_extract(c.fields, '$.vague') = 0
  AND d.predicate <> ''
ORDER BY d.predicate, d.value, d.file;
