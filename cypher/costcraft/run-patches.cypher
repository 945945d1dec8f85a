// The patches a run produced, with the nodes each one cites (ids and labels), for the result view
// and for checking that every cited id exists in the graph.
MATCH (:DistillRun {projectId: $projectId, id: $runId})-[:PRODUCED]->(p:Patch)
OPTIONAL MATCH (p)-[c:CITES]->(n)
WITH p, collect(CASE WHEN n IS NULL THEN NULL ELSE {id: n.id, label: CASE WHEN n:Span THEN 'Span' ELSE 'Session' END, evidence: c.evidence} END) AS cites
RETURN properties(p) AS patch, cites
ORDER BY p.priority, p.id
