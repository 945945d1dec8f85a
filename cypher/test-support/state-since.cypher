// Test support: the state-change rule of the redundancy queries (the same text as
// redundancy/exact-duplicates.cypher, checked by test/unit/redundancy-rules.test.ts), evaluated at
// every position of each tree's timeline, so a property test can compare it with a brute-force scan.
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
// The state-change index (the same text in exact-duplicates, failed-retries, poll-loops, rereads
// and handoffs), built once per tree so each repeat looks its state up instead of scanning every
// change: anyBefore[i] / broadBefore[i] is the position of the last change / last change of an
// unknown or shell-command resource before position i (-1: none); narrow holds the other changes
// by resource, with their positions.
CALL (timeline, changes) {
  WITH size(timeline) AS n, [c IN changes | c.at] AS ats
  UNWIND range(0, size(ats)) AS k
  WITH k, CASE WHEN k = 0 THEN -1 ELSE ats[k - 1] END AS previous, CASE WHEN k = size(ats) THEN n - 1 ELSE ats[k] END AS upto
  UNWIND range(previous + 1, upto) AS i
  WITH i, previous ORDER BY i
  RETURN collect(previous) AS anyBefore
}
CALL (timeline, changes) {
  WITH size(timeline) AS n, [c IN changes WHERE c.resource IS NULL OR c.resource CONTAINS ' ' | c.at] AS ats
  UNWIND range(0, size(ats)) AS k
  WITH k, CASE WHEN k = 0 THEN -1 ELSE ats[k - 1] END AS previous, CASE WHEN k = size(ats) THEN n - 1 ELSE ats[k] END AS upto
  UNWIND range(previous + 1, upto) AS i
  WITH i, previous ORDER BY i
  RETURN collect(previous) AS broadBefore
}
CALL (changes) {
  UNWIND changes AS c
  WITH c WHERE c.resource IS NOT NULL AND NOT c.resource CONTAINS ' '
  WITH c ORDER BY c.at
  WITH c.resource AS resource, collect(c.at) AS ats
  RETURN collect({resource: resource, ats: ats}) AS narrow
}
UNWIND range(0, size(timeline) - 1) AS di
WITH timeline, anyBefore, broadBefore, narrow, di, timeline[di] AS dup
WITH *, dup.resource AS dupResource
WITH *, CASE WHEN dupResource IS NULL OR dupResource CONTAINS ' ' THEN anyBefore[di]
       ELSE reduce(since = broadBefore[di], q IN narrow |
         CASE WHEN q.resource = dupResource
                OR dupResource STARTS WITH q.resource + '/'
                OR q.resource STARTS WITH dupResource + '/'
                OR (NOT dupResource STARTS WITH '/' AND q.resource ENDS WITH '/' + dupResource)
                OR (NOT q.resource STARTS WITH '/' AND dupResource ENDS WITH '/' + q.resource)
              // q.ats is sorted: a binary search counts its changes before di (32 halvings cover any list)
              THEN reduce(latest = since, before IN [reduce(span = [0, size(q.ats)], step IN range(1, 32) |
                     CASE WHEN span[0] >= span[1] THEN span
                          WHEN q.ats[(span[0] + span[1]) / 2] < di THEN [(span[0] + span[1]) / 2 + 1, span[1]]
                          ELSE [span[0], (span[0] + span[1]) / 2] END)[0]] |
                     CASE WHEN before > 0 AND q.ats[before - 1] > latest THEN q.ats[before - 1] ELSE latest END)
              ELSE since END) END AS stateSince
RETURN dup.id AS id, di, stateSince
ORDER BY di
