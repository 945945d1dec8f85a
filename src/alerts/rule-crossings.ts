// Spend-rate and live-waste crossings. A rule and a session (tree, for rates) form one state;
// crossings of a state are spaced by the rule's cooldown, on the session's own clock, so the same
// spans give the same alerts live or replayed.
import type { FindingKind } from '../domain/redundancy/kinds.ts';
import { rateCrossings } from './crossings.ts';
import { alertId } from './budget-crossings.ts';
import { spendRateMessage, wasteMessage } from './messages.ts';
import { treeInScope, type AlertTree } from './trees.ts';
import type { AlertRule, StateCrossings } from './types.ts';
import { chainRuns, wasteCrossing, type FindingRow } from './waste-runs.ts';

/** What a WASTE rule watches unless it names its kinds: waste that grows while the agent runs. */
export const DEFAULT_WASTE_KINDS: FindingKind[] = ['poll_loop', 'failed_retry', 'repeated_llm_request'];

export function spendRateCrossings(rule: AlertRule, trees: AlertTree[]): StateCrossings[] {
  const windowMinutes = rule.windowMinutes ?? 10;
  const threshold = rule.thresholdUsd ?? Infinity;
  const cooldownMs = rule.cooldownMinutes * 60_000;
  const states: StateCrossings[] = [];
  for (const tree of trees) {
    if (!treeInScope(tree, rule.scope, rule.scopeValue)) continue;
    const found = rateCrossings(tree.spans, windowMinutes * 60_000, threshold, cooldownMs);
    if (found.length === 0) continue;
    const stateKey = `rate|${rule.id}|${tree.rootId}`;
    states.push({
      key: stateKey,
      cooldownMs,
      crossings: found.map((c) => {
        const key = `${stateKey}|${c.span.spanId}`;
        return {
          atMs: c.span.atMs,
          alert: {
            id: alertId(key),
            key,
            kind: 'SPEND_RATE' as const,
            level: 'WARNING' as const,
            ruleId: rule.id,
            ruleName: rule.name,
            message: spendRateMessage(rule.name, tree.rootId, c.observedUsd, threshold, windowMinutes),
            sessionId: tree.rootId,
            spanId: c.span.spanId,
            observedUsd: c.observedUsd,
            thresholdUsd: threshold,
            periodStart: null,
            findingKind: null,
            durationMinutes: windowMinutes,
            repeats: null,
          },
        };
      }),
    });
  }
  return states;
}

export function wasteRuleCrossings(rule: AlertRule, trees: AlertTree[], findings: Array<FindingRow & { rootId: string }>): StateCrossings[] {
  const kinds = new Set(rule.findingKinds ?? DEFAULT_WASTE_KINDS);
  const cooldownMs = rule.cooldownMinutes * 60_000;
  const bySession = new Map<string, StateCrossings>();
  for (const tree of trees) {
    if (!treeInScope(tree, rule.scope, rule.scopeValue)) continue;
    const runs = chainRuns(findings.filter((f) => f.rootId === tree.rootId && kinds.has(f.kind)));
    const crossings = runs
      .map((run) => wasteCrossing(run, rule.minMinutes, rule.thresholdUsd))
      .filter((c) => c !== null)
      .sort((a, b) => a.atMs - b.atMs || a.spanId.localeCompare(b.spanId));
    for (const c of crossings) {
      const stateKey = `waste|${rule.id}|${c.run.sessionId}`;
      let state = bySession.get(stateKey);
      if (!state) bySession.set(stateKey, (state = { key: stateKey, cooldownMs, crossings: [] }));
      const key = `${stateKey}|${c.run.kind}|${c.run.originSpanId}`;
      state.crossings.push({
        atMs: c.atMs,
        alert: {
          id: alertId(key),
          key,
          kind: 'WASTE',
          level: 'WARNING',
          ruleId: rule.id,
          ruleName: rule.name,
          message: wasteMessage(rule.name, c.run.kind, c.run.sessionId, c.repeats, c.durationMinutes, c.wastedUsd),
          sessionId: c.run.sessionId,
          spanId: c.spanId,
          observedUsd: c.wastedUsd,
          thresholdUsd: rule.thresholdUsd,
          periodStart: null,
          findingKind: c.run.kind,
          durationMinutes: c.durationMinutes,
          repeats: c.repeats,
        },
      });
    }
  }
  // alerts/fire checks the first crossing of a state against the cooldown and spaces the rest.
  return [...bySession.values()];
}
