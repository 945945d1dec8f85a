// The waste of every REPEATS finding in the given trees, stored on the edge (DESIGN §7):
// wastedUsd
//   - tool findings (exact_duplicate, reread, failed_retry, poll_loop, handoff): a tool call has no
//     token cost of its own, so it is charged its share of the LLM call that requested it: that
//     call's cost split evenly over the tool calls of that response (the attribution
//     rollup/cost-by-tool uses). For a poll loop that is the model turn spent waiting;
//   - repeated_llm_request: the repeated call's own cost;
//   - duplicate_subagent: the spawn call's share as above plus the child session's total cost
//     (the whole sub-agent tree), since the whole run was duplicated.
//   null when nothing is known (unpriced model, no requesting LLM call): never a silent $0.
// wastedTokens
//   - tool findings: tokens the repeated result added to the context again, estimated as
//     ceil(resultChars / 4) (tokensEstimated = true);
//   - poll_loop: the tokens of the turn spent waiting (the requesting call's input + output +
//     cache tokens, split like its cost), reported; the estimate above when there is no such call;
//   - repeated_llm_request: the call's tokens (input + output + cache read + cache write), reported;
//   - duplicate_subagent: the LLM tokens of the child tree, reported (estimated from the spawn
//     result when the child transcript is missing).
// wastedMs: the repeated span's duration; for a duplicate sub-agent, the child session's duration.
// REPEATS is matched untyped, from the spans (see ingest/relink-next: a typed pattern may be planned
// as a scan of every REPEATS relationship in the database).
UNWIND $rootIds AS rootId
MATCH (root:Session {projectId: $projectId, id: rootId})
CALL (root) {
  MATCH (root)-[:HAS_SPAN|SPAWNED*0..80]->(:Session)-[:HAS_SPAN]->(dup:Span)-[r]->(:Span)
  WHERE type(r) = 'REPEATS'
  RETURN DISTINCT dup, r
}
CALL (dup) {
  OPTIONAL MATCH (llm:Span {kind: 'LLM'})-[:CALLED]->(dup)
  OPTIONAL MATCH (llm)-[:CALLED]->(call:Span) WHERE call.kind IN ['TOOL', 'SUBAGENT']
  WITH llm, count(call) AS calls
  RETURN CASE WHEN llm IS NULL OR llm.costUsd IS NULL OR calls = 0 THEN null ELSE llm.costUsd / calls END AS attributedUsd,
         CASE WHEN llm IS NULL OR calls = 0 THEN null
              ELSE toInteger(round(toFloat(coalesce(llm.inputTokens, 0) + coalesce(llm.outputTokens, 0)
                   + coalesce(llm.cacheReadTokens, 0) + coalesce(llm.cacheWriteTokens, 0)) / calls)) END AS turnTokens
  ORDER BY attributedUsd DESC
  LIMIT 1
}
CALL (dup) {
  OPTIONAL MATCH (dup)-[:SPAWNED]->(child:Session)
  OPTIONAL MATCH (child)-[:HAS_SPAN|SPAWNED*1..80]->(llm:Span {kind: 'LLM'})
  WITH child, collect(DISTINCT llm) AS calls
  RETURN child,
         reduce(t = 0, c IN calls | t + coalesce(c.inputTokens, 0) + coalesce(c.outputTokens, 0)
                + coalesce(c.cacheReadTokens, 0) + coalesce(c.cacheWriteTokens, 0)) AS childTokens
  LIMIT 1
}
WITH r, dup, attributedUsd, turnTokens, child, childTokens,
     toInteger(ceil(coalesce(dup.resultChars, 0) / 4.0)) AS resultTokens,
     CASE WHEN child.startedAt IS NOT NULL AND child.endedAt IS NOT NULL
          THEN datetime(child.endedAt).epochMillis - datetime(child.startedAt).epochMillis END AS childMs
SET r.wastedUsd = CASE r.kind
      WHEN 'repeated_llm_request' THEN dup.costUsd
      WHEN 'duplicate_subagent' THEN
        CASE WHEN attributedUsd IS NULL AND child.totalCostUsd IS NULL THEN null
             ELSE coalesce(attributedUsd, 0.0) + coalesce(child.totalCostUsd, 0.0) END
      ELSE attributedUsd END,
    r.wastedTokens = CASE r.kind
      WHEN 'repeated_llm_request' THEN coalesce(dup.inputTokens, 0) + coalesce(dup.outputTokens, 0)
                                       + coalesce(dup.cacheReadTokens, 0) + coalesce(dup.cacheWriteTokens, 0)
      WHEN 'duplicate_subagent' THEN CASE WHEN child IS NULL THEN resultTokens ELSE childTokens END
      WHEN 'poll_loop' THEN coalesce(turnTokens, resultTokens)
      ELSE resultTokens END,
    r.tokensEstimated = CASE r.kind
      WHEN 'repeated_llm_request' THEN false
      WHEN 'duplicate_subagent' THEN child IS NULL
      WHEN 'poll_loop' THEN turnTokens IS NULL
      ELSE true END,
    r.wastedMs = CASE WHEN r.kind = 'duplicate_subagent' AND childMs IS NOT NULL THEN childMs
      ELSE coalesce(dup.durationMs, 0) END
RETURN count(r) AS measured
