// reread (DESIGN §7): a read of a resource (file, URL, entity, read-only shell command) whose
// content was already read in the same session since the last change to it anywhere in its tree
// (state-change rule below), and that is not already another finding. What another session read
// is not in this one's context: that is a hand-off (handoffs.cypher). Status checks (effect
// `check`: polls, `sleep && gh pr checks`) are not reads: repeated, they are poll loops. The original is the latest earlier read
// of the same resource that covers it:
//   - a part (offset/limit/line range arguments) of what was read whole before;
//   - the same read again: same args hash (possibly through another tool), or both whole reads,
//     with the same result when both have one (a different result means it changed anyway);
//   - or the very same content returned by a different request.
// A failed read covers nothing. Reads of different ranges of a file (pagination) are not flagged.
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
  WHERE sp.kind = 'TOOL' AND sp.effect = 'read' AND sp.resource IS NOT NULL
  // What the covering test needs of each read, read once per read (not once per pair). A ranged
  // read names the part it wants; one without range arguments reads the whole resource.
  WITH sp.sessionId AS sessionId, sp.resource AS resource,
       collect({at: i, ok: coalesce(sp.status, 'ok') <> 'error', argsHash: sp.argsHash, resultHash: sp.resultHash,
                ranged: coalesce(sp.argsCanonical, '') =~ '(?s).*"(offset|limit|line|lines|start_line|end_line|startLine|endLine|line_start|line_end|range|pages|head|tail|max_lines|maxLines)":.*'}) AS reads
  WHERE size(reads) > 1
  UNWIND range(1, size(reads) - 1) AS k
  RETURN reads[0..k] AS earlier, reads[k] AS d, reads[k].at AS di
}
WITH timeline, anyBefore, broadBefore, narrow, earlier, d, di, timeline[di] AS dup
WHERE NOT EXISTS { (dup)-[:REPEATS]->() }
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
WITH timeline, dup, d, [p IN earlier WHERE p.at > stateSince AND p.ok AND (
       (NOT p.ranged AND d.ranged)
       OR ((p.resultHash IS NULL OR d.resultHash IS NULL OR p.resultHash = d.resultHash)
           AND (p.argsHash = d.argsHash OR (NOT p.ranged AND NOT d.ranged)))
       OR p.resultHash = d.resultHash)] AS covering
WITH dup, timeline[last(covering).at] AS original
WHERE original IS NOT NULL
MERGE (dup)-[r:REPEATS]->(original)
SET r.kind = 'reread'
RETURN count(r) AS found
