// Span nodes, idempotent by (projectId, id). Edges are written by the link-* queries after all
// nodes of the batch exist. A span that was first created as a placeholder (its child arrived
// first) is completed here.
UNWIND $rows AS row
MERGE (sp:Span {projectId: $projectId, id: row.id})
SET sp += row.props, sp.placeholder = false
RETURN count(sp) AS written
