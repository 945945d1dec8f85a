// Repository: deliveries of alerts to webhooks (issue 21). One (:AlertDelivery) per (alert,
// webhook), keyed `alertId|webhookId`, created lazily by the delivery workers and claimed with a
// lease stored in the graph, like the finaliser's sessions (src/graph/finaliser.ts): several
// engine processes on one Neo4j each run a worker, and a delivery is POSTed by one at a time.
import { randomUUID } from 'node:crypto';
import { int, type Graph } from './driver.ts';
import type { WebhookFormat } from './webhooks.ts';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

/** Alerts fired this long before a webhook's newest one are looked at again (late commits). */
export const LOOKBACK_MS = 5 * 60_000;

export function newDeliveryWorkerId(): string {
  return `delivery-${process.pid}-${randomUUID()}`;
}

/** Creates the deliveries that are missing (of one project, or all); returns how many. */
export async function createMissingDeliveries(graph: Graph, projectId: string | null, now = Date.now(), limit = 500): Promise<number> {
  const [row] = await graph.write('alerts/delivery-create-missing', {
    projectId,
    now: int(now),
    lookbackMs: int(LOOKBACK_MS),
    limit: int(limit),
  });
  return Number(row?.created ?? 0);
}

export interface ClaimedDelivery {
  projectId: string;
  id: string;
  /** Attempts including this one. */
  attempts: number;
  /** The alert node's properties; null when the alert is gone. */
  alert: Record<string, unknown> | null;
  webhook: { id: string; url: string; format: WebhookFormat; secret: string | null } | null;
}

export async function claimDueDeliveries(
  graph: Graph,
  owner: string,
  options: { projectId: string | null; limit: number; leaseMs: number; now?: number },
): Promise<ClaimedDelivery[]> {
  const now = options.now ?? Date.now();
  const rows = await graph.write('alerts/delivery-claim', {
    projectId: options.projectId,
    owner,
    now: int(now),
    nowIso: new Date(now).toISOString(),
    leaseUntil: int(now + options.leaseMs),
    limit: int(options.limit),
  });
  return rows.map((r) => {
    const w = r.webhook as Record<string, unknown> | null;
    return {
      projectId: String(r.projectId),
      id: String(r.id),
      attempts: Number(r.attempts),
      alert: (r.alert as Record<string, unknown> | null) ?? null,
      webhook: w
        ? { id: String(w.id), url: String(w.url), format: w.format === 'SLACK' ? 'SLACK' : 'JSON', secret: (w.secret as string | null) ?? null }
        : null,
    };
  });
}

export interface DeliveryOutcome {
  projectId: string;
  id: string;
  status: DeliveryStatus;
  /** Epoch ms of the next attempt (PENDING), else null. */
  nextAttemptAtMs: number | null;
  deliveredAt: string | null;
  lastError: string | null;
  statusCode: number | null;
}

/** Records outcomes of deliveries this worker holds; returns how many it still held. */
export async function recordDeliveryOutcomes(graph: Graph, owner: string, outcomes: DeliveryOutcome[]): Promise<number> {
  if (outcomes.length === 0) return 0;
  const [row] = await graph.write('alerts/delivery-record', {
    owner,
    results: outcomes.map((o) => ({ ...o, nextAttemptAtMs: int(o.nextAttemptAtMs), statusCode: int(o.statusCode) })),
  });
  return Number(row?.recorded ?? 0);
}

export interface DeliveryView {
  alertId: string;
  webhookId: string;
  url: string;
  status: DeliveryStatus;
  attempts: number;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
}

/** Deliveries of the given alerts of a project (see deliveries-of-alerts.cypher), grouped by alert id. */
export async function deliveriesOfAlerts(graph: Graph, projectId: string, alertIds: string[]): Promise<Map<string, DeliveryView[]>> {
  const byAlert = new Map<string, DeliveryView[]>(alertIds.map((id) => [id, []]));
  if (alertIds.length === 0) return byAlert;
  const rows = await graph.read('alerts/deliveries-of-alerts', { projectId, alertIds });
  for (const r of rows) {
    const status = String(r.status) as DeliveryStatus;
    const next = r.nextAttemptAtMs as number | null;
    byAlert.get(String(r.alertId))?.push({
      alertId: String(r.alertId),
      webhookId: String(r.webhookId),
      url: String(r.url),
      status,
      attempts: Number(r.attempts ?? 0),
      lastAttemptAt: (r.lastAttemptAt as string | null) ?? null,
      // Only a PENDING delivery has a next attempt; a new one (no attempt yet) is due now.
      nextAttemptAt: status === 'PENDING' && next !== null ? new Date(next).toISOString() : null,
      deliveredAt: (r.deliveredAt as string | null) ?? null,
      lastError: (r.lastError as string | null) ?? null,
    });
  }
  return byAlert;
}
