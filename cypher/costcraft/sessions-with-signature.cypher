// Which of the given sessions contain a step with the given signature, with their outcome: checks
// a cross-trajectory claim ("succeeded without it") against the graph itself.
MATCH (s:Session {projectId: $projectId})
WHERE s.id IN $sessionIds
RETURN s.id AS id, coalesce(s.outcome, s.inferredOutcome) AS outcome,
       EXISTS { (s)-[:HAS_SPAN]->(:Span {stepSignature: $signature}) } AS hasSignature
ORDER BY s.id
