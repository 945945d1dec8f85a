// The budget states last learned, kept in one small JSON file next to the spool. Why: a one-shot
// `openclaw agent --local` turn is a fresh process whose first hooks (before_agent_run,
// before_prompt_build) fire before any background poll can answer; with the file, a session that
// was at its limit in the previous turn is refused (or warned) at once. Entries older than
// MAX_AGE_MS are ignored, so a budget raised long ago cannot keep a stale LIMIT alive; a fresh
// poll replaces any entry within one round trip anyway.
import fs from 'node:fs';
import path from 'node:path';
import { parseBudgetState, type BudgetState, type BudgetStatus } from './budget-state.ts';

export const MAX_AGE_MS = 30 * 60_000;

export interface StoredSession {
  state?: BudgetState;
  /** When the state was learned (local clock). */
  atMs: number;
  /** The most severe level the agent has already been warned about. */
  warned?: BudgetStatus;
}

export function loadBudgetFile(file: string, nowMs: number): Map<string, StoredSession> {
  const sessions = new Map<string, StoredSession>();
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return sessions; // missing or unreadable: start empty, the poller fills it
  }
  const entries = raw && typeof raw === 'object' ? (raw as { sessions?: Record<string, unknown> }).sessions : undefined;
  for (const [id, value] of Object.entries(entries ?? {})) {
    const entry = value as { state?: unknown; atMs?: unknown; warned?: unknown };
    if (typeof entry?.atMs !== 'number' || nowMs - entry.atMs > MAX_AGE_MS) continue;
    const state = entry.state === undefined ? undefined : parseBudgetState(entry.state, id);
    const warned = entry.warned === 'WARNING' || entry.warned === 'LIMIT' ? entry.warned : undefined;
    sessions.set(id, { ...(state ? { state } : {}), atMs: entry.atMs, ...(warned ? { warned } : {}) });
  }
  return sessions;
}

/** Written to a temporary name and renamed: a reader never sees half a file. Sync: it is small and rare (on changes only). */
export function saveBudgetFile(file: string, sessions: ReadonlyMap<string, StoredSession>, nowMs: number): void {
  const fresh: Record<string, StoredSession> = {};
  for (const [id, entry] of sessions) if (nowMs - entry.atMs <= MAX_AGE_MS) fresh[id] = entry;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ sessions: fresh }));
  fs.renameSync(tmp, file);
}
