// (:Session)-[:HAS_USAGE]->(:UsageCell): the LLM usage of each given session summed per model,
// provider and start hour, with the session's agent, skill and source copied on. Cost rollups over a
// whole project read these cells (tens of thousands) instead of every LLM span (millions); see
// rollup/cost-by-cells. Rebuilt from scratch for the touched sessions at finalise, so late spans,
// re-imports and changed session attributes all land; a session without LLM calls has no cells.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
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
RETURN sum(cells) AS cells
