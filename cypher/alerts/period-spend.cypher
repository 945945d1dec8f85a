// The LLM spend of a project within a period (from `fromHour`, an ISO hour 'YYYY-MM-DDTHH'), summed
// from the usage cells finalisation keeps per session, model and hour; narrowed to one agent or to
// the sessions that ran one skill (recorded or detected). A cell's hour is its calls' start hour.
MATCH (c:UsageCell {projectId: $projectId})
WHERE c.hour >= $fromHour
  AND ($scope = 'PROJECT'
       OR ($scope = 'AGENT' AND c.agentId = $scopeValue)
       OR ($scope = 'SKILL' AND (c.skill = $scopeValue
            OR EXISTS { MATCH (:Session {projectId: $projectId, id: c.sessionId})-[used]->(:Skill {projectId: $projectId, name: $scopeValue})
                        WHERE type(used) = 'USED_SKILL' })))
RETURN sum(coalesce(c.costUsd, 0.0)) AS spentUsd
