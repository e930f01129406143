-- Audits (crosscheck audit) and the evidence a review saw.
--
-- An audit alerts on the findings it raises that no earlier audit raised, and
-- on dismissed findings whose evidence changed since they were dismissed (any
-- run reopens those: status back to 'open', with a review row saying why; the
-- next audit that raises them alerts). A dismissed finding with unchanged
-- evidence never alerts again.

-- Hash of the finding's evidence as of its last run (XXH3-64 hex over the kind
-- and each item's source, text and fields); NULL when recorded before this
-- migration.
ALTER TABLE findings ADD COLUMN evidence_hash TEXT;

-- findings.evidence_hash when the review was made (NULL before this migration).
ALTER TABLE reviews ADD COLUMN evidence_hash TEXT;

-- 1 when this (audit) run alerted on the finding: new since the previous audit,
-- or reopened since. Always 0 for check runs.
ALTER TABLE run_findings ADD COLUMN alert INTEGER NOT NULL DEFAULT 0 CHECK (alert IN (0, 1));
-- 1 when this run (check or audit) reopened the dismissed finding.
ALTER TABLE run_findings ADD COLUMN reopened INTEGER NOT NULL DEFAULT 0 CHECK (reopened IN (0, 1));

-- The highest source version id the run compared (its corpus); an audit
-- compares only the versions stored after the previous audit's.
ALTER TABLE runs ADD COLUMN last_version_id INTEGER;
