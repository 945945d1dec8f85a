// A spawn whose child session is in the graph is `linked`, and that child is a sub-agent, whichever of the two was written or assembled first: a
// parent assembled before its child said `pending`/`missing`, a child assembled alone said `main`.
// A child still a placeholder (its transcript or events never came) leaves the status as the source
// gave it, except that `linked` becomes `missing`.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})-[:HAS_SPAN]->(sp:Span {kind: 'SUBAGENT'})-[:SPAWNED]->(child:Session)
WITH sp, child, NOT coalesce(child.placeholder, false) AS present
CALL (sp, child, present) {
  WITH sp, child, present
  WHERE (present AND NOT coalesce(sp.spawnStatus, '') IN ['linked', 'refused'])
     OR (NOT present AND sp.spawnStatus = 'linked')
  SET sp.spawnStatus = CASE WHEN present THEN 'linked' ELSE 'missing' END
}
CALL (sp, child, present) {
  WITH sp, child WHERE present AND child.role = 'main'
  SET child.role = 'subagent'
}
RETURN count(sp) AS checked
