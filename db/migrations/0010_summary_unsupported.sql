-- A finding kind for summaries: summary_unsupported, a figure or date that a
-- short source gives and the article it summarises never does (see
-- engine/compare_summaries.cpp). The kind's CHECK is part of the findings
-- table, so the table is rebuilt as 0009 rebuilt it: every column, row,
-- constraint and reference stays as it was; the views are left as they are.
--
-- Migrations run with foreign keys off and are checked before they commit
-- (store.cpp, Migrate).

PRAGMA legacy_alter_table = ON;

CREATE TABLE findings_kinds (
  id           TEXT PRIMARY KEY,          -- stable id
  kind         TEXT NOT NULL CHECK (kind IN ('misattributed_quote', 'altered_quote', 'name_variant',
                 'role_conflict', 'date_conflict', 'number_conflict', 'list_conflict',
                 'certainty_change', 'uncorroborated_quote', 'derived_copy', 'summary_unsupported')),
  severity     TEXT NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
  confidence   REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  summary      TEXT NOT NULL,
  explanation  TEXT NOT NULL,
  details      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  first_run    INTEGER NOT NULL REFERENCES runs(id),
  last_run     INTEGER NOT NULL REFERENCES runs(id),
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed')),
  evidence_hash TEXT                      -- see 0005_audits.sql
);

INSERT INTO findings_kinds(id, kind, severity, confidence, summary, explanation, details, first_run, last_run,
                           status, evidence_hash)
SELECT id, kind, severity, confidence, summary, explanation, details, first_run, last_run, status, evidence_hash
FROM findings ORDER BY rowid;

DROP TABLE findings;
ALTER TABLE findings_kinds RENAME TO findings;
CREATE INDEX findings_last_run ON findings(last_run);

PRAGMA legacy_alter_table = OFF;
