// poll_loop (DESIGN §7): the same call repeated in one session while the agent waits for a state
// (a process to finish, CI, new review comments). The repeat is paired with the nearest earlier
// identical call of its session (same tool, same canonical arguments; the first call of a loop is
// not waste, every later one is), nothing the agent did in between may have changed what it
// checks (state-change rule below) and the earlier call did not fail, and:
//   - the earlier result says the state has not arrived yet ("still running", "no new output",
//     `<status>running</status>`, "not_ready", a status of running/pending/queued/in progress),
//     even if the output grew meanwhile; or
//   - the call is a status check by nature (effect `check`: a process poll, BashOutput, a
//     sub-agent list, `sleep 30 && gh pr checks`) and its result came back unchanged; or
//   - the result came back unchanged, the call is not a file read, and the agent did nothing else
//     in that session between the two calls, at least $minWaitSeconds apart: it waited (a cron
//     or heartbeat turn re-running the same check script).
// An unchanged result that says the state has arrived ($finishedPattern: exited, completed, done)
// is not waited on any more: checking it again is a duplicate, left to exact-duplicates.
// File reads are never poll loops (a file does not change by itself while the agent waits).
// Each repeat is a paid model turn spent waiting: its waste is measured in measure-waste.cypher.
// Runs first, so an awaited state is never reported as a duplicate or a reread.
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
CALL (timeline) {
  UNWIND range(0, size(timeline) - 1) AS i
  WITH i, timeline[i] AS sp
  WHERE sp.kind = 'TOOL' AND sp.argsHash IS NOT NULL
  WITH sp.sessionId AS sessionId, sp.toolName AS toolName, sp.argsHash AS argsHash, collect(i) AS positions
  WHERE size(positions) > 1
  UNWIND range(1, size(positions) - 1) AS k
  RETURN positions[k - 1] AS oi, positions[k] AS di
}
WITH timeline, anyBefore, broadBefore, narrow, oi, di, timeline[oi] AS original, timeline[di] AS dup
// state-change rule: see exact-duplicates.cypher (the same text).
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
WITH timeline, oi, di, original, dup WHERE oi >= stateSince
  AND coalesce(original.status, 'ok') <> 'error'
  AND NOT EXISTS { (dup)-[:REPEATS]->() }
  // A file read: effect read on a resource that is neither a command (a space) nor a process,
  // session, URL or entity (a colon).
  AND NOT (dup.effect = 'read' AND dup.resource IS NOT NULL AND NOT dup.resource CONTAINS ' ' AND NOT dup.resource CONTAINS ':')
WITH timeline, oi, di, original, dup,
     original.resultHash IS NOT NULL AND original.resultHash = dup.resultHash AS unchanged,
     left(coalesce(original.resultPreview, ''), 600) =~ $waitingPattern AS stillWaiting,
     left(coalesce(original.resultPreview, ''), 600) =~ $finishedPattern AS finished
WHERE stillWaiting
   OR (unchanged AND NOT finished AND dup.effect = 'check')
   OR (unchanged AND NOT finished
       AND none(j IN range(oi + 1, di - 1) WHERE timeline[j].sessionId = dup.sessionId AND timeline[j].kind <> 'LLM')
       AND original.startedAt IS NOT NULL AND dup.startedAt IS NOT NULL
       AND datetime(dup.startedAt).epochMillis - datetime(original.startedAt).epochMillis >= $minWaitSeconds * 1000)
MERGE (dup)-[r:REPEATS]->(original)
SET r.kind = 'poll_loop'
RETURN count(r) AS found
