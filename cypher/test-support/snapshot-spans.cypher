// Every span of a project with all its properties and every edge that leaves or enters it, for the
// arrival-order test's canonical snapshot (what must be identical however the spans arrived).
// Edges are matched untyped and filtered (see ingest/relink-next on typed patterns of derived edges).
MATCH (sp:Span {projectId: $projectId})
CALL (sp) {
  OPTIONAL MATCH (s:Session)-[:HAS_SPAN]->(sp)
  RETURN collect(s.id) AS sessions
}
CALL (sp) {
  OPTIONAL MATCH (parent:Span)-[:CALLED]->(sp)
  RETURN collect(parent.id) AS parents
}
CALL (sp) {
  OPTIONAL MATCH (sp)-[r]->(other)
  RETURN collect({type: type(r), to: coalesce(other.id, other.name), props: properties(r)}) AS out
}
RETURN sp.id AS id, properties(sp) AS props, sessions, parents, out
ORDER BY id
