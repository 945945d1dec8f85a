// `clawtrace alerts`: the alerts a project's budgets and rules fired, newest first, as a table in
// the terminal's width (time, level, kind, the message cut to fit) or JSON, read from the graph like
// `clawtrace sessions`. `--follow` then prints each new alert as it fires, from the engine's
// GET /v1/alerts/stream (Server-Sent Events; after a dropped connection it reconnects with
// Last-Event-ID, so nothing is missed or repeated), until Ctrl-C. An engine without the stream
// (it answers 404) is followed by reading the graph every 2 s instead.
import { LOCAL_PROJECT } from '../api/context.ts';
import type { Alert } from '../alerts/types.ts';
import { readEnv } from '../config.ts';
import { countAlerts, listAlerts, treeOfSession, type AlertFilter } from '../graph/alerts.ts';
import { projectForKey } from '../graph/api-keys.ts';
import type { Graph } from '../graph/driver.ts';
import { resolveSessionRef } from '../graph/session-refs.ts';
import { withGraph } from './connect.ts';
import { EngineError, engineFromEnv, notRunning, refused, type Engine } from './engine-client.ts';
import { engineBaseUrl, sessionUrl } from './explorer-link.ts';
import { pickSessionAmong } from './session-ref.ts';
import { SseParser } from './sse.ts';
import { displayWidth, fit, oneLine, pad } from './text-width.ts';

export interface AlertsCommandOptions {
  session?: string;
  /** Epoch ms (parsed by parseSince). */
  since?: number;
  limit?: number;
  project?: string;
  json?: boolean;
  follow?: boolean;
}

/** An alert as listed: from the graph, or as the stream sends it (with its explorer link). */
export interface AlertLine {
  id: string;
  kind: string;
  level: string;
  message: string;
  sessionId: string | null;
  spanId: string | null;
  firedAt: string;
  url?: string | null;
}

export const POLL_MS = 2_000;
const RETRY_MS = 2_000;

/** `<base>/ui/#/session/<id>?span=<id>`: the session page with the step selected. */
export function alertUrl(base: string, alert: Pick<AlertLine, 'sessionId' | 'spanId'>): string | null {
  if (!alert.sessionId) return null;
  const session = sessionUrl(base, alert.sessionId);
  return alert.spanId ? `${session}?${new URLSearchParams({ span: alert.spanId }).toString()}` : session;
}

const KIND_WORDS = new Map([
  ['BUDGET', 'budget'],
  ['SPEND_RATE', 'spend rate'],
  ['WASTE', 'waste'],
]);

const TIME = 16;
const LEVEL = 7;
const KIND = 10;
const GAP = '  ';

/** One table line; the message takes what is left of `width` (at least 10 columns) and is cut at its end. */
function line(time: string, level: string, kind: string, message: string, width: number): string {
  const head = [pad(fit(time, TIME), TIME), pad(fit(level, LEVEL), LEVEL), pad(fit(kind, KIND), KIND)].join(GAP) + GAP;
  const room = Math.max(10, width - displayWidth(head));
  return fit(`${head}${fit(oneLine(message), room)}`.trimEnd(), width);
}

export const alertHeader = (width = 80) => line('time (UTC)', 'level', 'kind', 'message', width);

export function alertRow(alert: AlertLine, width = 80): string {
  return line(alert.firedAt.slice(0, 19).replace('T', ' ').slice(0, TIME), alert.level.toLowerCase(), KIND_WORDS.get(alert.kind) ?? alert.kind.toLowerCase(), alert.message, width);
}

export function formatAlerts(alerts: readonly AlertLine[], total: number, width = 80): string {
  if (total === 0) return 'No alerts match (budgets and rules fire them: clawtrace budget list, clawtrace rule list)';
  const more = total > alerts.length ? ' (--limit for more)' : '';
  return [alertHeader(width), ...alerts.map((a) => alertRow(a, width)), fit(`${alerts.length} of ${total} alerts, newest first${more}`, width)].join('\n');
}

/** The sessions of the tree a --session ref names (alerts name the session the crossing happened in). */
async function sessionFilter(graph: Graph, projectId: string, ref: string): Promise<string[]> {
  const matches = await resolveSessionRef(graph, projectId, ref, 20);
  const picked = matches.total === 1 ? matches.sessions[0]!.id : pickSessionAmong(matches.sessions, matches.total === matches.sessions.length);
  if (matches.total === 0) throw new EngineError(`no session "${ref}" in project ${projectId} (clawtrace sessions lists them)`, 1);
  if (!picked) throw new EngineError(`--session "${ref}" matches ${matches.total} sessions; give more of the id (clawtrace sessions lists them)`, 2);
  return (await treeOfSession(graph, projectId, picked))?.sessionIds ?? [picked];
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Follows GET /v1/alerts/stream from `after` (an event id or epoch ms) until `signal` aborts.
 * 'unavailable' when the engine has no stream (404 on the first request).
 */
export async function followStream(engine: Engine, after: string, signal: AbortSignal, onAlert: (alert: AlertLine) => void): Promise<'unavailable' | 'stopped'> {
  let lastEventId: string | null = null;
  let retryMs = RETRY_MS;
  let connected = false;
  let warned = false;
  while (!signal.aborted) {
    let response: Response;
    const headers: Record<string, string> = { accept: 'text/event-stream', ...engine.headers };
    if (lastEventId) headers['last-event-id'] = lastEventId;
    try {
      response = await fetch(`${engine.base}/v1/alerts/stream?${new URLSearchParams({ after })}`, { headers, signal });
    } catch {
      if (signal.aborted) break;
      if (!connected) throw new EngineError(notRunning(engine.base));
      if (!warned) console.error(`the engine at ${engine.base} stopped answering; reconnecting every ${retryMs / 1000} s (Ctrl-C to stop)`);
      warned = true;
      await sleep(retryMs, signal);
      continue;
    }
    if (response.status === 404 && !connected) return 'unavailable';
    if (response.status === 401 || response.status === 403) throw new EngineError(refused(engine.base, response.status));
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      if (!connected) throw new EngineError(`the alert stream at ${engine.base} answered HTTP ${response.status}`);
      await sleep(retryMs, signal);
      continue;
    }
    if (warned) console.error('reconnected to the alert stream');
    connected = true;
    warned = false;
    const parser = new SseParser();
    parser.lastEventId = lastEventId;
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          lastEventId = parser.lastEventId;
          if (event.event === 'alert') onAlert(JSON.parse(event.data) as AlertLine);
        }
      }
    } catch (error) {
      if (signal.aborted) break;
      if (error instanceof SyntaxError) console.error(`skipped an alert event that is not JSON: ${error.message}`);
    }
    lastEventId = parser.lastEventId ?? lastEventId;
    retryMs = parser.retryMs ?? retryMs;
    if (!signal.aborted) await sleep(retryMs, signal);
  }
  return 'stopped';
}

