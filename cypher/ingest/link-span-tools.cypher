// (:Span)-[:INVOKED]->(:Tool): rows are grouped by tool name, one Tool MERGE per tool and batch.
UNWIND $rows AS row
MERGE (t:Tool {projectId: $projectId, name: row.toolName})
WITH t, row
UNWIND row.spanIds AS spanId
MATCH (sp:Span {projectId: $projectId, id: spanId})
MERGE (sp)-[:INVOKED]->(t)
RETURN count(*) AS linked
