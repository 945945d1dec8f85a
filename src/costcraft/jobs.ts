// DistillRun jobs (DESIGN §8): `start` returns at once with a QUEUED run; the work runs in this
// process and every transition and progress step is written to the graph (DistillRun node), which
// is what `get` reads once the run is no longer in memory. `cancel` aborts a live run (between
// steps and inside API calls). A run never silently disappears: when a server starts, runs left
// QUEUED/RUNNING by a previous process are marked FAILED with reason 'server restarted'
// (`recoverStaleRuns`); a live process refreshes `heartbeatAt`, so cluster peers' runs are kept.
import { randomUUID } from 'node:crypto';
import type { Graph } from '../graph/driver.ts';
import { failStaleRuns, getRun, listRuns, upsertRun, type RunProps } from '../graph/costcraft.ts';
import { distill, DistillCancelled, type ClaudeSettings, type DistillInput, type DistillProgress, type DistillResult } from './distill.ts';

export const RUN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const SERVER_RESTARTED = 'server restarted';

export interface DistillRunView {
  id: string;
  skill: string;
  mode: string;
  status: RunStatus;
  progress: { phase: string; done: number; total: number; fraction: number; message: string };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  timingsMs: Record<string, number>;
  error: string | null;
  versionId: string | null;
  result: DistillResult | null;
}

interface Live {
  projectId: string;
  view: DistillRunView;
  controller: AbortController;
  done: Promise<DistillRunView>;
  /** Writes of this run, chained: a late progress write can never overwrite the final status. */
  writes: Promise<void>;
}

export interface DistillJobsOptions {
  /** Identifies this process; defaults to a random id. */
  instanceId?: string;
  claude?: ClaudeSettings | null;
  /** A run of another instance is stale when its heartbeat is older than this (default 0: any). */
  staleAfterMs?: number;
  /** Called on every progress step of every run (the CLI's progress bar). */
  onProgress?: (runId: string, progress: DistillProgress) => void;
}

