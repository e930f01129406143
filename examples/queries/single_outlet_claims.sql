-- Which claims does only one independent outlet carry?
-- A copy and its original count as one outlet (corroboration_v); quotes, dates,
-- numbers and titles nobody else confirms, with the sentence they come from.
SELECT c.kind, c.text, c.file, c.outlet, c.voices AS voice, c.sources, k.sentence
FROM corroboration_v c
JOIN claims_v k USING (claim_id)
WHERE c.independent_outlets = 1
ORDER BY c.kind, c.file, k.start;
