// End to end, as a user would: `clawtrace keys create` prints a key, `npm start` (src/main.ts)
// serves with it, a plugin posts events, a notebook queries GraphQL and downloads a CSV, the key
// is listed and revoked with the CLI, and the server stops cleanly on SIGTERM.
import { untilEngineFinalised } from '../helpers/finalised.ts';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/corpora.ts';
import { randomProjectId } from '../helpers/graph.ts';
import { gql, ok } from '../integration/graphql-client.ts';

const TSX = path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const project = randomProjectId('e2e-api');

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { uri, user, password } = inject('neo4j');
  return {
    ...process.env,
    NEO4J_URI: uri,
    ...(user ? { NEO4J_USER: user } : {}),
    ...(password ? { NEO4J_PASSWORD: password } : {}),
    ...extra,
  };
}

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [TSX, 'src/cli/main.ts', ...args], { cwd: PROJECT_ROOT, env: env(), encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

/** Starts `src/main.ts` on a free port and waits for its "ready" line. */
function startMain(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [TSX, 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: env({ CLAWTRACE_HOST: '127.0.0.1', CLAWTRACE_PORT: '0' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`server not ready in 120 s:\n${log}`)), 120_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const ready = /ready in .*?: (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, url: ready[1]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${log}`));
    });
  });
}

function pluginEvents(traceId: string): string {
  const t0 = Date.parse('2026-03-01T09:00:00Z');
  const ev = (n: number, eventType: string, spanId: string, payload: Record<string, unknown>, parentSpanId: string | null = 'root') => ({
    schemaVersion: 1,
    agentId: 'e2e-agent',
    event: { eventId: `${traceId}-${n}`, eventType, traceId, spanId, parentSpanId, tsMs: t0 + n * 1000, payload },
  });
  return [
    ev(0, 'session_start', 'root', { task: 'e2e: summarise the logs', agentName: 'E2E agent' }, null),
    ev(1, 'llm_before_call', 'llm-1', { model: 'claude-sonnet-4-5', provider: 'anthropic' }),
    ev(2, 'llm_after_call', 'llm-1', { model: 'claude-sonnet-4-5', usage: { input: 100, output: 20 }, costUsd: 0.25 }),
    ev(3, 'tool_before_call', 'tool-1', { toolName: 'read', toolCallId: 't1', args: { path: '/var/log/app.log' } }),
    ev(4, 'tool_after_call', 'tool-1', { toolName: 'read', result: 'ERROR x3' }),
    ev(5, 'session_end', 'root', {}, null),
  ]
    .map((e) => JSON.stringify(e))
    .join('\n');
}

let server: { child: ChildProcess; url: string } | undefined;
let key = '';

beforeAll(async () => {
  const created = cli('keys', 'create', '--project', project, '--name', 'e2e');
  expect(created.status, created.stderr).toBe(0);
  key = created.stdout;
  server = await startMain();
});
afterAll(async () => {
  if (server?.child.exitCode === null) server.child.kill('SIGKILL');
  if (key) cli('keys', 'revoke', key.slice(0, 12));
});

describe('the API, end to end', () => {
  it('keys create printed one key, alone on stdout', () => {
    expect(key).toMatch(/^ctk_[A-Za-z0-9_-]{43}$/);
  });

  it('ingest with the key, then query, record an outcome and export', async () => {
    const auth = { authorization: `Bearer ${key}` };
    const posted = await fetch(`${server!.url}/v1/events`, { method: 'POST', headers: auth, body: pluginEvents('e2e-trace') });
    expect(posted.status).toBe(200);
    await untilEngineFinalised(server!.url, key);

    const page = ok(
      await gql<{ sessions: { nodes: Array<{ id: string; task: string; totalCostUsd: number; tree: { nodes: Array<{ kind: string; childIds: string[] }> } }> } }>(
        server!.url,
        `{ sessions(first: 10) { nodes { id task totalCostUsd tree { nodes { kind childIds } } } } }`,
        {},
        { key },
      ),
    );
    expect(page.sessions.nodes).toHaveLength(1);
    const [session] = page.sessions.nodes;
    expect(session).toMatchObject({ id: 'events:e2e-trace', task: 'e2e: summarise the logs' });
    expect(session!.totalCostUsd).toBeCloseTo(0.25, 9);
    expect(session!.tree.nodes.map((n) => n.kind).sort()).toEqual(['AGENT', 'LLM', 'TOOL']);

    const card = ok(await gql<{ traceCard: { yaml: string } }>(server!.url, `{ traceCard(sessionId: "events:e2e-trace") { yaml } }`, {}, { key }));
    expect(card.traceCard.yaml).toContain('e2e: summarise the logs');

    ok(await gql(server!.url, `mutation { recordOutcome(input: { sessionId: "events:e2e-trace", result: SUCCESS, score: 0.9 }) { outcome { id } } }`, {}, { key }));

    const csv = await fetch(`${server!.url}/v1/export/sessions.csv?outcome=SUCCESS`, { headers: auth });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^events:e2e-trace,events,/);

    const anonymous = await fetch(`${server!.url}/v1/export/sessions.csv`);
    expect(anonymous.status).toBe(401);
  });

  it('keys list shows the prefix only; keys revoke deletes the key', () => {
    const listed = cli('keys', 'list', '--project', project);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(key.slice(0, 12));
    expect(listed.stdout).not.toContain(key);
    const revoked = cli('keys', 'revoke', key.slice(0, 12));
    expect(revoked.status, revoked.stderr).toBe(0);
    expect(cli('keys', 'list', '--project', project).stdout).toBe('');
    key = '';
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => server!.child.once('exit', (code) => resolve(code)));
    server!.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