function parseJson<T>(text: unknown): T | null {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

const isStatus = (v: unknown): v is RunStatus => (RUN_STATUSES as readonly unknown[]).includes(v);

export function viewFromProps(p: RunProps): DistillRunView {
  const done = Number(p.progressDone ?? 0);
  const total = Number(p.progressTotal ?? 0);
  return {
    id: String(p.id),
    skill: String(p.skill ?? ''),
    mode: String(p.mode ?? ''),
    status: isStatus(p.status) ? p.status : 'FAILED',
    progress: { phase: String(p.progressPhase ?? ''), done, total, fraction: total ? done / total : 0, message: String(p.progressMessage ?? '') },
    createdAt: String(p.createdAt ?? ''),
    startedAt: (p.startedAt as string | null) ?? null,
    finishedAt: (p.finishedAt as string | null) ?? null,
    durationMs: p.durationMs === null || p.durationMs === undefined ? null : Number(p.durationMs),
    timingsMs: parseJson<Record<string, number>>(p.timingsJson) ?? {},
    error: (p.error as string | null) ?? null,
    versionId: (p.versionId as string | null) ?? null,
    result: parseJson<DistillResult>(p.resultJson),
  };
}

export class DistillJobs {
  readonly instanceId: string;
  private readonly live = new Map<string, Live>();

  constructor(
    private readonly graph: Graph,
    private readonly options: DistillJobsOptions = {},
  ) {
    this.instanceId = options.instanceId ?? `instance-${randomUUID()}`;
  }

  /** Call once at server start: fails runs a previous process left unfinished. */
  async recoverStaleRuns(now = new Date()): Promise<number> {
    const staleBefore = new Date(now.getTime() - (this.options.staleAfterMs ?? 0));
    return (await failStaleRuns(this.graph, this.instanceId, SERVER_RESTARTED, staleBefore, now)).length;
  }

  async start(projectId: string, input: DistillInput): Promise<DistillRunView> {
    const id = `distill-${randomUUID()}`;
    const mode = input.mode ?? (this.options.claude?.apiKey ? 'CLAUDE' : 'OFFLINE');
    const view: DistillRunView = {
      id,
      skill: input.skill,
      mode,
      status: 'QUEUED',
      progress: { phase: 'queued', done: 0, total: 0, fraction: 0, message: '' },
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      timingsMs: {},
      error: null,
      versionId: null,
      result: null,
    };
    await this.persist(projectId, view, input);
    const controller = new AbortController();
    const entry: Live = { projectId, view, controller, done: Promise.resolve(view), writes: Promise.resolve() };
    this.live.set(id, entry);
    entry.done = this.run(entry, { ...input, mode }).finally(() => this.live.delete(id));
    return { ...view };
  }

  async get(projectId: string, id: string): Promise<DistillRunView | null> {
    const live = this.live.get(id);
    if (live && live.projectId === projectId) return { ...live.view };
    const props = await getRun(this.graph, projectId, id);
    return props ? viewFromProps(props) : null;
  }

  /** Runs of a project (or of one skill), the most recent first; live runs show their current state. */
  async list(projectId: string, skill: string | null, limit: number): Promise<DistillRunView[]> {
    const stored = (await listRuns(this.graph, projectId, skill, limit)).map(viewFromProps);
    return stored.map((view) => {
      const live = this.live.get(view.id);
      return live && live.projectId === projectId ? { ...live.view } : view;
    });
  }

  /** Cancels a live run; a finished (or unknown) run is returned as it is. */
  async cancel(projectId: string, id: string): Promise<DistillRunView | null> {
    const live = this.live.get(id);
    if (!live || live.projectId !== projectId) return this.get(projectId, id);
    live.controller.abort();
    return live.done;
  }

  /** Resolves when the run is finished (SUCCEEDED, FAILED or CANCELLED). */
  async wait(projectId: string, id: string): Promise<DistillRunView | null> {
    const live = this.live.get(id);
    if (live && live.projectId === projectId) return live.done;
    return this.get(projectId, id);
  }

  private async run(entry: Live, input: DistillInput): Promise<DistillRunView> {
    const { view, projectId } = entry;
    const started = Date.now();
    view.status = 'RUNNING';
    view.startedAt = new Date().toISOString();
    try {
      await this.write(entry);
      const result = await distill(input, {
        graph: this.graph,
        projectId,
        runId: view.id,
        claude: this.options.claude ?? null,
        signal: entry.controller.signal,
        onProgress: (p) => this.onProgress(entry, p),
      });
      view.status = 'SUCCEEDED';
      view.result = result;
      view.versionId = result.versionId;
      view.timingsMs = result.timingsMs;
    } catch (error) {
      const cancelled = error instanceof DistillCancelled || entry.controller.signal.aborted;
      view.status = cancelled ? 'CANCELLED' : 'FAILED';
      view.error = cancelled ? 'cancelled' : (error as Error).message;
    }
    view.finishedAt = new Date().toISOString();
    view.durationMs = Date.now() - started;
    await this.write(entry).catch(() => undefined);
    return { ...view };
  }

  private onProgress(entry: Live, p: DistillProgress): void {
    entry.view.progress = { phase: p.phase, done: p.done, total: p.total, fraction: p.total ? p.done / p.total : 0, message: p.message };
    this.options.onProgress?.(entry.view.id, p);
    // Progress writes are best effort; a failed one must not fail the run.
    void this.write(entry).catch(() => undefined);
  }

  /** Persists the run's current state after every earlier write of it. */
  private write(entry: Live): Promise<void> {
    const snapshot: DistillRunView = { ...entry.view, progress: { ...entry.view.progress } };
    entry.writes = entry.writes.catch(() => undefined).then(() => this.persist(entry.projectId, snapshot));
    return entry.writes;
  }

  private async persist(projectId: string, view: DistillRunView, input?: DistillInput): Promise<void> {
    const props: RunProps & { id: string } = {
      id: view.id,
      skill: view.skill,
      mode: view.mode,
      status: view.status,
      progressPhase: view.progress.phase,
      progressDone: view.progress.done,
      progressTotal: view.progress.total,
      progressMessage: view.progress.message,
      createdAt: view.createdAt,
      startedAt: view.startedAt,
      finishedAt: view.finishedAt,
      durationMs: view.durationMs,
      timingsJson: JSON.stringify(view.timingsMs),
      error: view.error,
      versionId: view.versionId,
      resultJson: view.result ? JSON.stringify(view.result) : null,
      instanceId: this.instanceId,
      heartbeatAt: new Date().toISOString(),
    };
    if (input) {
      props.inputJson = JSON.stringify({ ...input, baseSkill: input.baseSkill ? `${input.baseSkill.length} chars` : null });
      props.budgetTokens = input.budgetTokens ?? null;
    }
    await upsertRun(this.graph, projectId, props);
  }
}

const registries = new WeakMap<Graph, DistillJobs>();

/** One job registry per graph (per server process), shared by GraphQL resolvers and tests. */
export function distillJobsFor(graph: Graph, options?: DistillJobsOptions): DistillJobs {
  let jobs = registries.get(graph);
  if (!jobs) {
    jobs = new DistillJobs(graph, options);
    registries.set(graph, jobs);
  }
  return jobs;
}
