-- Which quotes are attributed to two different people?
-- One row per pair of current sources giving the same quote (same words, any case)
-- to different resolved speakers: the misattributions to check first.
SELECT a.quote, a.speaker AS speaker_a, a.file AS file_a, a.outlet AS outlet_a,
       b.speaker AS speaker_b, b.file AS file_b, b.outlet AS outlet_b
FROM quotes_v a
JOIN quotes_v b ON lower(a.quote) = lower(b.quote) AND a.source_id < b.source_id
WHERE a.speaker IS NOT NULL AND b.speaker IS NOT NULL AND a.speaker <> b.speaker
ORDER BY a.quote, a.file, b.file;
