// Gets events to ClawTrace without ever making a hook wait on the network:
//   enqueue() only pushes onto a bounded in-memory queue and arms a timer;
//   batches (batchSize, or whatever is there after flushIntervalMs) are POSTed to /v1/events;
//   a batch that fails (network error, timeout, 5xx, 429, 401/403) is written to the spool and
//   re-sent later with backoff (honouring Retry-After); a batch the server refuses as invalid
//   (other 4xx) is dropped and counted, since sending it again cannot succeed;
//   when the queue is full, its oldest batch goes to the spool instead of growing memory;
//   on process exit, everything not yet confirmed (the in-flight batch included) is spooled.
import type { CaptureConfig } from './config.ts';
import type { EventEnvelope } from './envelope.ts';
import { Spool } from './spool.ts';

/** The sending part of the plugin's configuration (documented in config.ts). */
export type SenderOptions = Pick<
  CaptureConfig,
  'endpoint' | 'apiKey' | 'batchSize' | 'flushIntervalMs' | 'maxQueue' | 'requestTimeoutMs' | 'spoolDir' | 'maxSpoolBytes' | 'retryIntervalMs'
>;

export interface SenderStats {
  enqueued: number;
  /** Events in batches the server confirmed (2xx), first try or from the spool. */
  sent: number;
  /** Events written to the spool (they are counted again in `sent` once re-sent). */
  spooled: number;
  /** Events confirmed from the spool. */
  resent: number;
  /** Events given up: refused as invalid by the server, or the spool was full. */
  dropped: number;
  failedRequests: number;
  /** As the server reported them: events it stored for the first time, and copies it already had. */
  storedByServer: number;
  duplicatesByServer: number;
}

type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

const MAX_BACKOFF_MS = 60_000;