/** Follows by reading the graph: alerts fired after `fromMs`, each printed once, oldest first. */
async function followGraph(graph: Graph, projectId: string, filter: AlertFilter, fromMs: number, signal: AbortSignal, onAlert: (alert: Alert) => void) {
  const seen = new Set<string>();
  let newestMs = fromMs;
  while (!signal.aborted) {
    // Look back a little: another engine's finaliser may commit an alert stamped a moment earlier.
    const rows = await listAlerts(graph, projectId, { ...filter, sinceMs: Math.max(fromMs, newestMs - 10_000) }, { limit: 100 });
    for (const alert of rows.reverse()) {
      if (seen.has(alert.id) || alert.firedAtMs <= fromMs) continue;
      seen.add(alert.id);
      newestMs = Math.max(newestMs, alert.firedAtMs);
      onAlert(alert);
    }
    await sleep(POLL_MS, signal);
  }
}

/** The project the engine streams: the key's with CLAWTRACE_API_KEY, else local. */
async function engineProject(graph: Graph): Promise<string> {
  const key = readEnv().CLAWTRACE_API_KEY;
  if (!key) return LOCAL_PROJECT;
  const project = await projectForKey(graph, key);
  if (project === null) throw new EngineError('CLAWTRACE_API_KEY is not a known API key (clawtrace keys list shows the prefixes)');
  return project;
}

export async function runAlerts(options: AlertsCommandOptions): Promise<number> {
  const width = process.stdout.columns || 80;
  const base = engineBaseUrl(readEnv());
  try {
    return await withGraph(async (graph) => {
      const streamProject = options.follow ? await engineProject(graph) : null;
      const projectId = options.project ?? streamProject ?? LOCAL_PROJECT;
      if (streamProject !== null && streamProject !== projectId) {
        throw new EngineError(`--follow streams the engine's project ${streamProject} (${readEnv().CLAWTRACE_API_KEY ? 'CLAWTRACE_API_KEY\'s' : 'local mode'}), not ${projectId}; drop --project or set CLAWTRACE_API_KEY to a key of ${projectId}`);
      }
      const filter: AlertFilter = { sinceMs: options.since ?? null };
      let tree: Set<string> | null = null;
      if (options.session) {
        filter.sessionIds = await sessionFilter(graph, projectId, options.session);
        tree = new Set(filter.sessionIds);
      }
      const listedAtMs = Date.now();
      const limit = options.limit ?? 20;
      const [alerts, total] = await Promise.all([listAlerts(graph, projectId, filter, { limit }), countAlerts(graph, projectId, filter)]);
      const withUrl = (a: AlertLine) => ({ ...a, url: a.url ?? alertUrl(base, a) });
      if (options.json && !options.follow) console.log(JSON.stringify({ total, alerts: alerts.map(withUrl) }, null, 2));
      else if (options.json) for (const a of [...alerts].reverse()) console.log(JSON.stringify(withUrl(a)));
      else if (options.follow) console.log([alertHeader(width), ...[...alerts].reverse().map((a) => alertRow(a, width))].join('\n'));
      else console.log(formatAlerts(alerts, total, width));
      if (!options.follow) return 0;

      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const printed = new Set(alerts.map((a) => a.id));
      const print = async (alert: AlertLine) => {
        if (printed.has(alert.id)) return;
        printed.add(alert.id);
        if (tree && alert.sessionId && !tree.has(alert.sessionId)) {
          // A sub-agent spawned since the list: its tree is read again before the alert is left out.
          tree = new Set(await sessionFilter(graph, projectId, options.session!));
          if (!tree.has(alert.sessionId)) return;
        }
        console.log(options.json ? JSON.stringify(withUrl(alert)) : alertRow(alert, width));
      };
      let queue = Promise.resolve();
      const enqueue = (alert: AlertLine) => (queue = queue.then(() => print(alert)));
      try {
        const newest = alerts[0];
        const after = newest ? `${newest.firedAtMs}-${newest.id}` : String(listedAtMs);
        console.error(`following new alerts of project ${projectId} (Ctrl-C to stop)`);
        const outcome = await followStream(engineFromEnv(), after, controller.signal, enqueue);
        if (outcome === 'unavailable') {
          console.error(`the engine at ${base} has no alert stream (GET /v1/alerts/stream answered 404): reading the graph every ${POLL_MS / 1000} s instead`);
          await followGraph(graph, projectId, filter, newest ? newest.firedAtMs - 1 : listedAtMs, controller.signal, enqueue);
        }
        await queue;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
      return 0;
    });
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    console.error(`clawtrace alerts: ${error.message}`);
    return error.exitCode;
  }
}
