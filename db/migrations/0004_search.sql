-- Full-text search over story sentences and quotes, its on/off setting, and
-- the corroboration views (who copies whom, how many independent outlets carry
-- each claim).
--
-- The FTS5 tables are external-content indexes: they store only the index and
-- read text from segments and claims (through the *_fts_content views), so the
-- text is not stored twice. Triggers keep them in sync while settings.fts is
-- 'on'. Turning it 'off' empties both indexes and stops indexing (faster bulk
-- ingest); turning it back 'on' rebuilds them from what is stored. So an index
-- is always either complete or empty, and an FTS 'delete' never targets a row
-- that was not indexed. FTS5 is built into SQLite: the sqlite3 shell and
-- Python's sqlite3 module query these tables with no extension.

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL,
  CHECK (key <> 'fts' OR value IN ('on', 'off'))
) WITHOUT ROWID;
INSERT INTO settings(key, value) VALUES ('fts', 'on');

-- What the indexes hold: sentences of story text (chrome is not indexed) and
-- quotes (direct and reported) with their resolved speaker.
CREATE VIEW sentences_fts_content AS
SELECT id, text FROM segments WHERE kind = 'sentence' AND role <> 'chrome';

CREATE VIEW quotes_fts_content AS
SELECT id, text AS quote, json_extract(fields, '$.speaker') AS speaker
FROM claims WHERE kind IN ('quote', 'reported');

-- unicode61 with diacritics removed: 'cafe' finds 'café'; no stemming, so a
-- phrase query matches the words as written (case-insensitively).
CREATE VIRTUAL TABLE sentences_fts USING fts5(
  text, content = 'sentences_fts_content', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2');

CREATE VIRTUAL TABLE quotes_fts USING fts5(
  quote, speaker, content = 'quotes_fts_content', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER segments_fts_insert AFTER INSERT ON segments
WHEN new.kind = 'sentence' AND new.role <> 'chrome'
     AND (SELECT value FROM settings WHERE key = 'fts') = 'on'
BEGIN
  INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER segments_fts_delete AFTER DELETE ON segments
WHEN old.kind = 'sentence' AND old.role <> 'chrome'
     AND (SELECT value FROM settings WHERE key = 'fts') = 'on'
BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER segments_fts_update AFTER UPDATE OF id, kind, role, text ON segments
WHEN (SELECT value FROM settings WHERE key = 'fts') = 'on'
BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, text)
    SELECT 'delete', old.id, old.text WHERE old.kind = 'sentence' AND old.role <> 'chrome';
  INSERT INTO sentences_fts(rowid, text)
    SELECT new.id, new.text WHERE new.kind = 'sentence' AND new.role <> 'chrome';
END;

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
WHEN new.kind IN ('quote', 'reported') AND (SELECT value FROM settings WHERE key = 'fts') = 'on'
BEGIN
  INSERT INTO quotes_fts(rowid, quote, speaker)
    VALUES (new.id, new.text, json_extract(new.fields, '$.speaker'));
END;

CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims
WHEN old.kind IN ('quote', 'reported') AND (SELECT value FROM settings WHERE key = 'fts') = 'on'
BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, quote, speaker)
    VALUES ('delete', old.id, old.text, json_extract(old.fields, '$.speaker'));
END;

CREATE TRIGGER claims_fts_update AFTER UPDATE OF id, kind, text, fields ON claims
WHEN (SELECT value FROM settings WHERE key = 'fts') = 'on'
BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, quote, speaker)
    SELECT 'delete', old.id, old.text, json_extract(old.fields, '$.speaker')
    WHERE old.kind IN ('quote', 'reported');
  INSERT INTO quotes_fts(rowid, quote, speaker)
    SELECT new.id, new.text, json_extract(new.fields, '$.speaker')
    WHERE new.kind IN ('quote', 'reported');
END;

-- Switching the setting empties or rebuilds the indexes, whoever switches it
-- (crosscheck index --fts, or UPDATE settings in any SQLite client).
CREATE TRIGGER settings_fts_off AFTER UPDATE OF value ON settings
WHEN new.key = 'fts' AND new.value = 'off' AND old.value = 'on'
BEGIN
  INSERT INTO sentences_fts(sentences_fts) VALUES ('delete-all');
  INSERT INTO quotes_fts(quotes_fts) VALUES ('delete-all');
