-- Which sources quote a phrase?
-- Full-text search (FTS5) over quotes of current versions; the phrase here is
-- "easiest vote": edit the MATCH string, or bind it (WHERE quotes_fts MATCH ?).
-- FTS5 query syntax: "exact phrase", word*, a AND b, NEAR(a b, 5), speaker: name.
SELECT q.file, q.outlet, q.speaker, q.quote
FROM quotes_fts
JOIN quotes_v q ON q.claim_id = quotes_fts.rowid
WHERE quotes_fts MATCH 'quote: "easiest vote"'
ORDER BY quotes_fts.rank, q.file;
