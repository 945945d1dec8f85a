// One line per alert, for people (lists, Slack, the explorer banner): what crossed what, where.
import type { AlertLevel, Budget, BudgetWindow } from './types.ts';

export function usd(value: number): string {
  return Math.abs(value) >= 0.995 ? `$${value.toFixed(2)}` : `$${value.toFixed(4)}`;
}

const levelWords = (level: AlertLevel) => (level === 'LIMIT' ? 'limit' : 'warning level');

// Maps, not object literals: these are looked up by values read back from the graph.
const PERIOD_WORDS = new Map<BudgetWindow, string>([
  ['HOUR', 'this hour'],
  ['DAY', 'today'],
  ['WEEK', 'this week'],
  ['MONTH', 'this month'],
]);

export function scopeWords(scope: Budget['scope'], scopeValue: string | null): string {
  switch (scope) {
    case 'PROJECT':
      return 'the project';
    case 'AGENT':
      return `agent ${scopeValue}`;
    case 'SKILL':
      return `skill ${scopeValue}`;
    case 'SESSION':
      return `session ${scopeValue}`;
  }
}

export function sessionBudgetMessage(budget: Budget, level: AlertLevel, rootId: string, spentUsd: number, thresholdUsd: number): string {
  return `Session ${rootId} has spent ${usd(spentUsd)} with its sub-agents: over the ${levelWords(level)} ${usd(thresholdUsd)} of budget "${budget.name}"`;
}

export function periodBudgetMessage(budget: Budget, level: AlertLevel, spentUsd: number, thresholdUsd: number): string {
  return `${capitalise(scopeWords(budget.scope, budget.scopeValue))} has spent ${usd(spentUsd)} ${PERIOD_WORDS.get(budget.window) ?? 'this period'}: over the ${levelWords(level)} ${usd(thresholdUsd)} of budget "${budget.name}"`;
}

export function spendRateMessage(ruleName: string, rootId: string, observedUsd: number, thresholdUsd: number, windowMinutes: number): string {
  return `Session ${rootId} spent ${usd(observedUsd)} within ${windowMinutes} min: over ${usd(thresholdUsd)} per ${windowMinutes} min (rule "${ruleName}")`;
}

const KIND_WORDS = new Map<string, string>([
  ['poll_loop', 'Poll loop'],
  ['failed_retry', 'Failed-retry streak'],
  ['repeated_llm_request', 'Repeated identical request'],
  ['exact_duplicate', 'Repeated identical call'],
  ['reread', 'Repeated read'],
  ['duplicate_subagent', 'Repeated sub-agent'],
  ['handoff', 'Repeated handoff read'],
]);

export function wasteMessage(ruleName: string, kind: string, sessionId: string, repeats: number, minutes: number, wastedUsd: number): string {
  const what = KIND_WORDS.get(kind) ?? kind;
  return `${what} in session ${sessionId}: ${repeats} repeat${repeats === 1 ? '' : 's'} over ${minutes.toFixed(1)} min, ${usd(wastedUsd)} wasted (rule "${ruleName}")`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
