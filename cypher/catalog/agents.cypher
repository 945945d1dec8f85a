// Agents with their session counts and cost ($ids narrows to some agents, for DataLoader batches).
// Cost sums each session's own cost, so a sub-agent session is not counted twice.
MATCH (a:Agent {projectId: $projectId})
WHERE $ids IS NULL OR a.id IN $ids
CALL (a) {
  MATCH (s:Session)-[:RUN_BY]->(a)
  RETURN count(s) AS sessions, sum(coalesce(s.ownCostUsd, 0.0)) AS costUsd,
         min(s.startedAt) AS firstSeenAt, max(coalesce(s.endedAt, s.startedAt)) AS lastSeenAt
}
WITH a, sessions, costUsd, firstSeenAt, lastSeenAt WHERE sessions > 0
RETURN a.id AS id, a.name AS name, sessions, costUsd, firstSeenAt, lastSeenAt
ORDER BY costUsd DESC, id
LIMIT $limit
