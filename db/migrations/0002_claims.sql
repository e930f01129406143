-- Claims extracted from each source version, and the people they name.
--
-- A claim is a typed statement with a span into its version's text. Its
-- kind-specific fields are a JSON object (documented in db/README.md); the
-- views below give them columns.

CREATE TABLE claims (
  id          INTEGER PRIMARY KEY,
  version_id  INTEGER NOT NULL REFERENCES source_versions(id),
  kind        TEXT NOT NULL CHECK (kind IN ('quote', 'reported', 'role', 'date', 'quantity')),
  ordinal     INTEGER NOT NULL,
  sentence    INTEGER,            -- ordinal of the sentence segment holding it
  start       INTEGER NOT NULL,   -- byte offsets into source_versions.text
  end         INTEGER NOT NULL,
  text        TEXT NOT NULL,
  fields      TEXT NOT NULL CHECK (json_valid(fields)),
  UNIQUE (version_id, ordinal)
);
CREATE INDEX claims_kind ON claims(kind, version_id);

CREATE TABLE people (
  id               INTEGER PRIMARY KEY,
  version_id       INTEGER NOT NULL REFERENCES source_versions(id),
  ordinal          INTEGER NOT NULL,
  name             TEXT NOT NULL,
  is_organisation  INTEGER NOT NULL DEFAULT 0,
  UNIQUE (version_id, ordinal)
);
CREATE INDEX people_name ON people(name);

CREATE TABLE aliases (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES people(id),
  text       TEXT NOT NULL,
  start      INTEGER NOT NULL,
  end        INTEGER NOT NULL
);
CREATE INDEX aliases_person ON aliases(person_id);

CREATE VIEW claims_v AS
SELECT c.id AS claim_id, s.id AS source_id, s.file, v.outlet, v.published, c.kind,
       c.start, c.end, c.text, c.fields,
       (SELECT g.text FROM segments g WHERE g.version_id = c.version_id AND g.kind = 'sentence'
          AND g.ordinal = c.sentence) AS sentence
FROM claims c
JOIN source_versions v ON v.id = c.version_id AND v.is_current = 1
JOIN sources s ON s.id = v.source_id;

CREATE VIEW quotes_v AS
SELECT claim_id, source_id, file, outlet, kind, text AS quote,
       json_extract(fields, '$.speaker') AS speaker,
       json_extract(fields, '$.speaker_text') AS speaker_text,
       json_extract(fields, '$.cue') AS cue,
       json_extract(fields, '$.resolution') AS resolution,
       json_extract(fields, '$.confidence') AS confidence,
       json_extract(fields, '$.speech') AS speech,
       start, end, sentence
FROM claims_v WHERE kind IN ('quote', 'reported');

CREATE VIEW roles_v AS
SELECT claim_id, source_id, file, outlet, text,
       json_extract(fields, '$.person') AS person,
       json_extract(fields, '$.title') AS title,
       json_extract(fields, '$.organisation') AS organisation,
       json_extract(fields, '$.role_class') AS role_class,
       start, end, sentence
FROM claims_v WHERE kind = 'role';

CREATE VIEW dates_v AS
SELECT claim_id, source_id, file, outlet, published, text AS surface,
       json_extract(fields, '$.value') AS value,
       json_extract(fields, '$.start_date') AS start_date,
       json_extract(fields, '$.end_date') AS end_date,
       json_extract(fields, '$.precision') AS precision,
       json_extract(fields, '$.anchor') AS anchor,
       json_extract(fields, '$.implied') AS implied,
       json_extract(fields, '$.rule') AS rule,
       json_extract(fields, '$.event.predicate') AS predicate,
       start, end, sentence
FROM claims_v WHERE kind = 'date';

CREATE VIEW quantities_v AS
SELECT claim_id, source_id, file, outlet, text AS surface,
       json_extract(fields, '$.value') AS value,
       json_extract(fields, '$.low') AS low,
       json_extract(fields, '$.high') AS high,
       json_extract(fields, '$.unit') AS unit,
       json_extract(fields, '$.currency') AS currency,
       json_extract(fields, '$.scale') AS scale,
       json_extract(fields, '$.approx') AS approx,
       json_extract(fields, '$.measures.subject') AS subject,
       start, end, sentence
FROM claims_v WHERE kind = 'quantity';

CREATE VIEW people_v AS
SELECT p.id AS person_id, s.id AS source_id, s.file, p.name, p.is_organisation,
       (SELECT group_concat(DISTINCT a.text) FROM aliases a WHERE a.person_id = p.id) AS aliases
FROM people p
JOIN source_versions v ON v.id = p.version_id AND v.is_current = 1
JOIN sources s ON s.id = v.source_id;
