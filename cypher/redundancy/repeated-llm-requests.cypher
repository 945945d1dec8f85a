// repeated_llm_request (DESIGN §7): an LLM call that sends the same request to the same model as
// the nearest earlier call in the session tree. The request hash is the span's argsHash: the
// canonical hash of the request when the source records one (none of the file sources does:
// OpenClaw and Claude Code transcripts keep the conversation, not each API request body, so
// their LLM spans have no argsHash and this finding only comes from sources that send the
// request, e.g. OTLP/plugin spans with the prompt as arguments).
UNWIND $rootIds AS rootId
MATCH (root:Session {projectId: $projectId, id: rootId})
CALL (root) {
  MATCH (root)-[:HAS_SPAN|SPAWNED*0..80]->(:Session)-[:HAS_SPAN]->(sp:Span {kind: 'LLM'})
  WHERE sp.argsHash IS NOT NULL
  WITH DISTINCT sp ORDER BY sp.startedAt, sp.sessionId, sp.seq
  WITH coalesce(sp.model, sp.name) AS model, sp.argsHash AS requestHash, collect(sp) AS calls
  WHERE size(calls) > 1
  UNWIND range(1, size(calls) - 1) AS k
  RETURN calls[k - 1] AS original, calls[k] AS dup
}
WITH original, dup WHERE NOT EXISTS { (dup)-[:REPEATS]->() }
MERGE (dup)-[r:REPEATS]->(original)
SET r.kind = 'repeated_llm_request'
RETURN count(r) AS found
