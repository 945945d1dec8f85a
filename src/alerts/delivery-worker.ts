// The engine's alert delivery loop (issue 21): turns alerts into webhook POSTs. Each round it
// creates the deliveries that are missing (alert × webhook, for alerts fired after the webhook was
// added), claims due ones with a lease in the graph, POSTs them and records the outcome: DELIVERED
// on 2xx, else PENDING with back-off until the attempts run out (FAILED). Every engine process runs
// one, like the finaliser (src/ingest/background-finaliser.ts): the lease keeps two off one
// delivery. A process killed mid-POST leaves its lease to expire; the next worker POSTs again —
// delivery is at-least-once, and receivers drop repeats by X-ClawTrace-Alert-Id.
import { isGraphUnavailable, type Graph } from '../graph/driver.ts';
import {
  claimDueDeliveries,
  createMissingDeliveries,
  newDeliveryWorkerId,
  recordDeliveryOutcomes,
  type ClaimedDelivery,
  type DeliveryOutcome,
} from '../graph/alert-deliveries.ts';
import { alertJson, webhookBody } from './payloads.ts';
import { postWebhook, POST_TIMEOUT_MS } from './post-webhook.ts';
import { DEFAULT_RETRY, nextAttemptAt, type RetryPolicy } from './retry-policy.ts';

export interface DeliveryWorkerOptions {
  /** Only this project's deliveries (tests); null or absent: every project's. */
  projectId?: string | null;
  /** Base of explorer links in payloads (CLAWTRACE_PUBLIC_URL, else the server's URL). */
  publicUrl?: string | null;
  /** How often to look for work when nothing nudged (alerts fired by other processes, retries due). */
  idlePollMs?: number;
  /** Deliveries claimed (and POSTed concurrently) per round. */
  batch?: number;
  /** How long a claim holds: longer than a POST can take, so only a dead worker's lease expires. */
  leaseMs?: number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  log?: (line: string) => void;
}

export interface DeliveryStats {
  delivered: number;
  failed: number;
  retried: number;
  lastError: string | null;
}

export class DeliveryWorker {
  private readonly owner = newDeliveryWorkerId();
  private readonly retry: RetryPolicy;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private nudged = false;
  private readonly counts: DeliveryStats = { delivered: 0, failed: 0, retried: 0, lastError: null };

  constructor(
    private readonly graph: Graph,
    private readonly options: DeliveryWorkerOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Stops after the current round (its POSTs time out within timeoutMs), waiting at most
   * `maxWaitMs`: a stalled database must not hold up shutdown. Claims of a round cut short expire.
   */
  async stop(maxWaitMs = 10_000): Promise<void> {
    this.running = false;
    this.wake?.();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)))]);
    clearTimeout(timer);
  }

  /** Alerts were fired: deliver now instead of at the next poll. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  stats(): DeliveryStats {
    return { ...this.counts };
  }

  /** One round: create missing deliveries, claim due ones, POST them, record. Returns how many were claimed. */
  async round(): Promise<number> {
    const projectId = this.options.projectId ?? null;
    await createMissingDeliveries(this.graph, projectId);
    const claims = await claimDueDeliveries(this.graph, this.owner, {
      projectId,
      limit: this.options.batch ?? 20,
      leaseMs: this.options.leaseMs ?? Math.max(15_000, 3 * (this.options.timeoutMs ?? POST_TIMEOUT_MS)),
    });
    if (claims.length === 0) return 0;
    const outcomes = await Promise.all(claims.map((claim) => this.deliver(claim)));
    await recordDeliveryOutcomes(this.graph, this.owner, outcomes);
    for (const o of outcomes) {
      if (o.status === 'DELIVERED') this.counts.delivered += 1;
      else if (o.status === 'FAILED') this.counts.failed += 1;
      else this.counts.retried += 1;
    }
    return claims.length;
  }

  private async deliver(claim: ClaimedDelivery): Promise<DeliveryOutcome> {
    const base = { projectId: claim.projectId, id: claim.id };
    // The alert was deleted under the delivery (a test clean-up, a removed project): nothing to send.
    if (!claim.alert || !claim.webhook) {
      const what = claim.alert ? 'webhook' : 'alert';
      return { ...base, status: 'FAILED', nextAttemptAtMs: null, deliveredAt: null, lastError: `the ${what} no longer exists`, statusCode: null };
    }
    const alert = alertJson(claim.alert, this.options.publicUrl ?? null);
    const outcome = await postWebhook({
      url: claim.webhook.url,
      body: webhookBody(claim.webhook.format, alert),
      alertId: alert.id,
      deliveryId: claim.id,
      secret: claim.webhook.secret,
      timeoutMs: this.options.timeoutMs,
    });
    const now = Date.now();
    if (outcome.ok) {
      return { ...base, status: 'DELIVERED', nextAttemptAtMs: null, deliveredAt: new Date(now).toISOString(), lastError: null, statusCode: outcome.status };
    }
    const next = nextAttemptAt(claim.attempts, now, outcome.retryAfterMs, this.retry);
    return { ...base, status: next === null ? 'FAILED' : 'PENDING', nextAttemptAtMs: next, deliveredAt: null, lastError: outcome.error, statusCode: outcome.status };
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.nudged = false;
      let claimed = 0;
      try {
        claimed = await this.round();
        this.counts.lastError = null;
      } catch (error) {
        // Logged once per distinct message: a database that is away repeats the same one.
        const message = (error as Error).message;
        if (message !== this.counts.lastError) this.options.log?.(`[alerts] delivery ${isGraphUnavailable(error) ? 'database unavailable: ' : ''}${message}`);
        this.counts.lastError = message;
        await this.sleep(1_000);
        continue;
      }
      // A full batch may have more behind it: go again at once. Otherwise wait for a nudge or the poll.
      if (claimed === 0 && !this.nudged) await this.sleep(this.options.idlePollMs ?? 500);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
