// Every span of the given sessions in session order, with what step-facts needs: arguments,
// result and text previews, the requesting LLM call's cost (for attribution) and, for spawns, the
// child session's total. Read by src/costcraft/step-facts.ts, written back by store-step-facts.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})-[:HAS_SPAN]->(sp:Span)
OPTIONAL MATCH (llm:Span {kind: 'LLM'})-[:CALLED]->(sp)
CALL (llm) {
  OPTIONAL MATCH (llm)-[:CALLED]->(sibling:Span) WHERE sibling.kind IN ['TOOL', 'SUBAGENT']
  RETURN count(sibling) AS toolsOfCall
}
OPTIONAL MATCH (sp)-[:SPAWNED]->(child:Session)
RETURN s.id AS sessionId, sp.id AS id, sp.seq AS seq, sp.kind AS kind, sp.toolName AS toolName,
       sp.argsCanonical AS argsCanonical, sp.resultPreview AS resultPreview, sp.textPreview AS textPreview,
       sp.status AS status, sp.costUsd AS costUsd,
       coalesce(sp.inputTokens, 0) + coalesce(sp.outputTokens, 0) + coalesce(sp.cacheReadTokens, 0) + coalesce(sp.cacheWriteTokens, 0) AS tokens,
       llm.costUsd AS parentCostUsd,
       coalesce(llm.inputTokens, 0) + coalesce(llm.outputTokens, 0) + coalesce(llm.cacheReadTokens, 0) + coalesce(llm.cacheWriteTokens, 0) AS parentTokens,
       toolsOfCall, child.totalCostUsd AS childTotalCostUsd
ORDER BY s.id, sp.startedAt, sp.seq
