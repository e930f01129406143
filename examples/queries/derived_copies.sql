-- Which sources are copies (or spins, or rewrites) of which originals?
-- From the latest run's derived_copy findings; share is the part of the copy's
-- sentences that align with the original.
SELECT derived_file, derived_outlet, relation, original_file, original_outlet,
       round(share, 2) AS share, status
FROM derived_copies_v
ORDER BY original_file, derived_file;
