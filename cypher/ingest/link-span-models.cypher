// (:Span)-[:USED_MODEL]->(:Model): rows are grouped by model, so each Model node is merged once
// per batch rather than once per span.
UNWIND $rows AS row
MERGE (m:Model {projectId: $projectId, id: row.model})
ON CREATE SET m.provider = row.provider
WITH m, row
UNWIND row.spanIds AS spanId
MATCH (sp:Span {projectId: $projectId, id: spanId})
MERGE (sp)-[:USED_MODEL]->(m)
RETURN count(*) AS linked
