// TraceCard: the session and every sub-agent session it spawned (any depth, following
// Session-HAS_SPAN->Span-SPAWNED->Session), one row each with its depth (spawn hops), the stored
// rollup costs and aggregates of its own spans. Row 0 (depth 0) is the session itself.
MATCH (root:Session {projectId: $projectId, id: $sessionId})
CALL (root) {
  RETURN root AS s, 0 AS depth
  UNION
  MATCH p = (root)-[:HAS_SPAN|SPAWNED*2..40]->(child:Session)
  WHERE child.projectId = $projectId
  RETURN child AS s, min(length(p)) / 2 AS depth
}
WITH s, min(depth) AS depth
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(sp:Span)
  RETURN count(sp) AS spans,
         count(CASE WHEN sp.kind = 'LLM' THEN 1 END) AS llmCalls,
         count(CASE WHEN sp.kind = 'TOOL' THEN 1 END) AS toolCalls,
         count(CASE WHEN sp.kind = 'SUBAGENT' THEN 1 END) AS subagentCalls,
         count(CASE WHEN sp.status = 'error' THEN 1 END) AS errors,
         sum(coalesce(sp.inputTokens, 0)) AS inputTokens,
         sum(coalesce(sp.outputTokens, 0)) AS outputTokens,
         sum(coalesce(sp.cacheReadTokens, 0)) AS cacheReadTokens,
         sum(coalesce(sp.cacheWriteTokens, 0)) AS cacheWriteTokens,
         sum(coalesce(sp.reasoningTokens, 0)) AS reasoningTokens,
         sum(coalesce(sp.costUsd, 0.0)) AS costUsd,
         count(CASE WHEN sp.kind = 'LLM' AND sp.costUsd IS NULL THEN 1 END) AS unpricedCalls,
         sum(CASE WHEN sp.kind = 'LLM' AND sp.costUsd IS NULL
                  THEN coalesce(sp.inputTokens, 0) + coalesce(sp.outputTokens, 0) + coalesce(sp.cacheReadTokens, 0) + coalesce(sp.cacheWriteTokens, 0)
                  ELSE 0 END) AS unpricedTokens,
         // Cost sources of the spans that carry a cost: LLM calls, and other spans with a cost of
         // their own (aggregate usage); tool spans are "computed" at $0 and would only add noise.
         count(CASE WHEN sp.costSource = 'reported' AND (sp.kind = 'LLM' OR sp.costUsd > 0) THEN 1 END) AS reportedCosts,
         count(CASE WHEN sp.costSource = 'computed' AND (sp.kind = 'LLM' OR sp.costUsd > 0) THEN 1 END) AS computedCosts,
         count(CASE WHEN sp.costSource = 'override' AND (sp.kind = 'LLM' OR sp.costUsd > 0) THEN 1 END) AS overrideCosts,
         count(CASE WHEN sp.kind = 'LLM' AND sp.costSource = 'unpriced' THEN 1 END) AS unpricedCosts,
         collect(DISTINCT CASE WHEN sp.kind = 'LLM' OR sp.costUsd > 0 THEN sp.priceVersion END) AS priceVersions,
         min(sp.startedAt) AS firstSpanAt,
         max(coalesce(sp.endedAt, sp.startedAt)) AS lastSpanAt
}
// The last LLM call says whether the session ended on a working call; the last assistant text is
// the sub-agent's answer (OpenClaw previews of thinking-only messages start with "[thinking]").
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(l:Span {kind: 'LLM'})
  WITH l ORDER BY l.seq DESC
  WITH collect(l) AS calls
  RETURN calls[0].status AS lastLlmStatus,
         [c IN calls WHERE c.textPreview IS NOT NULL AND trim(c.textPreview) <> '' AND NOT c.textPreview STARTS WITH '[thinking]' | c.textPreview][0] AS lastLlmText
}
RETURN s.id AS id, s.externalId AS externalId, s.source AS source, s.agentId AS agentId, s.agentName AS agentName,
       s.task AS task, s.skill AS skill, s.outcome AS outcome, s.status AS status, s.role AS role, s.pending = true AS pending,
       s.startedAt AS startedAt, s.endedAt AS endedAt, s.origin AS origin, depth,
       s.parentSpanId AS parentSpanId, s.parentSessionId AS parentSessionId,
       s.ownCostUsd AS ownCostUsd, s.totalCostUsd AS totalCostUsd,
       spans, llmCalls, toolCalls, subagentCalls, errors,
       inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens,
       costUsd, unpricedCalls, unpricedTokens, reportedCosts, computedCosts, overrideCosts, unpricedCosts,
       priceVersions, firstSpanAt, lastSpanAt, lastLlmStatus, lastLlmText
ORDER BY depth, id
