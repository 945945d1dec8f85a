// (:Session)-[:HAS_USAGE]->(:UsageCell): the LLM usage of each given session summed per model,
// provider and start hour, and (:Session)-[:HAS_USAGE]->(:ToolUsageCell): its tool calls summed
// per tool, start hour and model of the requesting LLM call, with the cost attributed as in
// rollup/cost-by-tool. The session's agent, skill and source are copied on. Cost rollups over a
// whole project read these cells (tens of thousands) instead of every span (millions); see
// rollup/cost-by-cells and rollup/cost-by-tool-cells. Rebuilt from scratch for the touched
// sessions at finalise, so late spans, re-imports and changed session attributes all land.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
// Two finalisers can meet on one session (a lease that lapsed while a slow round held the
// session's lock): taking the session's write lock first makes the second wait, then read what the
// first wrote and replace it, instead of adding a second copy beside it.
SET s.refreshLock = true
REMOVE s.refreshLock
WITH s
CALL (s) {
  // Untyped, from the session: see the note in ingest/relink-next.
  OPTIONAL MATCH (s)-[has]->(old)
  WHERE type(has) = 'HAS_USAGE'
  DETACH DELETE old
  RETURN count(old) AS deleted
}
CALL (s) {
  MATCH (s)-[:HAS_SPAN]->(sp:Span {kind: 'LLM'})
  WITH sp.model AS model, sp.provider AS provider, substring(sp.startedAt, 0, 13) AS hour,
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
       sum(coalesce(sp.durationMs, 0)) AS durationMs
  CREATE (s)-[:HAS_USAGE]->(c:UsageCell {
    projectId: $projectId, sessionId: s.id, agentId: s.agentId, skill: s.skill, source: s.source,
    model: model, provider: provider, hour: hour,
    costUsd: costUsd, llmCalls: llmCalls, errors: errors, inputTokens: inputTokens, outputTokens: outputTokens,
    cacheReadTokens: cacheReadTokens, cacheWriteTokens: cacheWriteTokens, unpricedCalls: unpricedCalls,
    unpricedTokens: unpricedTokens, durationMs: durationMs
  })
  RETURN count(c) AS cells
}
CALL (s) {
  MATCH (s)-[:HAS_SPAN]->(sp:Span)
  WHERE sp.kind IN ['TOOL', 'SUBAGENT'] AND sp.toolName IS NOT NULL
  OPTIONAL MATCH (llm:Span {kind: 'LLM'})-[:CALLED]->(sp)
  CALL (llm) {
    OPTIONAL MATCH (llm)-[:CALLED]->(sibling:Span) WHERE sibling.kind IN ['TOOL', 'SUBAGENT']
    RETURN count(sibling) AS toolsOfCall
  }
  WITH sp, llm.model AS llmModel,
       CASE WHEN llm IS NULL OR toolsOfCall = 0 THEN 0.0 ELSE coalesce(llm.costUsd, 0.0) / toolsOfCall END AS attributed
  WITH sp.toolName AS toolName, llmModel, substring(sp.startedAt, 0, 13) AS hour,
       sum(attributed) AS attributedCostUsd,
       count(sp) AS calls,
       count(CASE WHEN sp.status = 'error' THEN 1 END) AS errors,
       sum(coalesce(sp.durationMs, 0)) AS durationMs,
       sum(coalesce(sp.resultChars, 0)) AS resultChars
  CREATE (s)-[:HAS_USAGE]->(c:ToolUsageCell {
    projectId: $projectId, sessionId: s.id, agentId: s.agentId, skill: s.skill, source: s.source,
    toolName: toolName, llmModel: llmModel, hour: hour,
    attributedCostUsd: attributedCostUsd, calls: calls, errors: errors, durationMs: durationMs, resultChars: resultChars
  })
  RETURN count(c) AS toolCells
}
RETURN sum(cells) + sum(toolCells) AS cells
