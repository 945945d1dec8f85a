// Fixtures for the alert delivery and stream tests: Alert nodes in the finaliser's shape (written
// directly, no budgets needed), a local webhook receiver that records what it is sent and answers
// as told, and the project's deliveries as stored.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { int, type Graph } from '../../src/graph/driver.ts';

export interface TestAlert {
  id: string;
  firedAtMs: number;
}

/** Alerts of the contract's shape; fired `firedAtMs` (default now), 1 ms apart. */
export async function createTestAlerts(graph: Graph, projectId: string, count: number, firedAtMs = Date.now()): Promise<TestAlert[]> {
  const alerts = Array.from({ length: count }, (_, i) => ({ id: `al-${randomUUID()}`, firedAtMs: firedAtMs + i }));
  await graph.write('test-support/create-alerts', {
    projectId,
    alerts: alerts.map((a, i) => ({
      id: a.id,
      props: {
        key: `test:${a.id}`,
        kind: 'BUDGET',
        level: i % 2 ? 'WARNING' : 'LIMIT',
        ruleId: 'budget-1',
        ruleName: 'Session cap',
        message: `Session s-${i} spent $${(5 + i / 100).toFixed(2)} of its $5.00 limit`,
        sessionId: `s-${i}`,
        spanId: `sp-${i}`,
        observedUsd: 5 + i / 100,
        thresholdUsd: 5,
        periodStart: null,
        findingKind: null,
        durationMinutes: null,
        repeats: null,
        firedAt: new Date(a.firedAtMs).toISOString(),
        firedAtMs: int(a.firedAtMs),
      },
    })),
  });
  return alerts;
}

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** What the receiver answers to its n-th request (1-based): a status, optional headers, after an optional delay. */
export type Answer = (n: number, request: Received) => { status: number; headers?: Record<string, string>; delayMs?: number };

export async function startReceiver(answer: Answer = () => ({ status: 200 })): Promise<Receiver> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      const { status, headers, delayMs } = answer(received.length, request);
      setTimeout(() => {
        res.writeHead(status, headers);
        res.end(status >= 300 ? `receiver says ${status}` : 'ok');
      }, delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The alert ids a receiver was sent, from the X-ClawTrace-Alert-Id header. */
export const alertIdsOf = (receiver: Receiver) => receiver.received.map((r) => String(r.headers['x-clawtrace-alert-id']));

export async function storedDeliveries(graph: Graph, projectId: string): Promise<Array<Record<string, unknown>>> {
  return (await graph.read('test-support/alert-deliveries', { projectId })).map((r) => r.delivery as Record<string, unknown>);
}

export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
