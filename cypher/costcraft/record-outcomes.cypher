// Outcomes from a benchmark or oracle, in bulk (the τ-bench import): one (:Outcome)-[:OF]->(:Session)
// per row with the same properties as outcome/record (recordOutcome), but a deterministic id
// (`<evaluator>:<sessionId>`) so re-importing changes nothing. The row's outcome becomes the
// session's outcome and score.
UNWIND $rows AS row
MATCH (s:Session {projectId: $projectId, id: row.sessionId})
MERGE (o:Outcome {projectId: $projectId, id: row.id})
SET o.sessionId = row.sessionId, o.result = row.result, o.score = row.score, o.evaluator = row.evaluator,
    o.notes = row.notes, o.mismatchesJson = row.mismatchesJson, o.goldSnippetsJson = row.goldSnippetsJson,
    o.evidenceJson = row.evidenceJson, o.recordedAt = row.recordedAt
MERGE (o)-[:OF]->(s)
SET s.outcome = row.result, s.score = row.score, s.outcomeId = row.id, s.outcomeAt = row.recordedAt
RETURN count(o) AS recorded
