// Every span of a project with its parent and session (tests check kinds, nesting and tokens).
MATCH (s:Session {projectId: $projectId})-[:HAS_SPAN]->(sp:Span)
OPTIONAL MATCH (parent:Span)-[:CALLED]->(sp)
RETURN s.id AS sessionId, sp.id AS id, sp.kind AS kind, sp.name AS name, parent.id AS parentId,
       parent.kind AS parentKind, sp.model AS model, sp.inputTokens AS inputTokens,
       sp.outputTokens AS outputTokens, sp.cacheReadTokens AS cacheReadTokens, sp.costUsd AS costUsd,
       sp.costSource AS costSource, sp.toolName AS toolName
ORDER BY sp.startedAt, sp.seq
