// (:Span)-[:CALLED]->(:Span), the call tree, for every span of the batch (`parentId` null for a
// root). Children may arrive before their parents (OpenTelemetry exporters send spans as they
// end, children first, split over requests): the parent is created as a placeholder and
// completed by upsert-spans when it comes. A re-sent span's parent link is replaced, not added to.
UNWIND $rows AS row
MATCH (child:Span {projectId: $projectId, id: row.id})
CALL (child, row) {
  MATCH (old:Span)-[stale:CALLED]->(child)
  WHERE row.parentId IS NULL OR old.id <> row.parentId
  DELETE stale
}
CALL (child, row) {
  WITH child, row WHERE row.parentId IS NOT NULL
  MERGE (parent:Span {projectId: $projectId, id: row.parentId})
  ON CREATE SET parent.placeholder = true
  MERGE (parent)-[:CALLED]->(child)
}
RETURN count(*) AS linked
