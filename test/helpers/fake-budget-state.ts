// A stand-in for ClawTrace's GET /v1/budget-state (the shape of /work/notes/alerts-contract.md)
// that answers whatever status the test sets, and accepts the plugin's POST /v1/events so the
// plugin can point its one `endpoint` at it. It records every budget question and answer, so a
// test can wait until the plugin has actually been told a status before letting the agent go on.
import http from 'node:http';

export type FakeBudgetStatus = 'OK' | 'WARNING' | 'LIMIT';

export interface FakeBudgetAnswer {
  sessionId: string;
  status: FakeBudgetStatus;
  atMs: number;
}

export interface FakeBudgetServer {
  url: string;
  /** The status answered from now on (for every session). */
  status: FakeBudgetStatus;
  answers: FakeBudgetAnswer[];
  eventBatches: number;
  /** Resolves once an answer with this status has been sent (and `settleMs` more have passed for the plugin to read it). */
  waitForAnswer(status: FakeBudgetStatus, settleMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const FAKE_BUDGET_NAME = 'Fake session budget';

function body(sessionId: string, status: FakeBudgetStatus) {
  const alerts =
    status === 'OK'
      ? []
      : [
          {
            id: `alert-${status}`,
            kind: 'BUDGET',
            level: status,
            message: `${FAKE_BUDGET_NAME} crossed its ${status === 'LIMIT' ? 'limit' : 'warning threshold'}`,
            ruleName: FAKE_BUDGET_NAME,
            observedUsd: status === 'LIMIT' ? 1.25 : 0.85,
            thresholdUsd: status === 'LIMIT' ? 1 : 0.8,
            firedAt: new Date().toISOString(),
            sessionId: `events:${sessionId}`,
            spanId: null,
          },
        ];
  return { sessionId, rootSessionId: sessionId, status, spentUsd: status === 'OK' ? 0.01 : status === 'LIMIT' ? 1.25 : 0.85, alerts, checkedAt: new Date().toISOString() };
}

export async function startFakeBudgetServer(initial: FakeBudgetStatus = 'OK'): Promise<FakeBudgetServer> {
  const answers: FakeBudgetAnswer[] = [];
  const waiters: Array<{ status: FakeBudgetStatus; resolve: () => void }> = [];
  const state = { status: initial, eventBatches: 0 };
  const server = http.createServer(async (req, res) => {
    for await (const chunk of req) void chunk; // drain
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === '/v1/events') {
      state.eventBatches += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"stored":0,"duplicates":0}');
      return;
    }
    const sessionId = url.searchParams.get('sessionId');
    if (req.method !== 'GET' || url.pathname !== '/v1/budget-state' || !sessionId) {
      res.writeHead(404).end();
      return;
    }
    const status = state.status;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body(sessionId, status)));
    answers.push({ sessionId, status, atMs: Date.now() });
    for (const w of waiters.filter((w) => w.status === status)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    get status() {
      return state.status;
    },
    set status(value: FakeBudgetStatus) {
      state.status = value;
    },
    answers,
    get eventBatches() {
      return state.eventBatches;
    },
    async waitForAnswer(status, settleMs = 100) {
      if (!answers.some((a) => a.status === status)) await new Promise<void>((resolve) => waiters.push({ status, resolve }));
      await new Promise((resolve) => setTimeout(resolve, settleMs));
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
