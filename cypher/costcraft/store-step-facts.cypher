// Materialises CostCraft's per-step facts on spans, so the evidence queries stay plain Cypher:
// stepSignature (tool + argument shape), stepCostUsd / stepTokens (own, or attributed from the
// requesting LLM call; spawns add the child tree), outputUseScore (heuristic, null = no signal).
UNWIND $rows AS row
MATCH (sp:Span {projectId: $projectId, id: row.id})
SET sp.stepSignature = row.signature, sp.stepCostUsd = row.costUsd, sp.stepTokens = row.tokens,
    sp.outputUseScore = row.useScore, sp.outputNovelTokens = row.novelTokens
RETURN count(sp) AS stored
