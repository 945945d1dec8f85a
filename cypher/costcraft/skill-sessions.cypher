// The sessions a distillation reads: the given ids when there are any (whatever their skill), else
// every session of the skill; with the outcome recorded for them (session.outcome / score, set by
// recordOutcome or record-outcomes).
MATCH (s:Session {projectId: $projectId})
WHERE CASE WHEN $sessionIds IS NULL THEN s.skill = $skill ELSE s.id IN $sessionIds END
RETURN s.id AS id, s.task AS task, s.outcome AS outcome, s.score AS score,
       coalesce(s.totalCostUsd, 0.0) AS totalCostUsd, coalesce(s.totalUnpricedCalls, 0) AS unpricedCalls,
       coalesce(s.spanCount, 0) AS spanCount
ORDER BY s.id
