// Flat cost rows of LLM calls grouped by one or two dimensions, for BI tools and notebooks.
// $dim1 / $dim2 ∈ model, provider, agent, skill, session, source, day, week (its
// Monday), hour, none: chosen from an
// allowlist by the caller and passed as values, never spliced into the query text.
// Filters (all optional): span start in [$from, $to), agent, skill, source, session ids.
// Unpriced calls (unknown model) are counted beside the total, never as $0.
MATCH (s:Session {projectId: $projectId})-[:HAS_SPAN]->(sp:Span {kind: 'LLM'})
WHERE ($from IS NULL OR sp.startedAt >= $from)
  AND ($to IS NULL OR sp.startedAt < $to)
  AND ($agentId IS NULL OR s.agentId = $agentId)
  AND ($skill IS NULL OR s.skill = $skill)
  AND ($source IS NULL OR s.source = $source)
  AND ($sessionIds IS NULL OR s.id IN $sessionIds)
WITH s, sp,
     [d IN [$dim1, $dim2] |
       CASE d
         WHEN 'model' THEN sp.model
         WHEN 'provider' THEN sp.provider
         WHEN 'agent' THEN s.agentId
         WHEN 'skill' THEN s.skill
         WHEN 'session' THEN s.id
         WHEN 'source' THEN s.source
         WHEN 'day' THEN substring(sp.startedAt, 0, 10)
         WHEN 'week' THEN CASE WHEN sp.startedAt IS NULL THEN null ELSE toString(date.truncate('week', date(substring(sp.startedAt, 0, 10)))) END
         WHEN 'hour' THEN substring(sp.startedAt, 0, 13) + ':00'
         ELSE null
       END] AS keys
RETURN keys[0] AS key1, keys[1] AS key2,
       sum(coalesce(sp.costUsd, 0.0)) AS costUsd,
       count(sp) AS llmCalls,
       count(CASE WHEN sp.status = 'error' THEN 1 END) AS errors,
       sum(coalesce(sp.inputTokens, 0)) AS inputTokens,
       sum(coalesce(sp.outputTokens, 0)) AS outputTokens,
       sum(coalesce(sp.cacheReadTokens, 0)) AS cacheReadTokens,
       sum(coalesce(sp.cacheWriteTokens, 0)) AS cacheWriteTokens,
       count(CASE WHEN sp.costUsd IS NULL THEN 1 END) AS unpricedCalls,
       sum(CASE WHEN sp.costUsd IS NULL
                THEN coalesce(sp.inputTokens, 0) + coalesce(sp.outputTokens, 0) + coalesce(sp.cacheReadTokens, 0) + coalesce(sp.cacheWriteTokens, 0)
                ELSE 0 END) AS unpricedTokens,
       count(DISTINCT s) AS sessions,
       sum(coalesce(sp.durationMs, 0)) AS durationMs
ORDER BY costUsd DESC, key1, key2
