// rollup/cost-by over the materialised usage cells (rollup/refresh-usage-cells) instead of the LLM
// spans: the same rows, read from one cell per session × model × provider × hour. The caller uses
// it when the time range is unbounded or falls on whole hours ($fromHour / $toHour are the
// `YYYY-MM-DDTHH` prefixes of such bounds); other ranges go to rollup/cost-by.
MATCH (c:UsageCell {projectId: $projectId})
WHERE ($fromHour IS NULL OR c.hour >= $fromHour)
  AND ($toHour IS NULL OR c.hour < $toHour)
  AND ($agentId IS NULL OR c.agentId = $agentId)
  AND ($skill IS NULL OR c.skill = $skill)
  AND ($source IS NULL OR c.source = $source)
  AND ($sessionIds IS NULL OR c.sessionId IN $sessionIds)
WITH c,
     [d IN [$dim1, $dim2] |
       CASE d
         WHEN 'model' THEN c.model
         WHEN 'provider' THEN c.provider
         WHEN 'agent' THEN c.agentId
         WHEN 'skill' THEN c.skill
         WHEN 'session' THEN c.sessionId
         WHEN 'source' THEN c.source
         WHEN 'day' THEN substring(c.hour, 0, 10)
         WHEN 'week' THEN CASE WHEN c.hour IS NULL THEN null ELSE toString(date.truncate('week', date(substring(c.hour, 0, 10)))) END
         WHEN 'hour' THEN c.hour + ':00'
         ELSE null
       END] AS keys
RETURN keys[0] AS key1, keys[1] AS key2,
       sum(c.costUsd) AS costUsd,
       sum(c.llmCalls) AS llmCalls,
       sum(c.errors) AS errors,
       sum(c.inputTokens) AS inputTokens,
       sum(c.outputTokens) AS outputTokens,
       sum(c.cacheReadTokens) AS cacheReadTokens,
       sum(c.cacheWriteTokens) AS cacheWriteTokens,
       sum(c.unpricedCalls) AS unpricedCalls,
       sum(c.unpricedTokens) AS unpricedTokens,
       count(DISTINCT c.sessionId) AS sessions,
       sum(c.durationMs) AS durationMs
ORDER BY costUsd DESC, key1, key2
