// Prune evidence 4: sub-agents whose result the parent did not use (outputUseScore of the spawn
// at most $maxScore; heuristic), with the cost of the whole child tree they ran.
MATCH (s:Session {projectId: $projectId})-[:HAS_SPAN]->(sp:Span {kind: 'SUBAGENT'})
WHERE s.id IN $sessionIds AND sp.outputUseScore IS NOT NULL AND sp.outputUseScore <= $maxScore
OPTIONAL MATCH (sp)-[:SPAWNED]->(child:Session)
RETURN sp.id AS spanId, s.id AS sessionId, child.id AS childSessionId, sp.spawnTask AS task,
       sp.outputUseScore AS useScore, coalesce(sp.stepCostUsd, 0.0) AS costUsd, coalesce(child.totalCostUsd, 0.0) AS childCostUsd
ORDER BY childCostUsd DESC, sp.id
