// Every session of a project with its properties, the edges it holds (agent, skill, spans by count)
// and its usage cells, for the arrival-order test's canonical snapshot.
MATCH (s:Session {projectId: $projectId})
CALL (s) {
  OPTIONAL MATCH (s)-[r]->(other)
  WHERE NOT type(r) IN ['HAS_SPAN', 'HAS_USAGE']
  RETURN collect({type: type(r), to: coalesce(other.id, other.name)}) AS out
}
CALL (s) {
  OPTIONAL MATCH (s)-[r]->(:Span)
  WHERE type(r) = 'HAS_SPAN'
  RETURN count(r) AS hasSpan
}
CALL (s) {
  OPTIONAL MATCH (s)-[r]->(cell)
  WHERE type(r) = 'HAS_USAGE'
  RETURN collect({labels: labels(cell), props: properties(cell)}) AS cells
}
RETURN s.id AS id, properties(s) AS props, out, hasSpan, cells
ORDER BY id
