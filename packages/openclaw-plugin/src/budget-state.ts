// What ClawTrace's GET /v1/budget-state answers for one session, read tolerantly: the plugin runs
// inside OpenClaw, so an answer it does not understand must never throw into a hook; it is
// treated like a failed request (the last known state stays).

export type BudgetStatus = 'OK' | 'WARNING' | 'LIMIT';

export interface BudgetAlert {
  id: string;
  kind: string;
  level: 'WARNING' | 'LIMIT';
  message: string;
  ruleName: string;
  observedUsd: number | null;
  thresholdUsd: number | null;
  firedAt: string;
  sessionId: string | null;
  spanId: string | null;
}

export interface BudgetState {
  sessionId: string;
  /** The root of the session's sub-agent tree: a budget crossed there applies to every child. */
  rootSessionId: string | null;
  status: BudgetStatus;
  spentUsd: number | null;
  alerts: BudgetAlert[];
  checkedAt: string;
}

const RANK: Record<BudgetStatus, number> = { OK: 0, WARNING: 1, LIMIT: 2 };

/** The more severe of two statuses (a child session is as limited as its most limited ancestor). */
export function worse(a: BudgetStatus, b: BudgetStatus): BudgetStatus {
  return RANK[b] > RANK[a] ? b : a;
}

export function atLeast(status: BudgetStatus, floor: BudgetStatus): boolean {
  return RANK[status] >= RANK[floor];
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const isStatus = (v: unknown): v is BudgetStatus => v === 'OK' || v === 'WARNING' || v === 'LIMIT';

function parseAlert(raw: unknown): BudgetAlert | undefined {
  if (!isObject(raw) || (raw.level !== 'WARNING' && raw.level !== 'LIMIT')) return undefined;
  return {
    id: str(raw.id) ?? '',
    kind: str(raw.kind) ?? 'BUDGET',
    level: raw.level,
    message: str(raw.message) ?? '',
    ruleName: str(raw.ruleName) ?? '',
    observedUsd: num(raw.observedUsd),
    thresholdUsd: num(raw.thresholdUsd),
    firedAt: str(raw.firedAt) ?? '',
    sessionId: str(raw.sessionId),
    spanId: str(raw.spanId),
  };
}

/** The state in an answer body, or undefined when the body is not one (status is the one field required). */
export function parseBudgetState(body: unknown, sessionId: string): BudgetState | undefined {
  if (!isObject(body) || !isStatus(body.status)) return undefined;
  const alerts = Array.isArray(body.alerts) ? body.alerts.map(parseAlert).filter((a): a is BudgetAlert => a !== undefined) : [];
  return {
    sessionId: str(body.sessionId) ?? sessionId,
    rootSessionId: str(body.rootSessionId),
    status: body.status,
    spentUsd: num(body.spentUsd),
    alerts,
    checkedAt: str(body.checkedAt) ?? new Date().toISOString(),
  };
}
