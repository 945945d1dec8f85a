// Patches of a run: (:DistillRun)-[:PRODUCED]->(:Patch)-[:CITES {evidence}]->(:Span | :Session).
// Only nodes that exist are cited (MATCH, not MERGE): a patch cannot cite evidence the graph lacks.
MERGE (r:DistillRun {projectId: $projectId, id: $runId})
WITH r
UNWIND $patches AS row
MERGE (p:Patch {projectId: $projectId, id: row.id})
SET p += row.props
MERGE (r)-[:PRODUCED]->(p)
WITH p, row
CALL (p, row) {
  UNWIND row.spanCites AS cite
  MATCH (sp:Span {projectId: $projectId, id: cite.id})
  MERGE (p)-[c:CITES]->(sp)
  SET c.evidence = cite.evidence
  RETURN count(c) AS spanCites
}
CALL (p, row) {
  UNWIND row.sessionCites AS cite
  MATCH (s:Session {projectId: $projectId, id: cite.id})
  MERGE (p)-[c:CITES]->(s)
  SET c.evidence = cite.evidence
  RETURN count(c) AS sessionCites
}
RETURN p.id AS id, spanCites, sessionCites
