// The sessions that (transitively) spawned the given sessions: their totals change when a child's do.
UNWIND $sessionIds AS sessionId
MATCH (child:Session {projectId: $projectId, id: sessionId})
MATCH (ancestor:Session)-[:HAS_SPAN|SPAWNED*2..40]->(child)
WHERE ancestor.projectId = $projectId
RETURN DISTINCT ancestor.id AS id