END;

CREATE TRIGGER settings_fts_on AFTER UPDATE OF value ON settings
WHEN new.key = 'fts' AND new.value = 'on' AND old.value = 'off'
BEGIN
  INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild');
  INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
END;

CREATE TRIGGER settings_keep_fts BEFORE DELETE ON settings
WHEN old.key = 'fts'
BEGIN
  SELECT RAISE(ABORT, 'the fts setting cannot be deleted; set it to off');
END;

-- A database migrated from schema 3 already holds text: index it.
INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild');
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');

-- Search results restricted to current versions. Filter with MATCH on the
-- indexed column: SELECT * FROM sentences_search_v WHERE text MATCH '"battery trains"'.
CREATE VIEW sentences_search_v AS
SELECT g.segment_id, g.source_id, g.file, v.outlet, v.published, g.ordinal, g.paragraph, g.role,
       g.start, g.end, f.text
FROM sentences_fts f
JOIN segments_v g ON g.segment_id = f.rowid
JOIN source_versions v ON v.id = g.version_id;

-- SELECT file, speaker, quote FROM quotes_search_v WHERE quote MATCH 'prototype'.
CREATE VIEW quotes_search_v AS
SELECT q.claim_id, q.source_id, q.file, q.outlet, q.kind, f.quote, f.speaker, q.speaker_text,
       q.cue, q.start, q.end, q.sentence
FROM quotes_fts f
JOIN quotes_v q ON q.claim_id = f.rowid;

-- Derived copies raised by the latest run: which source copies (or spins, or
-- rewrites) which. A dismissed finding is listed with its status but is not
-- used by source_origins_v.
CREATE VIEW derived_copies_v AS
SELECT f.id AS finding_id, json_extract(f.details, '$.relation') AS relation,
       json_extract(f.details, '$.share') AS share, f.status,
       d.source_id AS derived_source_id, d.file AS derived_file, dv.outlet AS derived_outlet,
       o.source_id AS original_source_id, o.file AS original_file, ov.outlet AS original_outlet,
       f.last_run AS run
FROM findings f
JOIN evidence d ON d.finding_id = f.id AND json_extract(d.fields, '$.role') = 'derived'
JOIN evidence o ON o.finding_id = f.id AND json_extract(o.fields, '$.role') = 'original'
JOIN source_versions dv ON dv.id = d.version_id
JOIN source_versions ov ON ov.id = o.version_id
WHERE f.kind = 'derived_copy' AND f.last_run = (SELECT max(r.id) FROM runs r);

-- Each current source with itself (depth 0) and every source it derives from
-- through derived_copies_v (depth 1 = the original it copies, 2 = that one's
-- original ...), up to 16 steps; a finding a reviewer dismissed is not followed.
CREATE VIEW source_ancestors_v AS
WITH RECURSIVE up(source_id, ancestor_id, depth) AS (
  SELECT source_id, source_id, 0 FROM sources_v
  UNION
  SELECT up.source_id, c.original_source_id, up.depth + 1
  FROM up JOIN derived_copies_v c ON c.derived_source_id = up.ancestor_id AND c.status <> 'dismissed'
  WHERE up.depth < 16)
SELECT source_id, ancestor_id AS ancestor_source_id, max(depth) AS depth FROM up
GROUP BY source_id, ancestor_id;

-- Each current source and the source it ultimately derives from (itself when
-- it is no copy). `origin` names that voice: its outlet, or its file when it
-- has none.
CREATE VIEW source_origins_v AS
WITH best AS (
  SELECT source_id, ancestor_source_id, depth,
         row_number() OVER (PARTITION BY source_id ORDER BY depth DESC, ancestor_source_id) AS n
  FROM source_ancestors_v)
SELECT s.source_id, s.file, s.outlet, o.source_id AS origin_source_id, o.file AS origin_file,
       o.outlet AS origin_outlet, COALESCE(o.outlet, o.file) AS origin, b.depth
FROM best b
JOIN sources_v s ON s.source_id = b.source_id
JOIN sources_v o ON o.source_id = b.ancestor_source_id
WHERE b.n = 1;

