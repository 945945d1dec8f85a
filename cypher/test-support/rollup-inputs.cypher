// Every span of a project flat, with its session's fields, its call-tree parent and the session it
// spawned: the raw material tests use to recompute rollups independently in TypeScript.
MATCH (s:Session {projectId: $projectId})-[:HAS_SPAN]->(sp:Span)
OPTIONAL MATCH (parent:Span)-[:CALLED]->(sp)
OPTIONAL MATCH (sp)-[:SPAWNED]->(child:Session)
RETURN sp.id AS id, s.id AS sessionId, s.agentId AS agentId, s.skill AS skill, s.source AS source,
       sp.kind AS kind, sp.model AS model, sp.provider AS provider, sp.toolName AS toolName,
       sp.startedAt AS startedAt, sp.costUsd AS costUsd, sp.status AS status,
       sp.inputTokens AS inputTokens, sp.outputTokens AS outputTokens,
       sp.cacheReadTokens AS cacheReadTokens, sp.cacheWriteTokens AS cacheWriteTokens,
       parent.id AS parentId, child.id AS spawnedSessionId
