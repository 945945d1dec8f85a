// The unresolved sub-agent spawns (`missing` or `pending`) in the tree of each given session: its
// own and those of every sub-agent session below it. They are what Session.missingSubagents counts
// (rollup/refresh-session-costs): children whose cost the inclusive total cannot hold. DataLoader
// batch; at most $limit spawns per session, in start order.
UNWIND $sessionIds AS rootId
MATCH (root:Session {projectId: $projectId, id: rootId})
CALL (root) {
  MATCH (root)-[:HAS_SPAN|SPAWNED*1..40]->(sp:Span)
  WHERE sp.kind = 'SUBAGENT' AND sp.spawnStatus IN ['missing', 'pending']
  WITH DISTINCT sp
  ORDER BY sp.startedAt, sp.id
  LIMIT $limit
  OPTIONAL MATCH (sp)-[:SPAWNED]->(child:Session)
  RETURN sp, child
}
RETURN rootId, sp.sessionId AS parentSessionId, sp.id AS spanId, sp.spawnStatus AS status,
       sp.spawnLabel AS label, sp.spawnTask AS task, sp.startedAt AS startedAt,
       coalesce(child.id, sp.childSessionId) AS childSessionId, sp.spawnChildSessionKey AS childSessionKey
ORDER BY rootId, startedAt, spanId
