// The engine's finaliser loop (DESIGN §5): drains dirty sessions of every project off the request
// path. Ingest requests acknowledge once their spans are written and nudge this loop; it waits a
// moment for a burst to settle (so a session sent as 20 requests is finalised once or twice, not
// 20 times), claims what is due, finalises it and goes again. Several engine processes on one
// Neo4j each run one: claims with leases in the graph keep them off each other's sessions.
import { isGraphUnavailable, type Graph } from '../graph/driver.ts';
import type { FinaliseWindow } from '../graph/ingest.ts';
import { claimDirtySessions, finaliseClaims, newFinaliserId, pendingSessions, type BeforeFinalise, type OnAlerts } from '../graph/finaliser.ts';

export interface FinaliserOptions {
  /** A session marked less than this long ago waits for more of its burst. */
  settleMs?: number;
  /** ...but never longer than this after its oldest pending acknowledgement. */
  maxWaitMs?: number;
  /** Sessions per claim. */
  batch?: number;
  /** How often to look for work when nothing nudged (other processes' writes, expired leases). */
  idlePollMs?: number;
  /** Ingest work on claimed sessions before they are recomputed (plugin-event assembly). */
  beforeFinalise?: BeforeFinalise;
  /** Alerts a round fired (delivery and the alert stream react at once). */
  onAlerts?: OnAlerts;
  log?: (line: string) => void;
}

export interface FinaliserStats {
  /** Sessions finalised by this process since it started. */
  finalised: number;
  /** Seconds from acknowledgement to finalised, over the last finalisations of this process. */
  freshnessP50Seconds: number | null;
  freshnessP95Seconds: number | null;
  lastError: string | null;
}

/** Freshness samples kept for the percentiles: the most recent ones. */
const SAMPLES = 2_000;

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export class BackgroundFinaliser {
  private readonly owner = newFinaliserId();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private nudged = false;
  private samples: number[] = [];
  private finalised = 0;
  private lastError: string | null = null;

  constructor(
    private readonly graph: Graph,
    private readonly options: FinaliserOptions = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Stops after the current round, waiting for it at most `maxWaitMs`: a database that stalls
   * must not keep the process from shutting down. Claims of a round cut short expire (their
   * lease is no longer renewed once the process is gone) and another finaliser finishes them.
   */
  async stop(maxWaitMs = 10_000): Promise<void> {
    this.running = false;
    this.wake?.();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)))]);
    clearTimeout(timer);
  }

  /** New data was written: look for work now instead of at the next idle poll. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** The window writes acknowledged by this process give the finalisers (see finaliser/mark-dirty). */
  window(): FinaliseWindow {
    const settleMs = this.options.settleMs ?? 100;
    return { settleMs, maxWaitMs: Math.max(settleMs, this.options.maxWaitMs ?? 400) };
  }

  stats(): FinaliserStats {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms) / 1000);
    return {
      finalised: this.finalised,
      freshnessP50Seconds: seconds(percentile(sorted, 0.5)),
      freshnessP95Seconds: seconds(percentile(sorted, 0.95)),
      lastError: this.lastError,
    };
  }

  /** Pending sessions in the whole database, for /readyz. */
  pending() {
    return pendingSessions(this.graph, null);
  }

  private async run(): Promise<void> {
    const { settleMs, maxWaitMs } = this.window();
    while (this.running) {
      this.nudged = false;
      let worked = false;
      try {
        const claims = await claimDirtySessions(this.graph, this.owner, { settleMs, maxWaitMs, limit: this.options.batch ?? 50 });
        if (claims.length > 0) {
          worked = true;
          const result = await finaliseClaims(this.graph, this.owner, claims, this.options.beforeFinalise, this.options.onAlerts);
          this.finalised += result.finalised;
          this.samples.push(...result.freshnessMs);
          if (this.samples.length > SAMPLES) this.samples = this.samples.slice(-SAMPLES);
        }
        this.lastError = null;
      } catch (error) {
        // Logged once per distinct message: a database that is away repeats the same one.
        const message = (error as Error).message;
        if (message !== this.lastError) this.options.log?.(`[finaliser] ${isGraphUnavailable(error) ? 'database unavailable: ' : ''}${message}`);
        this.lastError = message;
        await this.sleep(1_000);
        continue;
      }
      // Sessions still settling are due within settleMs; otherwise wait for a nudge or the poll.
      if (!worked) await this.sleep(this.nudged ? settleMs : (this.options.idlePollMs ?? 250));
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
