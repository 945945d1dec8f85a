// A spawn whose child session was in the graph when it was finalised is `linked`; one whose child
// is still a placeholder (its transcript never came) is `missing`. Recomputed from the graph at
// finalisation, since parent and child may be imported in either order, apart or together.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})-[:HAS_SPAN]->(sp:Span {kind: 'SUBAGENT'})-[:SPAWNED]->(child:Session)
WITH sp, CASE WHEN coalesce(child.placeholder, false) THEN 'missing' ELSE 'linked' END AS status
WHERE sp.spawnStatus IS NULL OR (sp.spawnStatus IN ['linked', 'missing'] AND sp.spawnStatus <> status)
SET sp.spawnStatus = status
RETURN count(sp) AS updated
