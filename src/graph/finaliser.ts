// Repository: the finaliser's claims on dirty sessions (DESIGN §5). Ingest writes spans and marks
// their sessions dirty; a finaliser claims dirty sessions with a lease stored in the graph,
// recomputes their derived data (finaliseSessions) and releases them. The lease makes one session
// finalised by one finaliser at a time, across engine processes on one Neo4j; a finaliser that
// dies leaves its lease to expire and the sessions pending, so nothing is lost. A session marked
// again while it was being finalised stays pending (its dirty token changed) and goes round again.
import { randomUUID } from 'node:crypto';
import { int, isTransientError, type Graph } from './driver.ts';
import { finaliseSessions } from './ingest.ts';
import { evaluateAlerts } from '../alerts/evaluate.ts';
import type { Alert } from '../alerts/types.ts';

export interface Claim {
  projectId: string;
  id: string;
  /** The node claimed: release, renew and abandon address it by this. */
  elementId: string;
  /** The dirty token seen at claim time; release compares it. */
  token: string | null;
  /** Epoch ms of the oldest acknowledgement this finalisation covers. */
  pendingSince: number | null;
}

export interface ClaimOptions {
  /** Only this project's sessions (drain); null: the project whose due session waited longest (one project per claim). */
  projectId?: string | null;
  limit?: number;
  /** Leave sessions marked less than this long ago to settle (coalesce a burst of requests). */
  settleMs?: number;
  /** ...unless they have been pending this long. */
  maxWaitMs?: number;
  leaseMs?: number;
}

/** How long a claim holds; renewed while a long finalisation runs, so only a dead finaliser's expires. */
export const LEASE_MS = 15_000;

export function newFinaliserId(): string {
  return `finaliser-${process.pid}-${randomUUID()}`;
}

export async function claimDirtySessions(graph: Graph, owner: string, options: ClaimOptions = {}): Promise<Claim[]> {
  const now = Date.now();
  const rows = await graph.write('finaliser/claim', {
    projectId: options.projectId ?? null,
    owner,
    now: int(now),
    leaseUntil: int(now + (options.leaseMs ?? LEASE_MS)),
    settleMs: int(options.settleMs ?? 0),
    maxWaitMs: int(options.maxWaitMs ?? 0),
    limit: int(options.limit ?? 200),
  });
  return rows.map((r) => ({
    projectId: String(r.projectId),
    id: String(r.id),
    elementId: String(r.elementId),
    token: (r.token as string | null) ?? null,
    pendingSince: (r.pendingSince as number | null) ?? null,
  }));
}

function claimParams(claims: Claim[]) {
  return claims.map((c) => ({ elementId: c.elementId, token: c.token }));
}

export interface FinaliseResult {
  /** Sessions finalised and no longer pending. */
  finalised: number;
  /** Sessions marked again while they were finalised: still pending, claimed again next round. */
  remarked: number;
  /** Per finalised session: ms from its oldest pending acknowledgement to now. */
  freshnessMs: number[];
}

/**
 * Work the ingest layer does on claimed sessions before their derived data is recomputed, under
 * the same lease (plugin-event sessions are re-assembled from every stored event here).
 */
export type BeforeFinalise = (projectId: string, sessionIds: string[]) => Promise<void>;

/** Told of the alerts a round fired (the delivery worker and alert stream deliver them at once). */
export type OnAlerts = (projectId: string, alerts: Alert[]) => void;

/**
 * Finalises claimed sessions, project by project, evaluates the project's budgets and alert rules
 * on them (src/alerts/evaluate.ts) and releases them. The lease is renewed while the work runs. On
 * failure the claims are given back (still pending) and the error rethrown; the round goes again,
 * and alerts it had fired are not fired twice (they are keyed by their crossing).
 */
