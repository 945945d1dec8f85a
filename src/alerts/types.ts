// Budgets, alert rules and alerts (issue 21): the shapes stored in the graph and read back.
// Enum values are stored as their GraphQL names (PROJECT, DAY, WARNING, ...); finding kinds as the
// lower-case names of src/domain/redundancy/kinds.ts.
import type { FindingKind } from '../domain/redundancy/kinds.ts';

export const BUDGET_SCOPES = ['PROJECT', 'AGENT', 'SKILL', 'SESSION'] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];

export const BUDGET_WINDOWS = ['SESSION', 'HOUR', 'DAY', 'WEEK', 'MONTH'] as const;
export type BudgetWindow = (typeof BUDGET_WINDOWS)[number];
export type PeriodWindow = Exclude<BudgetWindow, 'SESSION'>;

export type AlertLevel = 'WARNING' | 'LIMIT';
export type AlertKind = 'BUDGET' | 'SPEND_RATE' | 'WASTE';
export type BudgetStatus = 'OK' | 'WARNING' | 'LIMIT';

export interface Budget {
  id: string;
  name: string;
  scope: BudgetScope;
  /** Agent id, skill name or session id; null for PROJECT. */
  scopeValue: string | null;
  window: BudgetWindow;
  warnUsd: number | null;
  limitUsd: number;
  createdAt: string;
  createdAtMs: number;
}

export type AlertRuleKind = 'SPEND_RATE' | 'WASTE';

export interface AlertRule {
  id: string;
  name: string;
  kind: AlertRuleKind;
  scope: BudgetScope;
  scopeValue: string | null;
  /** SPEND_RATE: USD within the window; WASTE: wasted USD of one run (null: duration only). */
  thresholdUsd: number | null;
  /** SPEND_RATE: the sliding window. */
  windowMinutes: number | null;
  /** WASTE: minutes a run must have lasted (null: waste only). */
  minMinutes: number | null;
  /** WASTE: the kinds watched. */
  findingKinds: FindingKind[] | null;
  cooldownMinutes: number;
  createdAt: string;
  createdAtMs: number;
}

/** An alert as stored: one crossing of one budget level or rule. */
export interface Alert {
  id: string;
  /** What makes it unique: the rule, the level and the session or period crossed. */
  key: string;
  kind: AlertKind;
  level: AlertLevel;
  ruleId: string;
  ruleName: string;
  message: string;
  sessionId: string | null;
  spanId: string | null;
  observedUsd: number;
  thresholdUsd: number | null;
  periodStart: string | null;
  findingKind: FindingKind | null;
  durationMinutes: number | null;
  repeats: number | null;
  firedAt: string;
  firedAtMs: number;
}

/** An alert before it is stored: the finaliser's evaluation proposes it, alerts/fire decides. */
export type ProposedAlert = Omit<Alert, 'firedAt' | 'firedAtMs'>;

/** What alerts/fire takes: the crossings of one rule state, oldest first. */
export interface StateCrossings {
  /** The state: a budget level and its session or period, or a rate/waste rule and its session. */
  key: string;
  /** Rate and waste rules: a crossing fires only this long (session clock) after the last one. */
  cooldownMs: number | null;
  crossings: Array<{ atMs: number; alert: ProposedAlert }>;
}
