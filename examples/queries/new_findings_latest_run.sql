-- Which findings did the latest run raise for the first time?
-- Findings opened since the run before it (run_findings.is_new), highest severity first.
SELECT f.finding_id, f.kind, f.severity, f.status, f.summary, f.sources
FROM run_findings r
JOIN findings_v f ON f.finding_id = r.finding_id
WHERE r.run_id = (SELECT max(id) FROM runs) AND r.is_new = 1
ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, f.kind, f.finding_id;
