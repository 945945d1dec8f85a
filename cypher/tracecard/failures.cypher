// TraceCard: error spans of the given sessions, each with the next call of the same kind after it in
// its session (same tool, or any LLM call for a failed model call: the loop retries, possibly on a
// fail-over model): was it retried, unchanged or not, and did the retry work.
// One pass per session: its spans are grouped into lanes (all LLM calls; each other kind per tool
// or name) in seq order, and an error's retry is the next call of its lane. Looking the retry up
// per error instead costs errors × spans (150 errors × 10,000 spans: seconds for one card).
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
WHERE EXISTS { (s)-[:HAS_SPAN]->(:Span {status: 'error'}) }
MATCH (s)-[:HAS_SPAN]->(sp:Span)
// A span without a kind, or a non-LLM span without a tool or name, has no retry: a lane of its own.
WITH sessionId, sp,
     CASE WHEN sp.kind = 'LLM' THEN 'LLM'
          WHEN sp.kind IS NOT NULL AND coalesce(sp.toolName, sp.name) IS NOT NULL THEN sp.kind + '|' + coalesce(sp.toolName, sp.name)
          ELSE elementId(sp) END AS lane
ORDER BY sp.seq
WITH sessionId, lane, collect(sp) AS calls
WHERE any(c IN calls WHERE c.status = 'error')
UNWIND range(0, size(calls) - 1) AS i
WITH sessionId, calls, i, calls[i] AS e
WHERE e.status = 'error'
// The next call is calls[i + 1] unless spans share a seq; then the first with a larger seq.
WITH sessionId, e,
     CASE WHEN i + 1 < size(calls) AND calls[i + 1].seq > e.seq THEN calls[i + 1]
          ELSE head([n IN calls[i + 1..] WHERE n.seq > e.seq]) END AS n
RETURN e.id AS spanId, sessionId, e.seq AS seq, e.kind AS kind, e.name AS name, e.model AS model,
       e.toolName AS toolName, e.errorMessage AS errorMessage,
       n.status AS retryStatus, n.argsHash = e.argsHash AS retrySameArgs
ORDER BY sessionId, seq, spanId
