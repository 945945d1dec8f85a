// The budget state of each session the plugin has seen recently, learned in the background from
// ClawTrace's GET /v1/budget-state. Hooks only read this cache (synchronously): the network is
// never awaited inside a hook, so a slow or absent ClawTrace cannot slow the agent down. A failed
// request keeps the last known state and is logged once per run of failures.
import { loadBudgetFile, saveBudgetFile, type StoredSession } from './budget-file.ts';
import { parseBudgetState, type BudgetState, type BudgetStatus } from './budget-state.ts';
import { BoundedMap } from './identity.ts';

/** Sessions with no hook for this long are no longer polled (their last state is kept). */
export const ACTIVE_MS = 5 * 60_000;

export interface BudgetPollerOptions {
  endpoint: string;
  apiKey?: string;
  pollMs: number;
  requestTimeoutMs: number;
  /** Where the last known states survive a process restart; none = memory only. */
  file?: string;
  fetch?: typeof fetch;
  now?: () => number;
}

type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

export class BudgetPoller {
  private readonly sessions: BoundedMap<string, StoredSession>;
  private readonly lastSeen = new BoundedMap<string, number>(1000);
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private failing = false;
  private closed = false;

  constructor(
    private readonly options: BudgetPollerOptions,
    private readonly log: Log = () => undefined,
  ) {
    this.fetch = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.sessions = new BoundedMap(1000);
    if (options.file) for (const [id, entry] of loadBudgetFile(options.file, this.now())) this.sessions.set(id, entry);
  }

  /** A hook saw this session: keep it polled; a session not asked about yet is asked at once. */
  track(sessionId: string | undefined): void {
    if (!sessionId || this.closed) return;
    const first = !this.lastSeen.has(sessionId);
    this.lastSeen.set(sessionId, this.now());
    if (first) void this.refresh(sessionId);
    if (!this.timer) {
      this.timer = setInterval(() => void this.pollOnce(), this.options.pollMs);
      this.timer.unref(); // polling alone must never keep OpenClaw's process alive
    }
  }

  state(sessionId: string): BudgetState | undefined {
    return this.sessions.get(sessionId)?.state;
  }

  warned(sessionId: string): BudgetStatus | undefined {
    return this.sessions.get(sessionId)?.warned;
  }

  markWarned(sessionId: string, level: BudgetStatus): void {
    const entry = this.sessions.get(sessionId) ?? { atMs: this.now() };
    this.sessions.set(sessionId, { ...entry, warned: level });
    this.save();
  }

  /** One round over the sessions active in the last ACTIVE_MS. */
  async pollOnce(): Promise<void> {
    const since = this.now() - ACTIVE_MS;
    const active = [...this.lastSeen].filter(([, at]) => at >= since).map(([id]) => id);
    await Promise.all(active.map((id) => this.refresh(id)));
  }

  /** Asks for one session; a request already on its way is shared, not repeated. */
  refresh(sessionId: string): Promise<void> {
    let pending = this.inFlight.get(sessionId);
    if (!pending) {
      pending = this.request(sessionId).finally(() => this.inFlight.delete(sessionId));
      this.inFlight.set(sessionId, pending);
    }
    return pending;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async request(sessionId: string): Promise<void> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    const url = `${this.options.endpoint}/v1/budget-state?sessionId=${encodeURIComponent(sessionId)}`;
    try {
      const response = await this.fetch(url, { headers, signal: AbortSignal.timeout(this.options.requestTimeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const state = parseBudgetState(await response.json(), sessionId);
      if (!state) throw new Error('the answer is not a budget state');
      this.learn(sessionId, state);
      if (this.failing) this.log('info', 'clawtrace: budget state readable again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.log('warn', `clawtrace: cannot read the budget state from ${url} (${(error as Error).message}); keeping the last known state`);
      this.failing = true;
    }
  }

  private learn(sessionId: string, state: BudgetState): void {
    const before = this.sessions.get(sessionId);
    const changed = before?.state?.status !== state.status || before?.state?.alerts.length !== state.alerts.length;
    this.sessions.set(sessionId, { ...before, state, atMs: this.now() });
    if (changed) this.save(); // only on change: the file is for the next process, not a log
  }

  private save(): void {
    if (!this.options.file) return;
    try {
      saveBudgetFile(this.options.file, this.sessions, this.now());
    } catch (error) {
      this.log('warn', `clawtrace: cannot write ${this.options.file}: ${(error as Error).message}`);
    }
  }
}
