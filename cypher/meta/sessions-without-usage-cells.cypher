// Sessions with LLM calls but no usage cells, per project: stored by a version before usage cells
// existed (schema version 1). The schema upgrade builds their cells once.
MATCH (s:Session)
WHERE EXISTS { (s)-[:HAS_SPAN]->(:Span {kind: 'LLM'}) } AND NOT EXISTS { (s)-[:HAS_USAGE]->(:UsageCell) }
RETURN s.projectId AS projectId, collect(s.id) AS sessionIds
