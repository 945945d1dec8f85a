// The inferred outcome of each given session (null clears it): kept apart from the recorded one
// (s.outcome, set by recordOutcome), which takes precedence wherever an outcome is read.
UNWIND $rows AS row
MATCH (s:Session {projectId: $projectId, id: row.sessionId})
SET s.inferredOutcome = row.result, s.inferredConfidence = row.confidence,
    s.inferredEvidenceJson = row.evidenceJson
RETURN count(s) AS stored
