// Skills with their sessions (tagged with the skill, or where it was detected: USED_SKILL), recorded outcomes (successes, failures, average score) and cost.
MATCH (k:Skill {projectId: $projectId})
CALL (k) {
  MATCH (s:Session)-[r]->(k)
  WHERE type(r) IN ['FOR_SKILL', 'USED_SKILL']
  WITH DISTINCT s
  RETURN count(s) AS sessions,
         count(CASE WHEN s.outcome = 'success' THEN 1 END) AS successes,
         count(CASE WHEN s.outcome = 'failure' THEN 1 END) AS failures,
         avg(s.score) AS averageScore,
         sum(coalesce(s.ownCostUsd, 0.0)) AS costUsd
}
WITH k, sessions, successes, failures, averageScore, costUsd WHERE sessions > 0
RETURN k.name AS name, sessions, successes, failures, averageScore, costUsd
ORDER BY sessions DESC, name
LIMIT $limit
