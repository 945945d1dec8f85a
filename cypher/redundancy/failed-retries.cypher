// failed_retry (DESIGN §7): a tool call that repeats, unchanged, the nearest earlier call of the
// same tool with the same canonical arguments in its own session, when that earlier call failed
// (status error) and nothing it depends on changed in between (state-change rule below): a fix
// made between two runs of a failing test is a legitimate retry, not waste. Nor is a retry after
// the agent acted on the error through another successful call on the same resource (Claude
// Code's "File has not been read yet": Read, then the same Edit again); other attempts that failed
// in between changed nothing. The retry is flagged whatever its own
// outcome. Retries with a changed argument have another args hash: never paired. Another
// session's failure is not in this session's context, so it is never paired across sessions.
UNWIND $rootIds AS rootId
MATCH (root:Session {projectId: $projectId, id: rootId})
CALL (root) {
  MATCH (root)-[:HAS_SPAN|SPAWNED*0..80]->(:Session)-[:HAS_SPAN]->(sp:Span)
  WITH DISTINCT sp ORDER BY sp.startedAt, sp.sessionId, sp.seq
  RETURN collect(sp) AS timeline
}
WITH timeline, [i IN range(0, size(timeline) - 1) WHERE timeline[i].kind <> 'LLM' AND timeline[i].effect IN ['write', 'exec']
       // A write that failed changed nothing (an edit whose text was not found, a refused booking).
       AND NOT (timeline[i].effect = 'write' AND timeline[i].status = 'error') | {at: i, resource: timeline[i].resource}] AS changes
CALL (timeline) {
  UNWIND range(0, size(timeline) - 1) AS i
  WITH i, timeline[i] AS sp
  WHERE sp.kind = 'TOOL' AND sp.argsHash IS NOT NULL
  WITH sp.sessionId AS sessionId, sp.toolName AS toolName, sp.argsHash AS argsHash, collect(i) AS positions
  WHERE size(positions) > 1
  UNWIND range(1, size(positions) - 1) AS k
  RETURN positions[k - 1] AS oi, positions[k] AS di
}
WITH timeline, changes, oi, di, timeline[oi] AS original, timeline[di] AS dup
// state-change rule: see exact-duplicates.cypher (the same text).
WITH *, coalesce(last([c IN changes WHERE c.at >= oi AND c.at < di AND (
       dup.resource IS NULL OR c.resource IS NULL
       OR dup.resource CONTAINS ' ' OR c.resource CONTAINS ' '
       OR c.resource = dup.resource
       OR dup.resource STARTS WITH c.resource + '/'
       OR c.resource STARTS WITH dup.resource + '/'
       OR (NOT dup.resource STARTS WITH '/' AND c.resource ENDS WITH '/' + dup.resource)
       OR (NOT c.resource STARTS WITH '/' AND dup.resource ENDS WITH '/' + c.resource)) | c.at]), -1) AS stateSince
WITH original, dup, timeline, oi, di WHERE oi >= stateSince
  AND original.status = 'error'
  AND (dup.resource IS NULL OR none(j IN range(oi + 1, di - 1)
       WHERE timeline[j].sessionId = dup.sessionId AND timeline[j].kind = 'TOOL' AND coalesce(timeline[j].status, 'ok') <> 'error'
         AND coalesce(timeline[j].resource = dup.resource, false)))
  AND NOT EXISTS { (dup)-[:REPEATS]->() }
MERGE (dup)-[r:REPEATS]->(original)
SET r.kind = 'failed_retry'
RETURN count(r) AS found
