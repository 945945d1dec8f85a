// Every stored plugin event of the given traces, in time order, for re-assembly into spans.
UNWIND $traceIds AS traceId
MATCH (e:IngestedEvent {projectId: $projectId, traceId: traceId})
RETURN e.json AS json
ORDER BY e.tsMs, e.id
