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
// Calls that may hand off the same information share a group: reads by resource, other calls by
// tool and arguments (the same arguments name the same resource).
CALL (timeline) {
  UNWIND range(0, size(timeline) - 1) AS i
  WITH i, timeline[i] AS sp
  WHERE sp.kind = 'TOOL' AND sp.argsHash IS NOT NULL AND sp.effect IN ['read', 'search', 'fetch']
  WITH CASE WHEN sp.effect = 'read' AND sp.resource IS NOT NULL THEN 'resource ' + sp.resource
            ELSE 'call ' + sp.toolName + ' ' + sp.argsHash END AS groupKey, collect(i) AS positions
  WHERE size(positions) > 1
  UNWIND range(1, size(positions) - 1) AS k
  RETURN positions[0..k] AS earlier, positions[k] AS di
}
WITH timeline, changes, earlier, di, timeline[di] AS dup
WHERE coalesce(dup.status, 'ok') <> 'error'
  AND NOT EXISTS { (dup)-[:REPEATS]->() }
// state-change rule: see exact-duplicates.cypher (the same text).
WITH *, coalesce(last([c IN changes WHERE c.at >= earlier[0] AND c.at < di AND (
       dup.resource IS NULL OR c.resource IS NULL
       OR dup.resource CONTAINS ' ' OR c.resource CONTAINS ' '
       OR c.resource = dup.resource
       OR dup.resource STARTS WITH c.resource + '/'
       OR c.resource STARTS WITH dup.resource + '/'
       OR (NOT dup.resource STARTS WITH '/' AND c.resource ENDS WITH '/' + dup.resource)
       OR (NOT c.resource STARTS WITH '/' AND dup.resource ENDS WITH '/' + c.resource)) | c.at]), -1) AS stateSince
// A ranged read names the part it wants; one without range arguments reads the whole resource
// (the same list as rereads.cypher).
WITH timeline, dup, [pi IN earlier WHERE pi > stateSince | timeline[pi]] AS candidates,
     '(?s).*"(offset|limit|line|lines|start_line|end_line|startLine|endLine|line_start|line_end|range|pages|head|tail|max_lines|maxLines)":.*' AS rangeArgs
WITH dup, [p IN candidates WHERE coalesce(p.status, 'ok') <> 'error' AND (
       (p.toolName = dup.toolName AND p.argsHash = dup.argsHash
        AND (p.resultHash IS NULL OR dup.resultHash IS NULL OR p.resultHash = dup.resultHash))
       OR (dup.effect = 'read' AND p.effect = 'read' AND dup.resource IS NOT NULL AND p.resource = dup.resource
           AND ((NOT coalesce(p.argsCanonical, '') =~ rangeArgs AND coalesce(dup.argsCanonical, '') =~ rangeArgs)
                OR p.resultHash = dup.resultHash)))] AS covering
// Covered within its own session, it is a reread or duplicate there (or was not flagged for a
// reason that holds here too); only what no read of its own session covers was handed across.
WITH dup, covering, last(covering) AS original
WHERE original IS NOT NULL AND none(p IN covering WHERE p.sessionId = dup.sessionId)
MERGE (dup)-[r:REPEATS]->(original)
SET r.kind = 'handoff'
RETURN count(r) AS found
