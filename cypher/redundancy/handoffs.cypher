// handoff (DESIGN §7): a session's first read of something another session of its tree had
// already read, unchanged since: a sub-agent reading the files its parent read, a parent reading
// what its Explore sub-agent read, siblings each reading the same playbook. Each session has its
// own context and cannot see the other's, so this is not a reread that "reuse the earlier result"
// would avoid: it is the cost of handing work across sessions, avoidable only by passing the
// content along (in the spawn task, or in the sub-agent's answer). Reported apart from rereads.
//   - dup: a successful information call (effect read, search or fetch) that no earlier call of
//     its own session covers since the last change to what it reads (those are rereads or
//     duplicates within the session);
//   - original: the latest successful earlier call in another session of the tree with the same
//     tool and canonical arguments and the same result when both have one, or a read of the same
//     resource that covers it (read whole before, or the very same content);
//   - nothing may have changed it in between (state-change rule below).
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
// Calls that may hand off the same information share a group: reads by resource, other calls by
// tool and arguments (the same arguments name the same resource).
CALL (timeline) {
  UNWIND range(0, size(timeline) - 1) AS i
  WITH i, timeline[i] AS sp
  WHERE sp.kind = 'TOOL' AND sp.argsHash IS NOT NULL AND sp.effect IN ['read', 'search', 'fetch']
  WITH CASE WHEN sp.effect = 'read' AND sp.resource IS NOT NULL THEN 'resource ' + sp.resource
            ELSE 'call ' + sp.toolName + ' ' + sp.argsHash END AS groupKey,
       // What the covering test needs of each call, read once per call (not once per pair). A
       // ranged read names the part it wants; one without range arguments reads the whole
       // resource (the same list as rereads.cypher).
       collect({at: i, ok: coalesce(sp.status, 'ok') <> 'error', sessionId: sp.sessionId, toolName: sp.toolName,
                argsHash: sp.argsHash, resultHash: sp.resultHash, effect: sp.effect, resource: sp.resource,
                ranged: coalesce(sp.argsCanonical, '') =~ '(?s).*"(offset|limit|line|lines|start_line|end_line|startLine|endLine|line_start|line_end|range|pages|head|tail|max_lines|maxLines)":.*'}) AS calls
  WHERE size(calls) > 1
  UNWIND range(1, size(calls) - 1) AS k
  RETURN calls[0..k] AS earlier, calls[k] AS d, calls[k].at AS di
}
WITH timeline, anyBefore, broadBefore, narrow, earlier, d, di, timeline[di] AS dup
WHERE coalesce(dup.status, 'ok') <> 'error'
  AND NOT EXISTS { (dup)-[:REPEATS]->() }
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
WITH timeline, d, dup, [p IN earlier WHERE p.at > stateSince AND p.ok AND (
       (p.toolName = d.toolName AND p.argsHash = d.argsHash
        AND (p.resultHash IS NULL OR d.resultHash IS NULL OR p.resultHash = d.resultHash))
       OR (d.effect = 'read' AND p.effect = 'read' AND d.resource IS NOT NULL AND p.resource = d.resource
           AND ((NOT p.ranged AND d.ranged) OR p.resultHash = d.resultHash)))] AS covering
// Covered within its own session, it is a reread or duplicate there (or was not flagged for a
// reason that holds here too); only what no read of its own session covers was handed across.
WITH timeline, dup, covering, last(covering) AS nearest
WHERE nearest IS NOT NULL AND none(p IN covering WHERE p.sessionId = dup.sessionId)
WITH dup, timeline[nearest.at] AS original
MERGE (dup)-[r:REPEATS]->(original)
SET r.kind = 'handoff'
RETURN count(r) AS found
