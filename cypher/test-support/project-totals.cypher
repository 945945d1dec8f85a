// Node, edge, span, session and cost totals of one project: used by tests and the bench to check
// that re-ingest changes nothing.
MATCH (n {projectId: $projectId})
WITH count(n) AS nodes,
     count(CASE WHEN n:Span AND NOT coalesce(n.placeholder, false) THEN 1 END) AS spans,
     count(CASE WHEN n:Session THEN 1 END) AS sessions,
     sum(CASE WHEN n:Span THEN coalesce(n.costUsd, 0.0) ELSE 0.0 END) AS costUsd
CALL () {
  MATCH ({projectId: $projectId})-[r]->({projectId: $projectId})
  RETURN count(r) AS edges
}
RETURN nodes, edges, spans, sessions, costUsd