type Outcome = { ok: true } | { ok: false; retry: boolean; retryAfterMs?: number; reason: string };

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export class EventSender {
  readonly stats: SenderStats = { enqueued: 0, sent: 0, spooled: 0, resent: 0, dropped: 0, failedRequests: 0, storedByServer: 0, duplicatesByServer: 0 };
  readonly spool: Spool;
  private queue: string[] = [];
  private inFlight: string[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  private draining: Promise<void> | undefined;
  private closed = false;
  private readonly onExit = () => this.spoolEverything();

  constructor(
    private readonly options: SenderOptions,
    private readonly log: Log = () => undefined,
  ) {
    this.spool = new Spool(options.spoolDir, options.maxSpoolBytes);
    this.backoffMs = options.retryIntervalMs;
    process.once('exit', this.onExit);
    // Batches left by an earlier process (a crash, or ClawTrace down at exit) go out first.
    if (this.spool.files().length > 0) this.scheduleRetry(0);
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Never waits and never throws: the hot path of every hook. */
  enqueue(event: EventEnvelope): void {
    if (this.closed) return;
    this.stats.enqueued += 1;
    this.queue.push(JSON.stringify(event));
    if (this.queue.length > this.options.maxQueue) this.spoolLines(this.queue.splice(0, this.options.batchSize));
    if (this.queue.length >= this.options.batchSize) this.flushSoon(0);
    else this.flushSoon(this.options.flushIntervalMs);
  }

  /** Sends everything queued now; resolves when the queue is empty or what failed is spooled. */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.flushing) {
      if (!this.flushing) this.flushing = this.sendNextBatch().finally(() => (this.flushing = undefined));
      await this.flushing;
    }
  }

  /** Re-sends spooled batches, oldest first, until one fails. */
  drainSpool(): Promise<void> {
    this.draining ??= this.drainOnce().finally(() => (this.draining = undefined));
    return this.draining;
  }

  /** Flushes, tries the spool once more, then stops timers; whatever is still unsent stays spooled. */
  async close(): Promise<void> {
    await this.flush();
    await this.drainSpool();
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    process.removeListener('exit', this.onExit);
  }

  private flushSoon(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delayMs);
    this.timer.unref();
  }

  private async sendNextBatch(): Promise<void> {
    this.inFlight = this.queue.splice(0, this.options.batchSize);
    if (this.inFlight.length === 0) return;
    const outcome = await this.post(`[${this.inFlight.join(',')}]`, 'application/json');
    const batch = this.inFlight;
    this.inFlight = [];
    if (outcome.ok) {
      this.stats.sent += batch.length;
      this.backoffMs = this.options.retryIntervalMs;
      if (this.spool.files().length > 0 && !this.retryTimer) this.scheduleRetry(0);
      return;
    }
    if (!outcome.retry) {
      this.stats.dropped += batch.length;
      this.log('error', `clawtrace: dropped ${batch.length} events the server refused: ${outcome.reason}`);
      return;
    }
    this.spoolLines(batch);
    this.scheduleRetry(outcome.retryAfterMs);
  }

  private async drainOnce(): Promise<void> {
    for (const file of this.spool.files()) {
      const body = this.spool.read(file);
      if (body === undefined) continue; // another process took it
      const count = body.split('\n').filter((l) => l.trim() !== '').length;
      const outcome = await this.post(body, 'application/x-ndjson');
      if (outcome.ok || !outcome.retry) {
        this.spool.remove(file);
        if (outcome.ok) {
          this.stats.sent += count;
          this.stats.resent += count;
        } else {
          this.stats.dropped += count;
          this.log('error', `clawtrace: dropped a spooled batch of ${count} events the server refused: ${outcome.reason}`);
        }
        continue;
      }
      this.scheduleRetry(outcome.retryAfterMs);
      return;
    }
    this.backoffMs = this.options.retryIntervalMs;
  }

  private scheduleRetry(afterMs?: number): void {
    if (this.closed) return;
    const delay = afterMs ?? this.backoffMs;
    if (afterMs === undefined) this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.drainSpool();
    }, delay);
    this.retryTimer.unref();
  }

  private spoolLines(lines: string[]): void {
    if (lines.length === 0) return;
    try {
      if (this.spool.write(lines)) {
        this.stats.spooled += lines.length;
        return;
      }
      this.log('error', `clawtrace: spool ${this.spool.dir} is full (maxSpoolBytes); dropped ${lines.length} events`);
    } catch (error) {
      this.log('error', `clawtrace: could not spool ${lines.length} events to ${this.spool.dir}: ${(error as Error).message}`);
    }
    this.stats.dropped += lines.length;
  }

  private spoolEverything(): void {
    const lines = [...this.inFlight, ...this.queue];
    this.inFlight = [];
    this.queue = [];
    this.spoolLines(lines);
  }

  /** ClawTrace answers `{stored, duplicates, …}`: kept for the reliability report, never relied on. */
  private count(text: string): void {
    try {
      const answer = JSON.parse(text) as { stored?: unknown; duplicates?: unknown };
      if (typeof answer.stored === 'number') this.stats.storedByServer += answer.stored;
      if (typeof answer.duplicates === 'number') this.stats.duplicatesByServer += answer.duplicates;
    } catch {
      // Not ClawTrace's JSON (a proxy, another collector): nothing to count.
    }
  }

  private async post(body: string, contentType: string): Promise<Outcome> {
    const headers: Record<string, string> = { 'content-type': contentType };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    let response: Response;
    try {
      response = await fetch(`${this.options.endpoint}/v1/events`, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
      // Read to the end (also so the connection can be reused).
      const text = await response.text();
      if (response.ok) this.count(text);
    } catch (error) {
      this.stats.failedRequests += 1;
      return { ok: false, retry: true, reason: (error as Error).message };
    }
    if (response.ok) return { ok: true };
    this.stats.failedRequests += 1;
    const retry = response.status >= 500 || [401, 403, 408, 429].includes(response.status);
    if (retry && response.status < 500) this.log('warn', `clawtrace: ${this.options.endpoint} answered ${response.status}; events are spooled until it accepts them`);
    return { ok: false, retry, retryAfterMs: retryAfterMs(response.headers.get('retry-after')), reason: `HTTP ${response.status}` };
  }
}
