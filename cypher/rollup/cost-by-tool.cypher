// Flat rows per tool (optionally by a second dimension). A tool call has no token cost of its own;
// the cost of the LLM call that requested it is split evenly over the tool calls of that response
// (`attributedCostUsd`, labelled as an attribution), so the rows sum to the cost of tool-calling
// LLM calls. Same filters as rollup/cost-by.
MATCH (s:Session {projectId: $projectId})-[:HAS_SPAN]->(sp:Span)
WHERE sp.kind IN ['TOOL', 'SUBAGENT'] AND sp.toolName IS NOT NULL
  AND ($from IS NULL OR sp.startedAt >= $from)
  AND ($to IS NULL OR sp.startedAt < $to)
  AND ($agentId IS NULL OR s.agentId = $agentId)
  AND ($skill IS NULL OR s.skill = $skill)
  AND ($source IS NULL OR s.source = $source)
  AND ($sessionIds IS NULL OR s.id IN $sessionIds)
OPTIONAL MATCH (llm:Span {kind: 'LLM'})-[:CALLED]->(sp)
CALL (llm) {
  OPTIONAL MATCH (llm)-[:CALLED]->(sibling:Span) WHERE sibling.kind IN ['TOOL', 'SUBAGENT']
  RETURN count(sibling) AS toolsOfCall
}
WITH s, sp,
     CASE WHEN llm IS NULL OR toolsOfCall = 0 THEN 0.0 ELSE coalesce(llm.costUsd, 0.0) / toolsOfCall END AS attributed,
     CASE $dim2
       WHEN 'model' THEN llm.model
       WHEN 'agent' THEN s.agentId
       WHEN 'skill' THEN s.skill
       WHEN 'session' THEN s.id
       WHEN 'source' THEN s.source
       WHEN 'day' THEN substring(sp.startedAt, 0, 10)
       WHEN 'week' THEN CASE WHEN sp.startedAt IS NULL THEN null ELSE toString(date.truncate('week', date(substring(sp.startedAt, 0, 10)))) END
       WHEN 'hour' THEN substring(sp.startedAt, 0, 13) + ':00'
       ELSE null
     END AS key2
RETURN sp.toolName AS key1, key2,
       sum(attributed) AS attributedCostUsd,
       count(sp) AS calls,
       count(CASE WHEN sp.status = 'error' THEN 1 END) AS errors,
       count(DISTINCT s) AS sessions,
       sum(coalesce(sp.durationMs, 0)) AS durationMs,
       sum(coalesce(sp.resultChars, 0)) AS resultChars
ORDER BY attributedCostUsd DESC, calls DESC, key1, key2
