-- Which sources are involved in the most high-severity findings of the latest run?
-- Sources ranked by the number of distinct high-severity findings citing them;
-- dismissed findings are left out.
SELECT e.file, e.outlet, count(DISTINCT e.finding_id) AS high_findings,
       group_concat(DISTINCT e.kind) AS kinds
FROM evidence_v e
JOIN findings_v f USING (finding_id)
WHERE f.severity = 'high' AND f.in_latest_run AND f.status <> 'dismissed'
GROUP BY e.source_id
ORDER BY high_findings DESC, e.file;
