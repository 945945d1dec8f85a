// Spans by id (DataLoader batch), within one project, with their call-tree neighbours.
UNWIND $ids AS id
MATCH (sp:Span {projectId: $projectId, id: id})
WHERE sp.placeholder IS NULL OR sp.placeholder = false
RETURN sp {
  .*,
  parentId: head(COLLECT { MATCH (p:Span)-[:CALLED]->(sp) WHERE NOT coalesce(p.placeholder, false) RETURN p.id ORDER BY p.id }),
  childIds: COLLECT { MATCH (sp)-[:CALLED]->(c:Span) RETURN c.id ORDER BY coalesce(c.seq, -1), c.id },
  spawnedSessionId: head(COLLECT { MATCH (sp)-[:SPAWNED]->(c:Session) RETURN c.id ORDER BY c.id })
} AS span
