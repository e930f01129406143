-- Which people are given different titles by different sources?
-- People whose titles fall in more than one role class (boss and chief executive
-- are one class), with each source's wording.
SELECT person, count(DISTINCT role_class) AS classes,
       group_concat(title || ' (' || file || ')', ' | ') AS titles
FROM (SELECT person, role_class, title, file FROM roles_v WHERE person IS NOT NULL ORDER BY person, file)
GROUP BY person
HAVING count(DISTINCT role_class) > 1
ORDER BY person;
