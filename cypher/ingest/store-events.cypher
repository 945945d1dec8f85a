// Plugin events are kept (one node per eventId) so a span whose before/after events arrive in
// different requests, out of order or twice, can be re-assembled from everything received.
// Returns how many of the rows were new; the rest were duplicates (already stored).
UNWIND $rows AS row
MERGE (e:IngestedEvent {projectId: $projectId, id: row.id})
ON CREATE SET e.traceId = row.traceId, e.tsMs = row.tsMs, e.json = row.json, e.receivedIn = $requestId
RETURN count(DISTINCT CASE WHEN e.receivedIn = $requestId THEN e END) AS created, count(e) AS total
