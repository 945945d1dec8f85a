// Sessions, idempotent by (projectId, id). Several batches may describe one session (OTLP
// requests, live events): bounds widen (earliest start, latest end), other fields are overwritten
// only by non-null values. A session first created as a placeholder (a span or spawn arrived
// first) is completed here.
UNWIND $rows AS row
MERGE (s:Session {projectId: $projectId, id: row.id})
SET s += row.props,
    s.placeholder = false,
    s.startedAt = CASE WHEN row.startedAt IS NOT NULL AND (s.startedAt IS NULL OR row.startedAt < s.startedAt) THEN row.startedAt ELSE s.startedAt END,
    s.endedAt = CASE WHEN row.endedAt IS NOT NULL AND (s.endedAt IS NULL OR row.endedAt > s.endedAt) THEN row.endedAt ELSE s.endedAt END
WITH s, row
CALL (s, row) {
  WITH s, row WHERE row.agentId IS NOT NULL
  MERGE (a:Agent {projectId: $projectId, id: row.agentId})
  ON CREATE SET a.name = coalesce(row.props.agentName, row.agentId)
  MERGE (s)-[:RUN_BY]->(a)
}
CALL (s, row) {
  WITH s, row WHERE row.skill IS NOT NULL
  MERGE (k:Skill {projectId: $projectId, name: row.skill})
  MERGE (s)-[:FOR_SKILL]->(k)
}
RETURN count(s) AS written
