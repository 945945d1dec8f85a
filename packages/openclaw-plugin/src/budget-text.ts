// The words the agent (and the user) read when a budget is near or reached. They name the budget
// and the figures, so a model that sees a refused tool call knows why and can wrap up instead of
// retrying, and a person reading the transcript knows which ClawTrace budget to raise.
import type { BudgetAlert, BudgetState, BudgetStatus } from './budget-state.ts';

export function usd(value: number): string {
  return `$${value.toFixed(Math.abs(value) < 1 ? 4 : 2)}`;
}

/** The alert that explains `level`: the latest of that level, or undefined when the state lists none. */
function alertFor(state: BudgetState, level: BudgetStatus): BudgetAlert | undefined {
  const matching = state.alerts.filter((a) => a.level === level);
  return matching.sort((a, b) => b.firedAt.localeCompare(a.firedAt))[0];
}

/** e.g. `budget "Daily agents" has spent $1.2300 of its $1.00 limit (session s-1)` */
export function describe(state: BudgetState, level: BudgetStatus): string {
  const alert = alertFor(state, level);
  const threshold = level === 'LIMIT' ? 'limit' : 'warning threshold';
  const session = state.rootSessionId && state.rootSessionId !== state.sessionId ? `session tree of ${state.rootSessionId}` : `session ${state.sessionId}`;
  if (!alert) {
    const spent = state.spentUsd === null ? '' : `, ${usd(state.spentUsd)} spent`;
    return `a ClawTrace budget is at its ${threshold} (${session}${spent})`;
  }
  const what = alert.kind === 'BUDGET' ? 'budget' : 'alert rule';
  const name = alert.ruleName ? ` "${alert.ruleName}"` : '';
  const figures =
    alert.observedUsd !== null && alert.thresholdUsd !== null
      ? ` has reached ${usd(alert.observedUsd)} against its ${usd(alert.thresholdUsd)} ${threshold}`
      : ` is at its ${threshold}`;
  return `ClawTrace ${what}${name}${figures} (${session})`;
}

export function toolRefusal(state: BudgetState): string {
  return `Tool call refused: ${describe(state, 'LIMIT')}. The ClawTrace plugin blocks tool calls at the limit (enforce: block). Do not retry; finish with what you have and tell the user the budget must be raised to continue.`;
}

export function runRefusal(state: BudgetState): string {
  return `${describe(state, 'LIMIT')}; new agent runs are refused until the budget is raised (ClawTrace plugin, enforce: block)`;
}

export function warning(state: BudgetState, level: BudgetStatus): string {
  const advice =
    level === 'LIMIT'
      ? 'The limit is passed; finish the task with as few further model and tool calls as possible.'
      : 'Work economically: avoid unnecessary tool calls and long outputs.';
  return `[ClawTrace budget ${level === 'LIMIT' ? 'limit' : 'warning'}] ${describe(state, level)}. ${advice}`;
}
