// `npm start` as a user runs it, with NEO4J_URI unset: the engine starts its own Neo4j (in a
// temporary home here, on free ports), a span written before a restart is still there after it,
// and Ctrl-C (SIGINT) stops the server and the Neo4j it started: no Java process is left behind.
import { untilEngineFinalised } from '../helpers/finalised.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, isProcessAlive } from '../../neo4j/launcher.ts';
import { PROJECT_ROOT } from '../helpers/corpora.ts';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-engine-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

interface Engine {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function startEngine(boltPort: number, httpPort: number): Promise<Engine> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CLAWTRACE_NEO4J_HOME: home,
    NEO4J_BOLT_PORT: String(boltPort),
    CLAWTRACE_PORT: String(httpPort),
    NEO4J_HEAP: '512m',
    NEO4J_PAGECACHE: '128m',
  };
  delete env.NEO4J_URI;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'main.ts')], { env, cwd: PROJECT_ROOT });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${httpPort}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`engine exited early:\n${output}`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) return { child, url, output: () => output };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`engine not ready in time:\n${output}`);
}

function javaPid(): number {
  const file = path.join(home, 'run', 'clawtrace-neo4j.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number }).pid;
}

async function interrupt(engine: Engine): Promise<number | null> {
  engine.child.kill('SIGINT');
  return new Promise((resolve) => engine.child.once('exit', (code) => resolve(code)));
}

const SPAN = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'lifecycle' } }] },
      scopeSpans: [
        {
          spans: [
            {
              traceId: '5b8efff798038103d269b633813fc60c',
              spanId: 'eee19b7ec3c1b174',
              name: 'chat gpt-4o',
              startTimeUnixNano: '1767225600000000000',
              endTimeUnixNano: '1767225601000000000',
              attributes: [
                { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
                { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
                { key: 'gen_ai.conversation.id', value: { stringValue: 'lifecycle-session' } },
                { key: 'gen_ai.usage.input_tokens', value: { intValue: '1000' } },
                { key: 'gen_ai.usage.output_tokens', value: { intValue: '100' } },
              ],
            },
          ],
        },
      ],
    },
  ],
};

async function sessionCost(url: string): Promise<number | null> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ session(id: "otel:lifecycle-session") { totalCostUsd } }' }),
  });
  const body = (await res.json()) as { data?: { session: { totalCostUsd: number } | null } };
  return body.data?.session?.totalCostUsd ?? null;
}

describe('the engine on its embedded default', () => {
  it('starts its own Neo4j, keeps data across a restart, and Ctrl-C leaves no Java process', async () => {
    const boltPort = await freePort();
    const httpPort = await freePort();

    const first = await startEngine(boltPort, httpPort);
    const ready = (await (await fetch(`${first.url}/readyz`)).json()) as { neo4j: { neo4jVersion: string; schemaVersion: string } };
    expect(ready.neo4j.neo4jVersion).toMatch(/^5\.26\./);
    expect(ready.neo4j.schemaVersion).toBeTruthy();
    const posted = await fetch(`${first.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SPAN) });
    expect(posted.status).toBe(200);
    await untilEngineFinalised(first.url);
    const cost = await sessionCost(first.url);
    expect(cost).toBeGreaterThan(0);
    const firstJava = javaPid();
    expect(isProcessAlive(firstJava)).toBe(true);
    expect(await interrupt(first)).toBe(0);
    expect(isProcessAlive(firstJava)).toBe(false);

    const second = await startEngine(boltPort, httpPort);
    expect(await sessionCost(second.url)).toBe(cost);
    const secondJava = javaPid();
    expect(await interrupt(second)).toBe(0);
    expect(isProcessAlive(secondJava)).toBe(false);
    expect(second.output()).toContain('[clawtrace] stopped');
  });
});
