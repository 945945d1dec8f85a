// rollup/cost-by-tool over the materialised tool usage cells (rollup/refresh-usage-cells): the same
// rows, read from one cell per session × tool × start hour × model of the requesting LLM call. The
// caller uses it when the time range is unbounded or falls on whole hours (see rollup/cost-by-cells).
MATCH (c:ToolUsageCell {projectId: $projectId})
WHERE ($fromHour IS NULL OR c.hour >= $fromHour)
  AND ($toHour IS NULL OR c.hour < $toHour)
  AND ($agentId IS NULL OR c.agentId = $agentId)
  AND ($skill IS NULL OR c.skill = $skill)
  AND ($source IS NULL OR c.source = $source)
  AND ($sessionIds IS NULL OR c.sessionId IN $sessionIds)
WITH c,
     CASE $dim2
       WHEN 'model' THEN c.llmModel
       WHEN 'agent' THEN c.agentId
       WHEN 'skill' THEN c.skill
       WHEN 'session' THEN c.sessionId
       WHEN 'source' THEN c.source
       WHEN 'day' THEN substring(c.hour, 0, 10)
       WHEN 'week' THEN CASE WHEN c.hour IS NULL THEN null ELSE toString(date.truncate('week', date(substring(c.hour, 0, 10)))) END
       WHEN 'hour' THEN c.hour + ':00'
       ELSE null
     END AS key2
RETURN c.toolName AS key1, key2,
       sum(c.attributedCostUsd) AS attributedCostUsd,
       sum(c.calls) AS calls,
       sum(c.errors) AS errors,
       count(DISTINCT c.sessionId) AS sessions,
       sum(c.durationMs) AS durationMs,
       sum(c.resultChars) AS resultChars
ORDER BY attributedCostUsd DESC, calls DESC, key1, key2
