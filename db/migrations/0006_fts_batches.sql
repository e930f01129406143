-- Batch indexing: a writer storing many rows at once may index them in one
-- statement instead of row by row.
--
-- Row-by-row indexing in the insert triggers is slow: SQLite opens a statement
-- savepoint for every INSERT that fires a trigger, and FTS5 writes out its
-- pending terms at every savepoint, so each row becomes a segment of its own
-- that later has to be merged. A writer that sets the key 'fts_batch' in
-- settings, inside its own transaction, turns the insert triggers off for the
-- rows it stores; before committing it indexes those rows in one INSERT ...
-- SELECT from the *_fts_content views and deletes the key. The key is never
-- committed, so other connections always see the triggers as before: the
-- indexes stay complete or empty. Delete and update triggers are unchanged.

DROP TRIGGER segments_fts_insert;
CREATE TRIGGER segments_fts_insert AFTER INSERT ON segments
WHEN new.kind = 'sentence' AND new.role <> 'chrome'
     AND (SELECT value FROM settings WHERE key = 'fts') = 'on'
     AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'fts_batch')
BEGIN
  INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;

DROP TRIGGER claims_fts_insert;
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
WHEN new.kind IN ('quote', 'reported') AND (SELECT value FROM settings WHERE key = 'fts') = 'on'
     AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'fts_batch')
BEGIN
  INSERT INTO quotes_fts(rowid, quote, speaker)
    VALUES (new.id, new.text, json_extract(new.fields, '$.speaker'));
END;
