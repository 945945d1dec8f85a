// The tool and spawn steps of the given sessions, for checking a skill version's prune rules: the
// step signature is computed from toolName + argsCanonical by the function CostCraft's evidence
// used (src/costcraft/step-signature.ts), the step's cost is its share of the LLM call that
// requested it (as in cypher/costcraft/step-rows), and the repeat kinds say which redundancy
// findings it is, with their waste.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})-[:HAS_SPAN]->(sp:Span)
WHERE sp.kind IN ['TOOL', 'SUBAGENT']
OPTIONAL MATCH (llm:Span {kind: 'LLM'})-[:CALLED]->(sp)
CALL (llm) {
  OPTIONAL MATCH (llm)-[:CALLED]->(sibling:Span)
  WHERE sibling.kind IN ['TOOL', 'SUBAGENT']
  RETURN count(sibling) AS toolsOfCall
}
CALL (sp) {
  OPTIONAL MATCH (sp)-[rep]->(:Span)
  WHERE type(rep) = 'REPEATS'
  RETURN collect(DISTINCT rep.kind) AS repeatKinds, sum(coalesce(rep.wastedUsd, 0.0)) AS wastedUsd
}
RETURN s.id AS sessionId, sp.kind AS kind, sp.toolName AS toolName, sp.argsCanonical AS argsCanonical,
       CASE WHEN llm IS NULL OR llm.costUsd IS NULL OR toolsOfCall = 0 THEN null ELSE llm.costUsd / toolsOfCall END AS costUsd,
       repeatKinds, wastedUsd
ORDER BY sessionId, sp.seq
