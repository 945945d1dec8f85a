// Sessions stored before schema version 3 whose count of unresolved spawns below them
// (Session.missingSubagents, rollup/refresh-session-costs) was never computed and is not zero:
// the sessions holding a `missing`/`pending` spawn and every session above them, per project.
// Every other session reads an absent count as 0, which is right for it, so only these are redone.
MATCH (sp:Span)
WHERE sp.projectId IS NOT NULL AND sp.spawnStatus IN ['missing', 'pending'] AND sp.kind = 'SUBAGENT'
MATCH (holder:Session {projectId: sp.projectId, id: sp.sessionId})
CALL (holder) {
  RETURN holder AS affected
  UNION
  MATCH (ancestor:Session)-[:HAS_SPAN|SPAWNED*2..40]->(holder)
  RETURN ancestor AS affected
}
WITH DISTINCT affected
WHERE affected.missingSubagents IS NULL AND affected.costsRefreshedAt IS NOT NULL
RETURN affected.projectId AS projectId, collect(affected.id) AS sessionIds
