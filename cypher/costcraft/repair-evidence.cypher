// Repair evidence: failed sessions with their latest recorded outcome and oracle evidence
// (mismatches, gold snippets), and the failing steps: spans that errored and spans the oracle
// named (evidence.failingSpanIds). A session with no recorded outcome but an inferred failure comes
// with the evidence of the inference (inferredEvidenceJson) instead of an oracle's.
MATCH (s:Session {projectId: $projectId})
WHERE s.id IN $sessionIds AND coalesce(s.outcome, s.inferredOutcome) = 'failure'
OPTIONAL MATCH (o:Outcome)-[:OF]->(s)
WITH s, o ORDER BY o.recordedAt DESC
WITH s, collect(o)[0] AS o
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(e:Span {status: 'error'})
  WITH e ORDER BY e.seq
  RETURN collect({id: e.id, tool: coalesce(e.toolName, e.name), error: e.errorMessage}) AS errors
}
RETURN s.id AS sessionId, s.task AS task, s.score AS score, o.id AS outcomeId, o.evaluator AS evaluator,
       o.mismatchesJson AS mismatchesJson, o.goldSnippetsJson AS goldSnippetsJson, o.evidenceJson AS evidenceJson,
       CASE WHEN s.outcome IS NULL THEN s.inferredEvidenceJson END AS inferredEvidenceJson,
       [x IN errors WHERE x.id IS NOT NULL] AS errorSteps
ORDER BY s.id
