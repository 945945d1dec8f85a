// Span nodes with their (:Session)-[:HAS_SPAN]->(:Span) edge, idempotent by (projectId, id). The
// sessions exist already (ingest/ensure-sessions runs first). A span first created as a placeholder
// (its child arrived first) is completed here. A span is always sent whole, so its properties are
// replaced: a null in `props` removes a value an earlier version of the span had (a re-sent span
// ends with the cost of its latest content). A span re-sent under another session moves there;
// the session it left is marked dirty so the finaliser recomputes it without the span.
UNWIND $rows AS row
MERGE (sp:Span {projectId: $projectId, id: row.id})
SET sp += row.props, sp.placeholder = false
WITH sp, row
MATCH (s:Session {projectId: $projectId, id: row.sessionId})
MERGE (s)-[:HAS_SPAN]->(sp)
WITH sp, s, row
CALL (sp, row) {
  // A re-sent span that changed model or tool no longer points at the old one.
  MATCH (sp)-[stale:USED_MODEL|INVOKED]->(target)
  WHERE (type(stale) = 'USED_MODEL' AND target.id <> coalesce(row.props.model, ''))
     OR (type(stale) = 'INVOKED' AND (target.name <> coalesce(row.props.toolName, '') OR NOT row.props.kind IN ['TOOL', 'SUBAGENT']))
  DELETE stale
}
CALL (sp, s) {
  MATCH (old:Session)-[moved:HAS_SPAN]->(sp)
  WHERE old <> s
  DELETE moved
  SET old.dirtyToken = randomUUID(), old.pending = true, old.pendingSince = coalesce(old.pendingSince, $now), old.dirtyAt = $now,
      old.finaliseAfter = $now
}
RETURN count(sp) AS written
