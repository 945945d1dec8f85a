// What the plugin answers OpenClaw's deciding hooks from the cached budget state (never from the
// network): before_tool_call may refuse a tool call ({block, blockReason}), before_agent_run may
// refuse a whole run ({outcome: 'block'}), before_prompt_build may prepend a one-time warning to
// the turn's prompt. No OpenClaw hook can stop a single model call inside a run that is already
// going (model_call_started and llm_input are observe-only), so mid-run the limit acts through the
// tool calls the model asks for. See examples/openclaw-plugin.md, "Budget enforcement".
import path from 'node:path';
import { BudgetPoller } from './budget-poller.ts';
import { worse, atLeast, type BudgetState, type BudgetStatus } from './budget-state.ts';
import { runRefusal, toolRefusal, warning } from './budget-text.ts';
import type { CaptureConfig, EnforceMode } from './config.ts';
import { BoundedMap, type SessionIdentity } from './identity.ts';

/** Which session a deciding hook is about (OpenClaw's hook context). */
export interface SessionRef {
  sessionId?: string;
  sessionKey?: string;
}

export interface ToolVerdict {
  block: true;
  blockReason: string;
}

export interface RunVerdict {
  outcome: 'block';
  reason: string;
  message: string;
  category: string;
}

/** A sub-agent tree deeper than this is not walked further (guards against a cycle in bad data). */
const MAX_DEPTH = 16;

export class Enforcement {
  /** child sessionKey → the sessionKey that spawned it, from subagent_spawned. */
  private readonly parentKeyOf = new BoundedMap<string, string>(10_000);

  constructor(
    readonly mode: EnforceMode,
    private readonly budgets: BudgetPoller,
    private readonly identity: SessionIdentity,
  ) {}

  close(): void {
    this.budgets.close();
  }

  seen(sessionId: string | undefined): void {
    this.budgets.track(sessionId);
  }

  spawned(childKey: string | undefined, requesterKey: string | undefined): void {
    if (childKey && requesterKey && childKey !== requesterKey) this.parentKeyOf.set(childKey, requesterKey);
  }

  /**
   * The session's own state, made as severe as any ancestor's: the server answers a child with its
   * tree's state once it knows the child, but a child that has only just started is unknown there
   * (OK) while its parent may already be at the limit.
   */
  verdict(ref: SessionRef): { status: BudgetStatus; state?: BudgetState } {
    let worst: { status: BudgetStatus; state?: BudgetState } = { status: 'OK' };
    let sessionId = ref.sessionId ?? this.identity.idOf(ref.sessionKey);
    let key = ref.sessionKey;
    for (let depth = 0; depth < MAX_DEPTH && (sessionId || key); depth++) {
      const state = sessionId ? this.budgets.state(sessionId) : undefined;
      if (state && worse(worst.status, state.status) !== worst.status) worst = { status: state.status, state };
      key = key ? this.parentKeyOf.get(key) : undefined;
      sessionId = this.identity.idOf(key);
    }
    return worst;
  }

  /** before_tool_call: refuse at the limit when blocking. */
  toolCall(ref: SessionRef): ToolVerdict | undefined {
    if (this.mode !== 'block') return undefined;
    const { status, state } = this.verdict(ref);
    return status === 'LIMIT' && state ? { block: true, blockReason: toolRefusal(state) } : undefined;
  }

  /** before_agent_run: refuse a new run of a session already at the limit when blocking. */
  agentRun(ref: SessionRef): RunVerdict | undefined {
    if (this.mode !== 'block') return undefined;
    const { status, state } = this.verdict(ref);
    if (status !== 'LIMIT' || !state) return undefined;
    const message = runRefusal(state);
    return { outcome: 'block', reason: 'clawtrace budget limit', message, category: 'cost_limit' };
  }

  /** before_prompt_build: one warning per session and level, where the agent reads it (the turn's context). */
  promptBuild(ref: SessionRef): { prependContext: string } | undefined {
    if (this.mode === 'off') return undefined;
    const { status, state } = this.verdict(ref);
    const sessionId = ref.sessionId ?? this.identity.idOf(ref.sessionKey);
    if (status === 'OK' || !state || !sessionId) return undefined;
    const already = this.budgets.warned(sessionId);
    if (already && atLeast(already, status)) return undefined;
    this.budgets.markWarned(sessionId, status);
    return { prependContext: warning(state, status) };
  }
}

type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

/** Undefined with enforce off: then nothing polls /v1/budget-state. */
export function createEnforcement(config: CaptureConfig, identity: SessionIdentity, log: Log): Enforcement | undefined {
  if (config.enforce === 'off') return undefined;
  const budgets = new BudgetPoller(
    {
      endpoint: config.endpoint,
      ...(config.apiKey ? { apiKey: config.apiKey } : {}),
      pollMs: config.budgetPollMs,
      requestTimeoutMs: config.requestTimeoutMs,
      // Next to the spooled batches (which are named batch-*.ndjson, so the spool ignores it).
      file: path.join(config.spoolDir, 'budget-state.json'),
    },
    log,
  );
  const enforcement = new Enforcement(config.enforce, budgets, identity);
  // A sub-agent's session id is revealed by its first hook; from then on it is polled too.
  identity.onLearn((_key, sessionId) => enforcement.seen(sessionId));
  return enforcement;
}
