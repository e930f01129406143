-- How many stored sentences hold each content stem, as the comparator's
-- sentence alignment counts them.
--
-- An audit compares new sources with the few stored sources around them
-- (engine/audit_scope.h), not with the whole corpus. An alignment key held by
-- more than alignment.max_postings sentences of the corpus is too common to
-- pair sentences; counted over the audit's few sources it would look rare.
-- A check (every source compared) rewrites these counts; an audit adds those
-- of its new and changed sources. Statistics only: losing them costs
-- precision in audits until the next check, never stored data.

CREATE TABLE stem_counts (
  stem       TEXT PRIMARY KEY,
  sentences  INTEGER NOT NULL CHECK (sentences >= 0)
) WITHOUT ROWID;
