-- Which sources mention a phrase anywhere in their story text, and where?
-- Full-text search (FTS5) over sentences of current versions (page chrome is not
-- indexed), with the match marked [like this]; edit the MATCH string or bind it.
SELECT s.file, s.outlet, g.ordinal AS sentence,
       highlight(sentences_fts, 0, '[', ']') AS text
FROM sentences_fts
JOIN segments_v g ON g.segment_id = sentences_fts.rowid
JOIN sources_v s ON s.source_id = g.source_id
WHERE sentences_fts MATCH '"battery trains"'
ORDER BY s.file, g.ordinal;
