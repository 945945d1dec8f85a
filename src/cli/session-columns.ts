// How a session shows in the CLI's tables (import's most expensive sessions, `clawtrace sessions`,
// the candidates of an ambiguous `card` prefix) and in their --json rows: a short ref that `card`
// takes back, a one-line title, the agent, and the inclusive cost, marked "≥" when sub-agents the
// total should include are missing from the graph (it is a lower bound then).
import type { SessionNode } from '../graph/sessions.ts';
import { shortRefs } from './session-ref.ts';
import type { Column } from './table.ts';
import { oneLine } from './text-width.ts';

export interface SessionRow {
  id: string;
  ref: string;
  title: string;
  agent: string | null;
  role: string;
  source: string | null;
  startedAt: string | null;
  spans: number;
  /** Inclusive of sub-agents (the session's totalCostUsd). */
  costUsd: number;
  /** The inclusive cost leaves out sub-agents whose sessions are not in the graph. */
  costIsLowerBound: boolean;
  parentSessionId: string | null;
}

/** A uuid in a title (`[cron:8b380d56-7314-…]`) says little and takes 36 columns: its first 8 do. */
const UUID = /\b([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

export function sessionTitle(session: Pick<SessionNode, 'task' | 'sessionKey'>): string {
  const text = session.task ?? session.sessionKey;
  return text ? oneLine(text).replace(UUID, '$1…') : '(no task recorded)';
}

export function sessionRows(sessions: readonly SessionNode[]): SessionRow[] {
  const refs = shortRefs(sessions);
  return sessions.map((s) => ({
    id: s.id,
    ref: refs.get(s.id)!,
    title: sessionTitle(s),
    agent: s.agentName ?? s.agentId,
    // A spawned session whose transcript is not imported yet has no role of its own.
    role: s.placeholder ? 'placeholder' : s.role,
    source: s.source,
    startedAt: s.startedAt,
    spans: s.spanCount,
    costUsd: s.totalCostUsd,
    costIsLowerBound: s.inclusiveIsLowerBound,
    parentSessionId: s.parentSessionId,
  }));
}

/** `$31.53`, `≥$31.53` for a lower bound, `<$0.01` for a fraction of a cent. */
export function formatCost(usd: number, lowerBound = false): string {
  const amount = usd > 0 && usd < 0.005 ? '<$0.01' : `$${usd.toFixed(2)}`;
  return lowerBound ? `≥${amount}` : amount;
}

/** `2026-02-18 03:34` (UTC, as stored). */
export function formatStarted(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '-';
}

export const COLUMNS = {
  ref: { header: 'ref', value: (r) => r.ref } as Column<SessionRow>,
  started: { header: 'started (UTC)', value: (r) => formatStarted(r.startedAt), drop: 2 } as Column<SessionRow>,
  role: { header: 'role', value: (r) => r.role, maxWidth: 10, drop: 3 } as Column<SessionRow>,
  agent: { header: 'agent', value: (r) => r.agent ?? '-', maxWidth: 14, drop: 1 } as Column<SessionRow>,
  spans: { header: 'spans', value: (r) => String(r.spans), align: 'right', drop: 4 } as Column<SessionRow>,
  cost: { header: 'cost', value: (r) => formatCost(r.costUsd, r.costIsLowerBound), align: 'right' } as Column<SessionRow>,
  title: { header: 'title', value: (r) => r.title, flex: true, minWidth: 24 } as Column<SessionRow>,
} satisfies Record<string, Column<SessionRow>>;

/** The footnote a table with a "≥" cost needs. */
export function lowerBoundNote(rows: readonly SessionRow[]): string | null {
  return rows.some((r) => r.costIsLowerBound)
    ? '≥ a lower bound: sub-agents the session spawned are not in the graph'
    : null;
}