export async function finaliseClaims(
  graph: Graph,
  owner: string,
  claims: Claim[],
  beforeFinalise?: BeforeFinalise,
  onAlerts?: OnAlerts,
): Promise<FinaliseResult> {
  const result: FinaliseResult = { finalised: 0, remarked: 0, freshnessMs: [] };
  if (claims.length === 0) return result;
  const held = new Set(claims);
  const renew = setInterval(() => {
    graph.write('finaliser/renew', { owner, claims: claimParams([...held]), leaseUntil: int(Date.now() + LEASE_MS) }).catch(() => undefined);
  }, LEASE_MS / 3);
  try {
    const byProject = new Map<string, Claim[]>();
    for (const claim of claims) byProject.set(claim.projectId, [...(byProject.get(claim.projectId) ?? []), claim]);
    // Project by project, each released as soon as it is done: a slow project (a 10,000-span
    // session) does not hold the others' sessions pending.
    for (const [projectId, projectClaims] of byProject) {
      const ids = projectClaims.map((c) => c.id);
      await beforeFinalise?.(projectId, ids);
      await finaliseSessions(graph, projectId, ids);
      // Before release: a process killed here leaves the sessions pending, and the next round
      // evaluates them again (firing is idempotent), so no crossing is lost.
      const fired = await evaluateAlerts(graph, projectId, ids);
      if (fired.length > 0) onAlerts?.(projectId, fired);
      await release(graph, owner, projectClaims, result);
      for (const claim of projectClaims) held.delete(claim);
    }
  } catch (error) {
    await graph.write('finaliser/abandon', { owner, claims: claimParams([...held]) }).catch(() => undefined);
    throw error;
  } finally {
    clearInterval(renew);
  }
  return result;
}

async function release(graph: Graph, owner: string, claims: Claim[], result: FinaliseResult): Promise<void> {
  const now = Date.now();
  const released = await graph.write('finaliser/release', { owner, claims: claimParams(claims), now: int(now) });
  const final = new Set(released.filter((r) => r.final === true).map((r) => String(r.elementId)));
  for (const claim of claims) {
    if (!final.has(claim.elementId)) {
      result.remarked += 1;
      continue;
    }
    result.finalised += 1;
    if (claim.pendingSince !== null) result.freshnessMs.push(now - claim.pendingSince);
  }
}

export interface PendingSummary {
  pending: number;
  /** Epoch ms of the oldest pending acknowledgement, null when nothing is pending. */
  oldestSince: number | null;
}

export async function pendingSessions(graph: Graph, projectId: string | null = null): Promise<PendingSummary> {
  const [row] = await graph.read('finaliser/pending-count', { projectId });
  return { pending: Number(row?.pending ?? 0), oldestSince: (row?.oldestSince as number | null) ?? null };
}

/** Which of the given sessions are still pending (written, not yet finalised). */
export async function pendingOf(graph: Graph, projectId: string, sessionIds: string[]): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const rows = await graph.read('finaliser/pending-of-sessions', { projectId, sessionIds });
  return new Set(rows.map((r) => String(r.id)));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Finalises every pending session of a project now, in this process (the import CLI, tests),
 * and returns when none is pending — including sessions another finaliser holds, which it waits
 * for. Returns how many sessions this call finalised.
 */
export async function drainDirtySessions(
  graph: Graph,
  projectId: string,
  options: {
    timeoutMs?: number;
    beforeFinalise?: BeforeFinalise;
    onAlerts?: OnAlerts;
    /** Called after each round with the sessions it finalised (the import's progress). */
    onFinalised?: (sessions: number) => void;
  } = {},
): Promise<number> {
  const owner = newFinaliserId();
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  let finalised = 0;
  for (;;) {
    const claims = await claimDirtySessions(graph, owner, { projectId, limit: 500 });
    if (claims.length > 0) {
      try {
        const round = (await finaliseClaims(graph, owner, claims, options.beforeFinalise, options.onAlerts)).finalised;
        finalised += round;
        options.onFinalised?.(round);
      } catch (error) {
        // Graph already reruns a transaction that lost a deadlock; what still arrives here is
        // transient too (a lock wait given up, a deadlock lost every time): the claims were given
        // back, so the whole round goes again.
        if (!isTransientError(error) || Date.now() > deadline) throw error;
        await sleep(50 + Math.random() * 200);
      }
      continue;
    }
    if ((await pendingSessions(graph, projectId)).pending === 0) return finalised;
    if (Date.now() > deadline) throw new Error(`sessions of project ${projectId} still pending after ${options.timeoutMs} ms`);
    await sleep(50); // another finaliser holds them
  }
}
