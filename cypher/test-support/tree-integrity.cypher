// Call-tree integrity of one project, for the realistic OTLP bench: spans without a parent (each
// trace has exactly one root when nothing was lost), placeholders never completed, and spans held
// by more than one session.
MATCH (sp:Span {projectId: $projectId})
CALL (sp) {
  OPTIONAL MATCH (parent:Span)-[:CALLED]->(sp)
  RETURN count(parent) AS parents
}
CALL (sp) {
  OPTIONAL MATCH (s:Session)-[:HAS_SPAN]->(sp)
  RETURN count(s) AS holders
}
RETURN count(sp) AS spans,
       count(CASE WHEN parents = 0 THEN 1 END) AS roots,
       count(CASE WHEN coalesce(sp.placeholder, false) THEN 1 END) AS placeholders,
       count(CASE WHEN holders > 1 THEN 1 END) AS inSeveralSessions
