-- Sources, their versions and their segments.
--
-- A source is one article identified by its locator (the file path, or
-- file#id for a JSON Lines record) or by its URL. Each distinct content is a
-- version; versions are never deleted, and one of them is current.

CREATE TABLE sources (
  id          INTEGER PRIMARY KEY,
  locator     TEXT NOT NULL UNIQUE,
  file        TEXT NOT NULL,            -- the path as the user gave it
  url         TEXT,
  format      TEXT NOT NULL CHECK (format IN ('text', 'markdown', 'html', 'jsonl')),
  created_at  TEXT NOT NULL             -- ISO 8601 UTC
);
CREATE INDEX sources_url ON sources(url) WHERE url IS NOT NULL;

CREATE TABLE source_versions (
  id                  INTEGER PRIMARY KEY,
  source_id           INTEGER NOT NULL REFERENCES sources(id),
  content_hash        TEXT NOT NULL,    -- XXH3-128 of the input bytes, hex
  raw_text            TEXT NOT NULL,    -- the input with invalid UTF-8 replaced by U+FFFD
  text                TEXT NOT NULL,    -- normalized text; every span points into it
  offset_map          BLOB NOT NULL,    -- little-endian uint32 pairs (text offset, raw_text offset)
  title               TEXT,
  outlet              TEXT,
  url                 TEXT,
  author              TEXT,
  published           TEXT,             -- as written: YYYY, YYYY-MM, YYYY-MM-DD or a timestamp
  published_precision TEXT CHECK (published_precision IN ('year', 'month', 'day', 'timestamp')),
  published_inferred  INTEGER NOT NULL DEFAULT 0,
  note                TEXT,
  invalid_utf8        INTEGER NOT NULL DEFAULT 0,   -- bytes replaced by U+FFFD
  removed_controls    INTEGER NOT NULL DEFAULT 0,
  warnings            TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
  ingested_at         TEXT NOT NULL,
  is_current          INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
  UNIQUE (source_id, content_hash)
);
CREATE UNIQUE INDEX source_versions_current ON source_versions(source_id) WHERE is_current = 1;

CREATE TABLE segments (
  id             INTEGER PRIMARY KEY,
  version_id     INTEGER NOT NULL REFERENCES source_versions(id),
  kind           TEXT NOT NULL CHECK (kind IN ('paragraph', 'sentence')),
  ordinal        INTEGER NOT NULL,      -- position among segments of its kind
  paragraph      INTEGER NOT NULL,      -- ordinal of the paragraph (itself for paragraphs)
  role           TEXT NOT NULL CHECK (role IN ('body', 'title', 'heading', 'byline', 'caption', 'chrome')),
  chrome_reason  TEXT,                  -- the chrome rule that marked it
  start          INTEGER NOT NULL,      -- byte offsets into source_versions.text
  end            INTEGER NOT NULL,
  text           TEXT NOT NULL,
  UNIQUE (version_id, kind, ordinal)
);

CREATE VIEW sources_v AS
SELECT s.id AS source_id, v.id AS version_id, s.file, s.locator, s.format,
       v.title, v.outlet, COALESCE(v.url, s.url) AS url, v.author,
       v.published, v.published_precision, v.published_inferred,
       v.note, v.content_hash, v.ingested_at, length(v.text) AS bytes,
       v.invalid_utf8, v.warnings,
       (SELECT count(*) FROM source_versions w WHERE w.source_id = s.id) AS versions,
       (SELECT count(*) FROM segments g WHERE g.version_id = v.id AND g.kind = 'sentence') AS sentences,
       (SELECT count(*) FROM segments g WHERE g.version_id = v.id AND g.role = 'chrome') AS chrome_segments
FROM sources s JOIN source_versions v ON v.source_id = s.id AND v.is_current = 1;

CREATE VIEW segments_v AS
SELECT g.id AS segment_id, s.id AS source_id, s.file, g.version_id, g.kind, g.ordinal, g.paragraph,
       g.role, g.chrome_reason, g.start, g.end, g.text
FROM segments g
JOIN source_versions v ON v.id = g.version_id AND v.is_current = 1
JOIN sources s ON s.id = v.source_id;
