// Sessions, idempotent by (projectId, id). Several batches may describe one session (OTLP
// requests, live events, a grown transcript), in any order: bounds widen (earliest start, latest
// end) and other fields are overwritten only by non-null values. A `partial` record (one OTLP
// request's view of a session) merges instead: `failed` beats `completed` beats `open`, and the
// agent identity with the lowest rank, then the smallest name, wins — the same result whatever
// order the requests arrive in. A session first created as a placeholder (a span or spawn arrived
// first) is completed here; a new session is pending until the finaliser has run over it.
UNWIND $rows AS row
MERGE (s:Session {projectId: $projectId, id: row.id})
ON CREATE SET s.pending = true, s.pendingSince = $now, s.dirtyAt = $now
// Written first: takes the session's write lock, so what follows reads the stored values under it
// and two requests merging partial records into one session cannot both win.
SET s.writtenAt = $now
WITH s, row,
     CASE row.status WHEN 'failed' THEN 2 WHEN 'completed' THEN 1 ELSE 0 END AS statusRank,
     CASE s.status WHEN 'failed' THEN 2 WHEN 'completed' THEN 1 ELSE 0 END AS storedStatusRank,
     coalesce(row.agentName, '') + '|' + coalesce(row.agentId, '') AS agentKey,
     coalesce(s.agentName, '') + '|' + coalesce(s.agentId, '') AS storedAgentKey
WITH s, row, statusRank, storedStatusRank, s.role AS storedRole,
     (row.agentName IS NOT NULL OR row.agentId IS NOT NULL) AND (
       row.agentRank IS NULL OR s.agentRank IS NULL OR row.agentRank < s.agentRank
       OR (row.agentRank = s.agentRank AND (NOT row.partial OR agentKey < storedAgentKey))
     ) AS takeAgent
SET s += row.props,
    s.placeholder = false,
    // A session assembled from partial records takes its time bounds from its spans at
    // finalisation (a re-sent span may have left it); see finaliser/span-bounds.
    s.spanBounds = CASE WHEN row.partial THEN true ELSE s.spanBounds END,
    // Once a spawn showed the session is a sub-agent, a record that could not see the spawn (plugin
    // events of the child's trace alone) does not make it a main session again.
    s.role = CASE WHEN storedRole = 'subagent' AND row.props.role = 'main' THEN storedRole ELSE row.props.role END,
    s.status = CASE WHEN row.partial AND storedStatusRank > statusRank THEN s.status ELSE row.status END,
    s.agentName = CASE WHEN takeAgent THEN row.agentName ELSE s.agentName END,
    s.agentId = CASE WHEN takeAgent THEN row.agentId ELSE s.agentId END,
    s.agentRank = CASE WHEN takeAgent THEN row.agentRank ELSE s.agentRank END,
    s.startedAt = CASE WHEN row.startedAt IS NOT NULL AND (s.startedAt IS NULL OR row.startedAt < s.startedAt) THEN row.startedAt ELSE s.startedAt END,
    s.endedAt = CASE WHEN row.endedAt IS NOT NULL AND (s.endedAt IS NULL OR row.endedAt > s.endedAt) THEN row.endedAt ELSE s.endedAt END
WITH s, row
CALL (s) {
  // One agent per session: a partial record may have named another agent before this one won.
  OPTIONAL MATCH (s)-[stale:RUN_BY]->(other:Agent)
  WHERE s.agentId IS NULL OR other.id <> s.agentId
  DELETE stale
  WITH other
  CALL (other) {
    WITH other WHERE other IS NOT NULL AND NOT EXISTS { (:Session)-[:RUN_BY]->(other) }
    DELETE other
  }
}
CALL (s, row) {
  WITH s, row WHERE s.agentId IS NOT NULL
  MERGE (a:Agent {projectId: $projectId, id: s.agentId})
  ON CREATE SET a.name = coalesce(s.agentName, s.agentId)
  MERGE (s)-[:RUN_BY]->(a)
}
CALL (s, row) {
  WITH s, row WHERE row.skill IS NOT NULL
  MERGE (k:Skill {projectId: $projectId, name: row.skill})
  MERGE (s)-[:FOR_SKILL]->(k)
}
RETURN count(s) AS written
