// Completes spawns whose child arrived in another import or request (children before parents, or
// parents before children): an unlinked SUBAGENT span and an unclaimed sub-agent session with the
// same task key, started within two minutes of each other. Retries reuse task text, so only
// mutually nearest pairs are linked (each spawn its nearest child, each child its nearest spawn).
MATCH (sp:Span {projectId: $projectId})
WHERE sp.spawnStatus IN ['missing', 'pending'] AND sp.kind = 'SUBAGENT' AND sp.spawnTaskKey IS NOT NULL
  AND NOT EXISTS { (sp)-[:SPAWNED]->(:Session) }
MATCH (c:Session {projectId: $projectId, taskKey: sp.spawnTaskKey})
WHERE NOT EXISTS { (:Span)-[:SPAWNED]->(c) } AND c.startedAt IS NOT NULL AND sp.startedAt IS NOT NULL
WITH sp, c, abs(duration.inSeconds(datetime(sp.startedAt), datetime(c.startedAt)).seconds) AS gap
WHERE gap <= 120
WITH sp, c, gap ORDER BY gap, c.id
WITH sp, collect(c)[0] AS nearestChild, min(gap) AS gap
WITH nearestChild AS c, collect({span: sp, gap: gap}) AS claims
UNWIND claims AS claim
WITH c, claim ORDER BY claim.gap, claim.span.id
WITH c, collect(claim.span)[0] AS sp
MERGE (sp)-[:SPAWNED]->(c)
SET sp.spawnStatus = 'linked', sp.spawnLinkedBy = 'task-text+time (graph)', sp.childSessionId = c.id,
    c.parentSessionId = sp.sessionId, c.parentSpanId = sp.id, c.sessionKey = coalesce(c.sessionKey, sp.spawnChildSessionKey)
RETURN c.id AS childSessionId, sp.sessionId AS parentSessionId
