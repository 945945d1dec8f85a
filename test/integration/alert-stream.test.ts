// GET /v1/alerts/stream through the real HTTP server and Neo4j: a new alert arrives as an SSE
// event, a reconnect with Last-Event-ID (or ?after=) replays what came after, another project's
// alerts never appear, a bad position is a 400, and the stream ends when the server closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertBus } from '../../src/alerts/bus.ts';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { createTestAlerts, until } from '../helpers/alert-delivery.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

interface SseEvent {
  event: string;
  id: string;
  data: string;
}

/** An open stream: the events parsed so far, and whether the server ended it. */
interface Stream {
  events: SseEvent[];
  comments: string[];
  ended: Promise<void>;
  close(): void;
}

async function openStream(url: string, headers: Record<string, string> = {}): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const stream: Stream = { events: [], comments: [], ended: Promise.resolve(), close: () => controller.abort() };
  const decoder = new TextDecoder();
  let buffer = '';
  stream.ended = (async () => {
    try {
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) stream.comments.push(line.slice(1).trim());
            else if (line.includes(':')) fields.set(line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart());
          }
          if (fields.has('data')) stream.events.push({ event: fields.get('event') ?? 'message', id: fields.get('id') ?? '', data: fields.get('data')! });
        }
      }
    } catch {
      /* aborted by the test */
    }
  })();
  return stream;
}

const projectId = randomProjectId('alert-stream');
const otherProject = randomProjectId('alert-stream-other');
let graph: Graph;
let server: RunningServer;
const alertBus = new AlertBus();

beforeAll(async () => {
  graph = await connectTestGraph();
  server = await startServer({ graph, pricer: createPricer(), host: '127.0.0.1', projectFor: async () => projectId, alertBus }, 0);
});

afterAll(async () => {
  await server?.close();
  await graph?.close();
});

describe('GET /v1/alerts/stream', () => {
  it('streams new alerts of the caller’s project only, and replays after Last-Event-ID', async () => {
    await createTestAlerts(graph, projectId, 1, Date.now() - 60_000); // before the stream opened: not sent
    const live = await openStream(`${server.url}/v1/alerts/stream`);
    await until(() => live.comments.length > 0, 10_000, 'the opening comment');
    await createTestAlerts(graph, otherProject, 2);
    const [first] = await createTestAlerts(graph, projectId, 1);
    await until(() => live.events.length >= 1, 10_000, 'the first alert');
    const event = live.events[0]!;
    expect(event.event).toBe('alert');
    expect(event.id).toBe(`${first!.firedAtMs}-${first!.id}`);
    const alert = JSON.parse(event.data) as Record<string, unknown>;
    expect(alert).toMatchObject({ id: first!.id, kind: 'BUDGET', sessionId: 's-0', spanId: 'sp-0', thresholdUsd: 5 });
    expect(String(alert.url)).toBe(`${server.url}/ui/#/session/s-0?span=sp-0`);
    live.close();

    // Two more while nobody listens; a reconnect with the last id seen gets exactly those.
    const later = await createTestAlerts(graph, projectId, 2, first!.firedAtMs + 10);
    const replay = await openStream(`${server.url}/v1/alerts/stream`, { 'last-event-id': event.id });
    await until(() => replay.events.length >= 2, 10_000, 'the replay');
    expect(replay.events.map((e) => e.id)).toEqual(later.map((a) => `${a.firedAtMs}-${a.id}`));

    // ?after= works the same way, for clients that cannot set headers.
    const fromQuery = await openStream(`${server.url}/v1/alerts/stream?after=${encodeURIComponent(event.id)}`);
    await until(() => fromQuery.events.length >= 2, 10_000, 'the ?after= replay');
    expect(fromQuery.events.map((e) => JSON.parse(e.data).id)).toEqual(later.map((a) => a.id));
    fromQuery.close();

    // Nothing is sent twice by later polls, and no other project's alert shows up.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(replay.events).toHaveLength(2);
    replay.close();
  });

  it('wakes on the alert bus, and sends an alert committed late behind a newer one', async () => {
    const stream = await openStream(`${server.url}/v1/alerts/stream`);
    await until(() => stream.comments.length > 0, 10_000, 'the opening comment');
    const now = Date.now();
    const [newer] = await createTestAlerts(graph, projectId, 1, now + 50);
    alertBus.publish(projectId, []);
    await until(() => stream.events.length >= 1, 10_000, 'the newer alert');
    // Fired earlier (another replica's clock, a slow commit) but stored after the newer one was sent.
    const [late] = await createTestAlerts(graph, projectId, 1, now + 10);
    await until(() => stream.events.length >= 2, 10_000, 'the late alert');
    expect(stream.events.map((e) => JSON.parse(e.data).id)).toEqual([newer!.id, late!.id]);
    stream.close();
  });

  it('answers a bad position with a 400 saying what it accepts', async () => {
    const response = await fetch(`${server.url}/v1/alerts/stream?after=yesterday`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/after parameter must be an event id/);
  });

  it('ends open streams when the server closes', async () => {
    const own = await startServer({ graph, pricer: createPricer(), host: '127.0.0.1', projectFor: async () => projectId }, 0);
    const stream = await openStream(`${own.url}/v1/alerts/stream`);
    await until(() => stream.comments.length > 0, 10_000, 'the opening comment');
    await own.close();
    await expect(Promise.race([stream.ended.then(() => 'ended'), new Promise((r) => setTimeout(() => r('still open'), 5_000))])).resolves.toBe('ended');
  });
});
