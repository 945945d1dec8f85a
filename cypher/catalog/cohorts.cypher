// Cohorts a distillation can learn from, with session counts, spend and outcomes ($kind: 'skill',
// 'agent', 'task' or null for all). Skills count sessions tagged with the skill (FOR_SKILL) and
// sessions it was detected in (USED_SKILL), with how it was detected; agents group by agent id, or
// by name when the source gave none; recurring tasks are Cohort nodes, a prompt template only once
// two sessions share it. Spend sums each session's own cost, so a sub-agent is not counted twice;
// outcomes are recorded ones, else inferred ones (`inferred` says how many of them are).
CALL () {
  WITH 1 AS one WHERE $kind IS NULL OR $kind = 'skill'
  MATCH (k:Skill {projectId: $projectId})
  CALL (k) {
    MATCH (s:Session)-[r]->(k)
    WHERE type(r) IN ['FOR_SKILL', 'USED_SKILL']
    RETURN collect(DISTINCT s) AS members,
           collect(DISTINCT CASE WHEN type(r) = 'FOR_SKILL' THEN 'recorded' ELSE r.detectedBy END) AS detectedBy
  }
  RETURN 'skill' AS kind, k.name AS key, k.name AS name, members, detectedBy
  UNION ALL
  WITH 1 AS one WHERE $kind IS NULL OR $kind = 'agent'
  MATCH (s:Session {projectId: $projectId})
  WHERE coalesce(s.agentId, s.agentName) IS NOT NULL AND NOT coalesce(s.placeholder, false)
  WITH coalesce(s.agentId, s.agentName) AS key, collect(s) AS members,
       CASE WHEN count(s.agentId) > 0 THEN 'agent_id' ELSE 'agent_name' END AS how
  RETURN 'agent' AS kind, key, key AS name, members, [how] AS detectedBy
  UNION ALL
  WITH 1 AS one WHERE $kind IS NULL OR $kind = 'task'
  MATCH (c:Cohort {projectId: $projectId, kind: 'task'})
  CALL (c) {
    MATCH (s:Session)-[r]->(c)
    WHERE type(r) = 'IN_COHORT'
    RETURN collect(DISTINCT s) AS members, count(CASE WHEN r.via = 'task' THEN 1 END) AS runs
  }
  WITH c, members, runs WHERE c.detectedBy <> 'prompt_template' OR runs >= 2
  RETURN 'task' AS kind, c.key AS key, c.name AS name, members, [c.detectedBy] AS detectedBy
}
WITH kind, key, name, members, detectedBy WHERE size(members) > 0
RETURN kind, key, name, detectedBy, size(members) AS sessions,
       reduce(t = 0.0, s IN members | t + coalesce(s.ownCostUsd, 0.0)) AS costUsd,
       size([s IN members WHERE coalesce(s.outcome, s.inferredOutcome) = 'success']) AS successes,
       size([s IN members WHERE coalesce(s.outcome, s.inferredOutcome) = 'failure']) AS failures,
       size([s IN members WHERE s.outcome IS NULL AND s.inferredOutcome IS NOT NULL]) AS inferred
ORDER BY costUsd DESC, sessions DESC, kind, key
LIMIT $limit
