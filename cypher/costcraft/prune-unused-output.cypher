// Prune evidence 2: tool calls whose output was never used downstream: outputUseScore (a measured
// overlap of the result's novel tokens with later arguments and assistant text; heuristic) at most
// $maxScore. Grouped by step signature: support = unused calls out of the measured calls. Calls
// made for their effect (write, exec, spawn) are left out: their output is not why they are made.
MATCH (s:Session {projectId: $projectId})-[:HAS_SPAN]->(sp:Span {kind: 'TOOL'})
WHERE s.id IN $sessionIds AND sp.stepSignature IS NOT NULL AND sp.outputUseScore IS NOT NULL
  AND NOT coalesce(sp.effect, 'other') IN ['write', 'exec', 'spawn']
WITH sp.stepSignature AS signature, sp.toolName AS toolName, collect(sp) AS measured
WITH signature, toolName, measured, [x IN measured WHERE x.outputUseScore <= $maxScore] AS unused
WHERE size(unused) > 0
RETURN signature, toolName, [x IN unused | x.id] AS spanIds, [x IN unused | x.sessionId] AS spanSessionIds,
       size(unused) AS support, size(measured) AS n,
       reduce(t = 0.0, x IN unused | t + coalesce(x.stepCostUsd, 0.0)) AS costUsd,
       reduce(t = 0, x IN unused | t + coalesce(x.stepTokens, 0)) AS tokens,
       reduce(t = 0, x IN unused | t + coalesce(x.resultChars, 0)) AS resultChars
ORDER BY costUsd DESC, support DESC, signature