-- One row per claim of a current version with how many outlets carry the same
-- claim. Same claim = same claim_key:
--   quote/reported  'quote:'    + the quote folded (ASCII lower case, spaces and
--                                punctuation removed) + '|' + the speaker (resolved
--                                name, else the mention) in lower case
--   date            'date:'     + TIMEX3 value
--   quantity        'quantity:' + value (or low..high) + ' ' + unit
--   role            'role:'     + person in lower case + '|' + role class
-- A claim whose key fields are missing gets a key of its own ('claim:' + id).
-- `sources` counts current sources carrying the key. `independent_outlets`
-- counts their voices: a carrier's voice is its furthest ancestor
-- (source_ancestors_v) that carries the key too, else itself, named by outlet
-- (file when it has none). So a copy and its original count once, two sources
-- of one outlet count once, and a claim only a copy makes is the copy's own.
-- `outlets` and `voices` are ' | '-separated and sorted.
CREATE VIEW corroboration_v AS
WITH keyed AS (
  SELECT c.claim_id, c.source_id, c.file, c.outlet, c.kind, c.text,
         COALESCE(CASE
           WHEN c.kind IN ('quote', 'reported') THEN
             'quote:' || lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(
                 replace(replace(replace(c.text, ' ', ''), ',', ''), '.', ''), ';', ''), ':', ''), '!', ''),
                 '?', ''), '"', ''), '''', ''), '-', ''), '(', ''), ')', ''))
             || '|' || lower(COALESCE(json_extract(c.fields, '$.speaker'),
                                      json_extract(c.fields, '$.speaker_text'), ''))
           WHEN c.kind = 'date' THEN 'date:' || json_extract(c.fields, '$.value')
           WHEN c.kind = 'quantity' THEN
             'quantity:' || COALESCE(json_extract(c.fields, '$.value'),
                                     json_extract(c.fields, '$.low') || '..' || json_extract(c.fields, '$.high'))
             || ' ' || COALESCE(json_extract(c.fields, '$.unit'), '')
           WHEN c.kind = 'role' THEN
             'role:' || lower(json_extract(c.fields, '$.person')) || '|' || json_extract(c.fields, '$.role_class')
         END, 'claim:' || c.claim_id) AS claim_key
  FROM claims_v c),
carriers AS (
  SELECT DISTINCT claim_key, source_id FROM keyed),
reach AS (
  SELECT c.claim_key, c.source_id, a.ancestor_source_id, a.depth,
         row_number() OVER (PARTITION BY c.claim_key, c.source_id
                            ORDER BY a.depth DESC, a.ancestor_source_id) AS n
  FROM carriers c
  JOIN source_ancestors_v a ON a.source_id = c.source_id
  JOIN carriers c2 ON c2.claim_key = c.claim_key AND c2.source_id = a.ancestor_source_id),
named AS (
  SELECT r.claim_key, r.source_id, COALESCE(s.outlet, s.file) AS outlet, COALESCE(v.outlet, v.file) AS voice
  FROM reach r
  JOIN sources_v s ON s.source_id = r.source_id
  JOIN sources_v v ON v.source_id = r.ancestor_source_id
  WHERE r.n = 1),
counts AS (
  SELECT claim_key, count(*) AS sources, count(DISTINCT voice) AS independent_outlets
  FROM named GROUP BY claim_key),
outlet_lists AS (
  SELECT claim_key, group_concat(outlet, ' | ') AS outlets
  FROM (SELECT DISTINCT claim_key, outlet FROM named ORDER BY claim_key, outlet) GROUP BY claim_key),
voice_lists AS (
  SELECT claim_key, group_concat(voice, ' | ') AS voices
  FROM (SELECT DISTINCT claim_key, voice FROM named ORDER BY claim_key, voice) GROUP BY claim_key)
SELECT k.claim_id, k.source_id, k.file, k.outlet, k.kind, k.text, k.claim_key,
       n.sources, n.independent_outlets, l.outlets, g.voices
FROM keyed k
JOIN counts n ON n.claim_key = k.claim_key
JOIN outlet_lists l ON l.claim_key = k.claim_key
JOIN voice_lists g ON g.claim_key = k.claim_key;
