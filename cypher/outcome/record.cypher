// Records an outcome of a session: (:Outcome)-[:OF]->(:Session). The latest outcome becomes the
// session's `outcome` and `score` (CostCraft reads both). Nested evidence (mismatches, gold
// snippets, free JSON) is stored as JSON text: Neo4j properties cannot hold maps.
MATCH (s:Session {projectId: $projectId, id: $sessionId})
CREATE (o:Outcome {
  projectId: $projectId, id: $id, sessionId: $sessionId, result: $result, score: $score,
  evaluator: $evaluator, notes: $notes, mismatchesJson: $mismatchesJson,
  goldSnippetsJson: $goldSnippetsJson, evidenceJson: $evidenceJson, recordedAt: $recordedAt
})
CREATE (o)-[:OF]->(s)
SET s.outcome = $result, s.score = $score, s.outcomeId = $id, s.outcomeAt = $recordedAt
RETURN o {.*} AS outcome
