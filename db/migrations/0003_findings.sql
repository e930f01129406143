-- Comparison runs and the findings they raise, with their evidence and reviews.
--
-- A finding's id is stable (engine/finding.h finding_id): a later run that
-- raises the same finding updates it (last_run, evidence) and keeps its
-- first_run and its review status. Findings not raised again stay, with an
-- older last_run. Kind, severity and status names never change meaning.

CREATE TABLE runs (
  id              INTEGER PRIMARY KEY,
  started_at      TEXT NOT NULL,          -- ISO 8601 UTC
  finished_at     TEXT,                   -- NULL while running or when it failed
  kind            TEXT NOT NULL CHECK (kind IN ('check', 'audit')),
  rules_version   TEXT NOT NULL,          -- fingerprint of the rule files in use
  sources         INTEGER NOT NULL DEFAULT 0,   -- source versions compared
  claims          INTEGER NOT NULL DEFAULT 0,
  findings_total  INTEGER NOT NULL DEFAULT 0,   -- findings raised by this run
  findings_new    INTEGER NOT NULL DEFAULT 0    -- of which never raised before
);

CREATE TABLE findings (
  id           TEXT PRIMARY KEY,          -- stable id
  kind         TEXT NOT NULL CHECK (kind IN ('misattributed_quote', 'altered_quote', 'name_variant',
                 'role_conflict', 'date_conflict', 'number_conflict', 'list_conflict',
                 'certainty_change', 'uncorroborated_quote', 'derived_copy')),
  severity     TEXT NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
  confidence   REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  summary      TEXT NOT NULL,
  explanation  TEXT NOT NULL,
  details      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  first_run    INTEGER NOT NULL REFERENCES runs(id),
  last_run     INTEGER NOT NULL REFERENCES runs(id),
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed'))
) WITHOUT ROWID;
CREATE INDEX findings_last_run ON findings(last_run);

-- Which findings each run raised (a finding raised by runs 3 and 4 has last_run 4
-- and appears here twice): `report --run 3` and audits read it.
CREATE TABLE run_findings (
  run_id      INTEGER NOT NULL REFERENCES runs(id),
  finding_id  TEXT NOT NULL REFERENCES findings(id),
  is_new      INTEGER NOT NULL DEFAULT 0 CHECK (is_new IN (0, 1)),
  PRIMARY KEY (run_id, finding_id)
) WITHOUT ROWID;
CREATE INDEX run_findings_finding ON run_findings(finding_id);

-- One item per side of a finding, as of its last run.
CREATE TABLE evidence (
  finding_id  TEXT NOT NULL REFERENCES findings(id),
  ordinal     INTEGER NOT NULL,
  source_id   INTEGER NOT NULL REFERENCES sources(id),
  version_id  INTEGER NOT NULL REFERENCES source_versions(id),
  file        TEXT NOT NULL,              -- the source's file as stored
  start       INTEGER NOT NULL,           -- byte offsets of the claim in source_versions.text
  end         INTEGER NOT NULL,
  text        TEXT NOT NULL,              -- the sentence(s) holding the claim, verbatim
  fields      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),  -- speaker, quote, date, value, title ...
  PRIMARY KEY (finding_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX evidence_source ON evidence(source_id);

-- Review decisions, newest last; findings.status holds the latest.
CREATE TABLE reviews (
  id          INTEGER PRIMARY KEY,
  finding_id  TEXT NOT NULL REFERENCES findings(id),
  status      TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'dismissed')),
  note        TEXT,
  at          TEXT NOT NULL               -- ISO 8601 UTC
);
CREATE INDEX reviews_finding ON reviews(finding_id, id);

CREATE VIEW findings_v AS
SELECT f.id AS finding_id, f.kind, f.severity, f.confidence, f.status, f.summary, f.explanation,
       (SELECT group_concat(file, ' | ') FROM
          (SELECT DISTINCT e.file FROM evidence e WHERE e.finding_id = f.id ORDER BY e.file)) AS sources,
       (SELECT count(DISTINCT e.source_id) FROM evidence e WHERE e.finding_id = f.id) AS source_count,
       f.first_run, (SELECT r.started_at FROM runs r WHERE r.id = f.first_run) AS first_seen,
       f.last_run, (SELECT r.started_at FROM runs r WHERE r.id = f.last_run) AS last_seen,
       f.last_run = (SELECT max(r.id) FROM runs r) AS in_latest_run,
       (SELECT v.note FROM reviews v WHERE v.finding_id = f.id ORDER BY v.id DESC LIMIT 1) AS review_note,
       f.details
FROM findings f;

CREATE VIEW evidence_v AS
SELECT e.finding_id, f.kind, f.severity, f.status, e.ordinal, e.source_id, e.version_id, e.file,
       v.outlet, v.published, v.is_current AS current_version, e.start, e.end, e.text,
       json_extract(e.fields, '$.speaker') AS speaker,
       json_extract(e.fields, '$.quote') AS quote,
       json_extract(e.fields, '$.date') AS date,
       json_extract(e.fields, '$.value') AS value,
       json_extract(e.fields, '$.title') AS title,
       e.fields
FROM evidence e
JOIN findings f ON f.id = e.finding_id
JOIN source_versions v ON v.id = e.version_id;
