-- Which numbers disagree between sources?
-- number_conflict findings of the latest run with each side's wording and value.
SELECT e.finding_id, f.severity, f.status, e.file, e.outlet,
       json_extract(e.fields, '$.quantity') AS quantity, e.value, json_extract(e.fields, '$.unit') AS unit,
       e.text AS sentence
FROM evidence_v e
JOIN findings_v f USING (finding_id)
WHERE e.kind = 'number_conflict' AND f.in_latest_run
ORDER BY e.finding_id, e.ordinal;
