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
CALL (timeline) {
  UNWIND range(0, size(timeline) - 1) AS i
  WITH i, timeline[i] AS sp
  WHERE sp.kind = 'TOOL' AND sp.effect = 'read' AND sp.resource IS NOT NULL
  WITH sp.sessionId AS sessionId, sp.resource AS resource, collect(i) AS positions
  WHERE size(positions) > 1
  UNWIND range(1, size(positions) - 1) AS k
  RETURN positions[0..k] AS earlier, positions[k] AS di
}
WITH timeline, changes, earlier, di, timeline[di] AS dup
WHERE NOT EXISTS { (dup)-[:REPEATS]->() }
// state-change rule: see exact-duplicates.cypher (the same text).
WITH *, coalesce(last([c IN changes WHERE c.at >= earlier[0] AND c.at < di AND (
       dup.resource IS NULL OR c.resource IS NULL
       OR dup.resource CONTAINS ' ' OR c.resource CONTAINS ' '
       OR c.resource = dup.resource
       OR dup.resource STARTS WITH c.resource + '/'
       OR c.resource STARTS WITH dup.resource + '/'
       OR (NOT dup.resource STARTS WITH '/' AND c.resource ENDS WITH '/' + dup.resource)
       OR (NOT c.resource STARTS WITH '/' AND dup.resource ENDS WITH '/' + c.resource)) | c.at]), -1) AS stateSince
// A ranged read names the part it wants; one without range arguments reads the whole resource.
WITH timeline, dup, [pi IN earlier WHERE pi > stateSince | timeline[pi]] AS candidates,
     '(?s).*"(offset|limit|line|lines|start_line|end_line|startLine|endLine|line_start|line_end|range|pages|head|tail|max_lines|maxLines)":.*' AS rangeArgs
WITH dup, [p IN candidates WHERE coalesce(p.status, 'ok') <> 'error' AND (
       (NOT coalesce(p.argsCanonical, '') =~ rangeArgs AND coalesce(dup.argsCanonical, '') =~ rangeArgs)
       OR ((p.resultHash IS NULL OR dup.resultHash IS NULL OR p.resultHash = dup.resultHash)
           AND (p.argsHash = dup.argsHash
                OR (NOT coalesce(p.argsCanonical, '') =~ rangeArgs AND NOT coalesce(dup.argsCanonical, '') =~ rangeArgs)))
       OR p.resultHash = dup.resultHash)] AS covering
WITH dup, last(covering) AS original
WHERE original IS NOT NULL
MERGE (dup)-[r:REPEATS]->(original)
SET r.kind = 'reread'
RETURN count(r) AS found
