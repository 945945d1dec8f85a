// GET /v1/alerts/stream: the caller's project's alerts as Server-Sent Events (`event: alert`,
// `id: <firedAtMs>-<alertId>`, `data: <alert JSON>`), from now, or after `Last-Event-ID` /
// `?after=` (replayed from the graph). Alerts are read from the graph every ~500 ms (any engine
// process may fire them) and at once when this process fires some (ctx.alertBus). An alert
// committed a little after a newer one (another replica's finaliser) is still sent: the stream
// looks back LOOKBACK_MS behind its newest alert and skips the ones it has sent.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { alertJson } from '../alerts/payloads.ts';
import { alertsAfter } from '../graph/alert-stream.ts';
import type { AppContext } from './context.ts';
import { HttpError } from './http.ts';
import type { Route } from './router.ts';

export const POLL_MS = 500;
export const HEARTBEAT_MS = 15_000;
export const LOOKBACK_MS = 10_000;
/** Alerts per graph read; a longer replay continues at the next poll. */
const PAGE = 200;

export interface StreamPosition {
  ms: number;
  id: string;
}

/**
 * A position from `Last-Event-ID` or `?after=`: an event id (`<firedAtMs>-<alertId>`), epoch ms,
 * or an ISO instant. Throws a 400 saying which forms are accepted.
 */
export function parsePosition(text: string, where: string): StreamPosition {
  const trimmed = text.trim();
  // An instant first: 2026-01-31 would otherwise read as the event id of ms 2026.
  if (/^\d{4}-\d{2}-\d{2}(?:T|$)/.test(trimmed)) {
    const ms = Date.parse(trimmed);
    if (Number.isFinite(ms)) return { ms, id: '' };
  }
  const event = /^(\d{1,16})(?:-(.*))?$/s.exec(trimmed);
  if (event) return { ms: Number(event[1]), id: event[2] ?? '' };
  throw new HttpError(400, 'BAD_REQUEST', `${where} must be an event id (<firedAtMs>-<alertId>), epoch milliseconds or an ISO-8601 instant; got ${JSON.stringify(trimmed.slice(0, 100))}`);
}

function startPosition(req: IncomingMessage, url: URL): StreamPosition {
  const header = req.headers['last-event-id'];
  const lastEventId = Array.isArray(header) ? header[0] : header;
  // A reconnecting EventSource sends Last-Event-ID: it wins over the ?after= of the original URL.
  if (lastEventId) return parsePosition(lastEventId, 'The Last-Event-ID header');
  const after = url.searchParams.get('after');
  if (after) return parsePosition(after, 'The after parameter');
  return { ms: Date.now(), id: '' };
}

/** The base of explorer links: the configured public URL, else the address the caller used. */
function publicBase(ctx: AppContext, req: IncomingMessage): string | null {
  if (ctx.publicUrl) return ctx.publicUrl;
  return req.headers.host ? `http://${req.headers.host}` : null;
}

const after = (a: StreamPosition, b: StreamPosition) => a.ms > b.ms || (a.ms === b.ms && a.id > b.id);

export async function streamAlerts(ctx: AppContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const projectId = await ctx.projectFor(req);
  const start = startPosition(req, url);
  const base = publicBase(ctx, req);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Proxies (nginx) would otherwise hold events back in their buffer.
    'x-accel-buffering': 'no',
  });
  // A comment first, so the client sees the stream open before any alert; retry: reconnect delay.
  res.write(': clawtrace alerts\nretry: 2000\n\n');

  let open = true;
  let wake: (() => void) | undefined;
  const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
  void closed.then(() => {
    open = false;
    wake?.();
  });
  const unsubscribe = ctx.alertBus?.subscribe((firedIn) => {
    if (firedIn === projectId) wake?.();
  });
  const heartbeat = setInterval(() => open && res.write(': heartbeat\n\n'), HEARTBEAT_MS);

  let newest = start;
  /** Alerts sent within LOOKBACK_MS of the newest: looked at again, never sent again. */
  const sent = new Map<string, number>();
  let lastError: string | null = null;
  try {
    while (open) {
      let full = false;
      try {
        const fromMs = Math.max(start.ms, newest.ms - LOOKBACK_MS);
        const rows = await alertsAfter(ctx.graph, projectId, { afterMs: start.ms, afterId: start.id, fromMs, sentIds: [...sent.keys()] }, PAGE);
        full = rows.length === PAGE;
        for (const node of rows) {
          if (!open) break;
          const position = { ms: Number(node.firedAtMs), id: String(node.id) };
          res.write(`event: alert\nid: ${position.ms}-${position.id}\ndata: ${JSON.stringify(alertJson(node, base))}\n\n`);
          sent.set(position.id, position.ms);
          if (after(position, newest)) newest = position;
        }
        for (const [id, ms] of sent) if (ms < newest.ms - LOOKBACK_MS) sent.delete(id);
        lastError = null;
      } catch (error) {
        // The database went away: the stream stays open and catches up when it is back.
        const message = (error as Error).message;
        if (message !== lastError) console.error(`[alerts] stream of project ${projectId}: ${message}`);
        lastError = message;
      }
      if (open && !full) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, POLL_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  } finally {
    clearInterval(heartbeat);
    unsubscribe?.();
    res.end();
  }
}

export function alertStreamRoutes(ctx: AppContext): Route[] {
  return [{ method: 'GET', path: '/v1/alerts/stream', handler: (req, res, url) => streamAlerts(ctx, req, res, url) }];
}
