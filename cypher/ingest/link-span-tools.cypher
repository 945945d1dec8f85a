// (:Span)-[:INVOKED]->(:Tool), one Tool node per tool name and project.
UNWIND $rows AS row
MATCH (sp:Span {projectId: $projectId, id: row.spanId})
MERGE (t:Tool {projectId: $projectId, name: row.toolName})
MERGE (sp)-[:INVOKED]->(t)
RETURN count(*) AS linked
