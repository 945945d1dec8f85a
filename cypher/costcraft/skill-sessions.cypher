// The sessions a distillation reads: the given ids when there are any (whatever their skill); else
// the cohort's sessions — an agent (by id, or by name when the source gave no id), a recurring
// task (cohort key), or a skill (recorded on the session, or detected: USED_SKILL). The outcome is
// the recorded one (recordOutcome, record-outcomes) when there is one, else the inferred one, and
// says which (outcomeSource).
MATCH (s:Session {projectId: $projectId})
WHERE NOT coalesce(s.placeholder, false)
  AND CASE
    WHEN $sessionIds IS NOT NULL THEN s.id IN $sessionIds
    WHEN $cohortKind = 'agent' THEN coalesce(s.agentId, s.agentName) = $cohortKey
    WHEN $cohortKind = 'task' THEN EXISTS { (s)-[:IN_COHORT]->(:Cohort {projectId: $projectId, id: 'task:' + $cohortKey}) }
    ELSE s.skill = $skill OR EXISTS { (s)-[:USED_SKILL]->(:Skill {projectId: $projectId, name: $skill}) }
  END
RETURN s.id AS id, s.task AS task, coalesce(s.outcome, s.inferredOutcome) AS outcome,
       CASE WHEN s.outcome IS NOT NULL THEN 'recorded' WHEN s.inferredOutcome IS NOT NULL THEN 'inferred' END AS outcomeSource,
       CASE WHEN s.outcome IS NULL THEN s.inferredConfidence END AS outcomeConfidence,
       s.score AS score,
       coalesce(s.totalCostUsd, 0.0) AS totalCostUsd, coalesce(s.totalUnpricedCalls, 0) AS unpricedCalls,
       coalesce(s.spanCount, 0) AS spanCount
ORDER BY s.id
