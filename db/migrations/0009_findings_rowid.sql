-- findings becomes a rowid table; its id stays the primary key (a unique
-- index) and every column, constraint and reference is as before.
--
-- As a WITHOUT ROWID table, findings kept its rows in the pages of an index
-- b-tree, where a row of more than about a thousand bytes keeps the rest in
-- an overflow page of its own: a 4 KB page for the few hundred bytes left of
-- an altered quote's details. A fifth of the findings of a 10k check did, and
-- the table was 24 MB for 11 MB of rows, 12 MB of it empty overflow space. A
-- rowid table keeps rows of up to 4 KB in its leaves: 14 MB with its id
-- index, and recording that check writes a third fewer pages.
--
-- Migrations run with foreign keys off and are checked before they commit
-- (store.cpp, Migrate): the table is rebuilt, dropped and renamed under the
-- rows of evidence, run_findings and reviews that name it. The views that
-- read findings are left as they are (legacy_alter_table: the rename neither
-- rewrites nor checks them, and they name findings again once it is done).

PRAGMA legacy_alter_table = ON;

CREATE TABLE findings_rowid (
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
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed')),
  evidence_hash TEXT                      -- see 0005_audits.sql
);

-- In id order, the order recording writes them in.
INSERT INTO findings_rowid(id, kind, severity, confidence, summary, explanation, details, first_run, last_run,
                           status, evidence_hash)
SELECT id, kind, severity, confidence, summary, explanation, details, first_run, last_run, status, evidence_hash
FROM findings ORDER BY id;

DROP TABLE findings;
ALTER TABLE findings_rowid RENAME TO findings;
CREATE INDEX findings_last_run ON findings(last_run);

PRAGMA legacy_alter_table = OFF;
