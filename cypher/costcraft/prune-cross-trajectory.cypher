// Prune evidence 3: cross-trajectory. Among the successful sessions (n), how many succeeded
// without a step signature (support = k of n); and the direct counterfactual: among successful
// sessions of tasks where the signature was used at all (sameTaskN), how many succeeded without
// it (sameTaskSupport). Returned for every signature some successful session went without, with
// how many failed sessions used it (failuresWith of m), so a step that goes with success is seen.
// measuredCalls / usedCalls: how often the step's output was used downstream when it was made
// (output-use heuristic), so a step that is skippable in some tasks but used when made is seen.
// State-changing steps (write, exec) are left out: a task that needs the change needs the step, and
// one that does not is a repair (an unexpected action), not a saving.
MATCH (s:Session {projectId: $projectId})
WHERE s.id IN $sessionIds
WITH collect(s) AS sessions
WITH sessions, [x IN sessions WHERE coalesce(x.outcome, x.inferredOutcome) = 'success'] AS wins,
     [x IN sessions WHERE coalesce(x.outcome, x.inferredOutcome) = 'failure'] AS losses
UNWIND sessions AS s
MATCH (s)-[:HAS_SPAN]->(sp:Span)
WHERE sp.stepSignature IS NOT NULL AND NOT coalesce(sp.effect, 'other') IN ['write', 'exec']
WITH wins, losses, sp.stepSignature AS signature, sp.toolName AS toolName, collect(sp) AS spans, collect(DISTINCT s) AS users
WITH wins, losses, signature, toolName, spans, users, [u IN users | u.task] AS usedForTasks
WITH signature, toolName, spans, size(users) AS usedIn, size(wins) AS n, size(losses) AS m,
     size([l IN losses WHERE l IN users]) AS failuresWith,
     [w IN wins WHERE NOT w IN users] AS without,
     [w IN wins WHERE NOT w IN users AND w.task IN usedForTasks] AS sameTaskWithout,
     [w IN wins WHERE w.task IN usedForTasks] AS sameTaskWins
WHERE size(without) > 0
RETURN signature, toolName, n, size(without) AS support,
       size(sameTaskWithout) AS sameTaskSupport, size(sameTaskWins) AS sameTaskN,
       [w IN sameTaskWithout | w.id] AS sameTaskSessionIds, [w IN without | w.id][..$maxIds] AS withoutSessionIds,
       [x IN spans | x.id][..$maxIds] AS spanIds, size(spans) AS calls, usedIn, failuresWith, m,
       reduce(t = 0.0, x IN spans | t + coalesce(x.stepCostUsd, 0.0)) AS costUsd,
       reduce(t = 0, x IN spans | t + coalesce(x.stepTokens, 0)) AS tokens,
       size([x IN spans WHERE x.outputUseScore IS NOT NULL]) AS measuredCalls,
       size([x IN spans WHERE x.outputUseScore > 0]) AS usedCalls
ORDER BY sameTaskSupport DESC, support DESC, signature
