// (:Span)-[:CALLED]->(:Span), the call tree. Children may arrive before their parents: the parent
// is created as a placeholder and completed by upsert-spans when it comes.
UNWIND $rows AS row
MATCH (child:Span {projectId: $projectId, id: row.id})
MERGE (parent:Span {projectId: $projectId, id: row.parentId})
ON CREATE SET parent.placeholder = true
MERGE (parent)-[:CALLED]->(child)
RETURN count(*) AS linked
