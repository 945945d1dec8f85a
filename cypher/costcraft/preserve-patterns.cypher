// Preserve evidence: behaviours of successful sessions. A `step` is a step signature; a
// `sequence` is one tool step directly followed by another (tool steps in session order). Kept
// when present in at least $minSupport successful sessions; how often failed sessions show it too
// is returned beside (a behaviour as common in failures is not what made sessions succeed).
MATCH (s:Session {projectId: $projectId})
WHERE s.id IN $sessionIds AND coalesce(s.outcome, s.inferredOutcome) IN ['success', 'failure']
CALL (s) {
  MATCH (s)-[:HAS_SPAN]->(sp:Span)
  WHERE sp.stepSignature IS NOT NULL
  WITH sp ORDER BY sp.startedAt, sp.seq
  WITH collect(sp) AS steps
  UNWIND range(0, size(steps) - 1) AS i
  WITH steps, i,
       CASE WHEN i < size(steps) - 1 AND steps[i].stepSignature <> steps[i + 1].stepSignature
            THEN steps[i].stepSignature + ' -> ' + steps[i + 1].stepSignature END AS pair
  RETURN collect(DISTINCT {kind: 'step', pattern: steps[i].stepSignature, spanId: steps[i].id}) +
         collect(DISTINCT CASE WHEN pair IS NOT NULL THEN {kind: 'sequence', pattern: pair, spanId: steps[i].id} END) AS found
}
UNWIND found AS f
WITH s, f.kind AS kind, f.pattern AS pattern, collect(f.spanId)[0] AS exampleSpanId
WITH kind, pattern,
     collect(CASE WHEN coalesce(s.outcome, s.inferredOutcome) = 'success' THEN s.id END) AS successIds,
     collect(CASE WHEN coalesce(s.outcome, s.inferredOutcome) = 'failure' THEN s.id END) AS failureIds,
     collect(CASE WHEN coalesce(s.outcome, s.inferredOutcome) = 'success' THEN exampleSpanId END)[..$maxIds] AS spanIds
WHERE size(successIds) >= $minSupport
CALL () {
  MATCH (x:Session {projectId: $projectId}) WHERE x.id IN $sessionIds
  RETURN count(CASE WHEN coalesce(x.outcome, x.inferredOutcome) = 'success' THEN 1 END) AS n, count(CASE WHEN coalesce(x.outcome, x.inferredOutcome) = 'failure' THEN 1 END) AS m
}
RETURN kind, pattern, size(successIds) AS support, n, size(failureIds) AS failureSupport, m,
       successIds[..$maxIds] AS sessionIds, spanIds
ORDER BY support DESC, kind, pattern
