// (:Span)-[:USED_MODEL]->(:Model), one Model node per model id and project.
UNWIND $rows AS row
MATCH (sp:Span {projectId: $projectId, id: row.spanId})
MERGE (m:Model {projectId: $projectId, id: row.model})
ON CREATE SET m.provider = row.provider
MERGE (sp)-[:USED_MODEL]->(m)
RETURN count(*) AS linked
