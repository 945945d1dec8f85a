// Replaces the recurring-task cohort of the given sessions: (:Session)-[:IN_COHORT {via}]->(:Cohort
// {kind: 'task'}). `via: 'task'` for the session whose prompt or key names the task; the sub-agent
// sessions it spawned (transitively) join with `via: 'spawned'`, since they did the task's work.
// A sub-agent with a cohort of its own keeps it as well.
UNWIND $rows AS row
MATCH (s:Session {projectId: $projectId, id: row.sessionId})
CALL (s) {
  OPTIONAL MATCH (s)-[old]->(:Cohort)
  WHERE type(old) = 'IN_COHORT' AND old.via = 'task'
  DELETE old
}
WITH s, row WHERE row.key IS NOT NULL
MERGE (c:Cohort {projectId: $projectId, id: 'task:' + row.key})
SET c.kind = 'task', c.key = row.key, c.name = row.name, c.detectedBy = row.detectedBy
MERGE (s)-[:IN_COHORT {via: 'task'}]->(c)
WITH s, c
CALL (s, c) {
  OPTIONAL MATCH (s)-[:HAS_SPAN|SPAWNED*2..40]->(child:Session)
  WITH DISTINCT child WHERE child IS NOT NULL
  MERGE (child)-[:IN_COHORT {via: 'spawned'}]->(c)
}
RETURN count(*) AS linked
