// What a session's own spans say about how it ended (src/domain/insights/infer-outcome.ts judges):
// its last model call (status, stop reason, closing text), its last step, and the tool failures
// no later call of the same tool got past.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(l:Span {kind: 'LLM'})
  WITH l ORDER BY l.seq DESC LIMIT 1
  RETURN l {.id, .status, .textPreview, .errorMessage, .attributesJson} AS lastLlm
}
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(x:Span)
  WHERE x.kind IN ['LLM', 'TOOL', 'SUBAGENT']
  WITH x ORDER BY x.seq DESC LIMIT 1
  RETURN x {.id, .kind, .toolName} AS lastStep
}
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(f:Span {kind: 'TOOL', status: 'error'})
  WHERE NOT EXISTS {
    MATCH (s)-[:HAS_SPAN]->(later:Span {kind: 'TOOL', status: 'ok'})
    WHERE later.toolName = f.toolName AND later.seq > f.seq
  }
  WITH f ORDER BY f.seq
  RETURN collect(f {.id, .toolName, .errorMessage})[..5] AS unrecovered
}
RETURN s.id AS sessionId, s.status AS status, lastLlm, lastStep, unrecovered
