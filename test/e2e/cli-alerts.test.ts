// Budgets and alerts from the terminal (issue 21), as a user runs them: `bin/clawtrace.mjs` spawned
// with NEO4J_URI and an API key of a random project. Budgets and rules are added (bad values
// refused with the flag named), listed in 80 columns and removed by their short ids; the webhook
// commands say to start the engine when none answers; `alerts --follow` runs while a runaway session
// arrives over OTLP at a real engine and prints each alert once as it fires, stopping on Ctrl-C
// with exit code 0; `alerts` then lists them, by session and by age. Webhooks work when the engine
// has them (alert delivery) and otherwise say that this engine lacks them.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../neo4j/launcher.ts';
import { createApiKey, revokeApiKey, type CreatedKey } from '../../src/graph/api-keys.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { startClawTraceProcess, type ClawTraceProcess } from '../helpers/clawtrace-process.ts';
import { PROJECT_ROOT } from '../helpers/corpora.ts';
import { untilFinalised } from '../helpers/finalised.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { runawayRequests, runawaySession } from '../helpers/runaway-otlp.ts';

const project = randomProjectId('e2e-cli-alerts');
const conversationId = `runaway-${project}`;
const SESSION = `otel:${conversationId}`;
let graph: Graph;
let key: CreatedKey;
let port: number;
let engine: ClawTraceProcess | undefined;

function env(): NodeJS.ProcessEnv {
  const { uri, user, password } = inject('neo4j');
  return {
    ...process.env,
    NEO4J_URI: uri,
    ...(user ? { NEO4J_USER: user } : {}),
    ...(password ? { NEO4J_PASSWORD: password } : {}),
    CLAWTRACE_PORT: String(port),
    CLAWTRACE_HOST: '127.0.0.1',
    CLAWTRACE_API_KEY: key.key,
  };
}

const CLI = path.join(PROJECT_ROOT, 'bin', 'clawtrace.mjs');

function clawtrace(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: PROJECT_ROOT, env: env(), encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const width = (line: string) => [...line].length;
const within80 = (text: string) => {
  for (const line of text.trimEnd().split('\n')) expect(width(line), line).toBeLessThanOrEqual(80);
};

beforeAll(async () => {
  graph = await connectTestGraph();
  key = await createApiKey(graph, project, 'e2e-cli-alerts');
  port = await freePort();
});

afterAll(async () => {
  await engine?.kill();
  if (key) await revokeApiKey(graph, key.prefix);
  await graph?.close();
});

describe.sequential('clawtrace budget, rule, webhook and alerts', () => {
  it('budget add / rule add: stored with short ids; bad values refused naming the flag', () => {
    const cap = clawtrace(['budget', 'add', '--limit', '2', '--warn', '1', '--name', 'session cap', '--project', project]);
    expect(cap.status, cap.stderr).toBe(0);
    expect(cap.stdout.trim()).toMatch(/^budget-[0-9a-f]{8}$/);
    expect(cap.stderr).toContain('Budget "session cap": warning at $1.00, limit $2.00, per session, project.');
    expect(clawtrace(['budget', 'add', '--limit', '50', '--window', 'day', '--name', 'daily', '--project', project]).status).toBe(0);

    const warnAbove = clawtrace(['budget', 'add', '--limit', '1', '--warn', '2', '--project', project]);
    expect(warnAbove.status).toBe(2);
    expect(warnAbove.stderr.trim()).toBe('clawtrace budget add: --warn: must be below --limit (1)');
    const twoScopes = clawtrace(['budget', 'add', '--limit', '5', '--agent', 'a', '--skill', 's', '--project', project]);
    expect(twoScopes.status).toBe(2);
    expect(twoScopes.stderr).toContain('give one scope: --agent or --skill, not both');

    expect(clawtrace(['rule', 'add', 'rate', '--usd', '1.5', '--per', '10', '--cooldown', '60', '--project', project]).status).toBe(0);
    expect(clawtrace(['rule', 'add', 'waste', '--minutes', '4', '--kinds', 'poll_loop', '--name', 'stuck polling', '--project', project]).status).toBe(0);
    const badKind = clawtrace(['rule', 'add', 'waste', '--minutes', '4', '--kinds', 'polling', '--project', project]);
    expect(badKind.stderr).toContain('not a finding kind: "polling"');

    const budgets = clawtrace(['budget', 'list', '--project', project]);
    expect(budgets.status).toBe(0);
    within80(budgets.stdout);
    expect(budgets.stdout).toMatch(/\nbudget-[0-9a-f]{8}\s+project\s+session\s+\$1\.00\s+\$2\.00\s+session cap\n/);
    expect(budgets.stdout).toMatch(/\nbudget-[0-9a-f]{8}\s+project\s+day\s+—\s+\$50\.00\s+\$0\.00 ok\s+daily\n/);
    const rules = clawtrace(['rule', 'list', '--project', project]);
    within80(rules.stdout);
    expect(rules.stdout).toMatch(/\nrule-[0-9a-f]{8}\s+rate\s+project\s+60 min\s+spend over \$1\.50 pe…\s+\$1\.50 per 10 min\n/);
    expect(rules.stdout).toMatch(/\nrule-[0-9a-f]{8}\s+waste\s+project\s+30 min\s+stuck polling\s+poll_loop ≥ 4 min\n/);
  });

  it('the engine commands say how to start the engine when none answers', () => {
    // Commander's own refusals (a negative amount, an unknown window) are covered by the unit tests.
    for (const args of [['webhook', 'add', 'https://hooks.slack.com/services/T0/B0/abc', '--slack']]) {
      const result = clawtrace(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trim()).toBe(`clawtrace ${args.slice(0, 2).join(' ')}: no engine answers at http://127.0.0.1:${port}: start it with npm start (or set CLAWTRACE_HOST / CLAWTRACE_PORT)`);
    }
    const follow = clawtrace(['alerts', '--follow']);
    expect(follow.status).toBe(2);
    expect(follow.stderr).toContain('start it with npm start');
  });

  it('alerts --follow prints each alert once as a runaway session fires it, until Ctrl-C', async () => {
    engine = await startClawTraceProcess({ neo4jUri: inject('neo4j').uri, port });
    const child = spawn(process.execPath, [CLI, 'alerts', '--follow', '--json'], { cwd: PROJECT_ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => stderr, { timeout: 60_000 }).toContain(`following new alerts of project ${project}`);
      // Twelve calls, 30 s apart, ending now: $3.00 in 6 minutes, polling a process all along.
      const runaway = runawaySession({ tag: 7201, conversationId, calls: 12, costPerCallUsd: 0.25, stepMs: 30_000 });
      for (const body of runawayRequests(runaway.spans, 10)) {
        const res = await fetch(`${engine.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` }, body });
        expect(res.status).toBe(200);
      }
      await untilFinalised(graph, project);
      const lines = () => stdout.trim().split('\n').filter(Boolean);
      await expect.poll(() => lines().length, { timeout: 30_000 }).toBe(4);
      // Nothing more arrives on later polls or stream reads.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const alerts = lines().map((l) => JSON.parse(l) as { ruleName: string; level: string; kind: string; sessionId: string; spanId: string; url: string });
      expect(alerts.map((a) => `${a.ruleName}/${a.level}`).sort()).toEqual(['session cap/LIMIT', 'session cap/WARNING', 'spend over $1.50 per 10 min/WARNING', 'stuck polling/WARNING']);
      const limit = alerts.find((a) => a.level === 'LIMIT')!;
      expect(limit.sessionId).toBe(SESSION);
      expect(limit.spanId).toBe(`otel:${runaway.traceId}:${runaway.llmSpanIds[7]}`);
      expect(limit.url).toBe(`http://127.0.0.1:${port}/ui/#/session/${SESSION}?span=${encodeURIComponent(limit.spanId)}`);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    // On an engine without the alert stream the CLI says it reads the graph instead.
    if (stderr.includes('answered 404')) expect(stderr).toContain('reading the graph every 2 s instead');
  });

  it('alerts: a table in 80 columns, newest first; by session, by age, as JSON with links', () => {
    const listed = clawtrace(['alerts', '--project', project]);
    expect(listed.status, listed.stderr).toBe(0);
    within80(listed.stdout);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('time (UTC)        level    kind        message');
    expect(lines.filter((l) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}(warning|limit {2}) {2}(budget|spend rate|waste)\s+\S/.test(l))).toHaveLength(4);
    expect(lines.some((l) => / {2}limit {4}budget {6}Session otel:runaway-/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('4 of 4 alerts, newest first');

    const two = clawtrace(['alerts', '--project', project, '--since', '1h', '--limit', '2']);
    expect(two.stdout.trimEnd().split('\n').at(-1)).toBe('2 of 4 alerts, newest first (--limit for more)');
    expect(clawtrace(['alerts', '--project', project, '--since', '2099-01-01']).stdout).toContain('No alerts match');
    const badSince = clawtrace(['alerts', '--project', project, '--since', 'last tuesday']);
    expect(badSince.status).not.toBe(0);
    expect(badSince.stderr).toContain('an age (30m, 2h, 1d)');

    const bySession = clawtrace(['alerts', '--project', project, '--session', SESSION, '--json']);
    const report = JSON.parse(bySession.stdout) as { total: number; alerts: Array<{ sessionId: string; spanId: string; url: string }> };
    expect(report.total).toBe(4);
    for (const a of report.alerts) expect(a.url).toBe(`http://127.0.0.1:${port}/ui/#/session/${SESSION}?span=${encodeURIComponent(a.spanId)}`);
    const unknown = clawtrace(['alerts', '--project', project, '--session', 'no-such-session']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe(`clawtrace alerts: no session "no-such-session" in project ${project} (clawtrace sessions lists them)`);
  });

  it('webhooks through the engine: added, listed, removed, or an engine without them says so', () => {
    const added = clawtrace(['webhook', 'add', 'https://hooks.slack.com/services/T0000/B0000/abcdefghijklmnop', '--slack']);
    if (added.status !== 0 && added.stderr.includes('has no createWebhook')) {
      expect(added.status).toBe(2);
      expect(added.stderr.trim()).toBe(
        `clawtrace webhook add: the engine at http://127.0.0.1:${port} has no createWebhook in its GraphQL API, so alert delivery to webhooks is not available there: update and restart the engine`,
      );
      return;
    }
    expect(added.status, added.stderr).toBe(0);
    const id = added.stdout.trim();
    const listed = clawtrace(['webhook', 'list']);
    within80(listed.stdout);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain('slack');
    expect(listed.stdout).not.toContain('abcdefghijklmnop');
    expect(clawtrace(['webhook', 'rm', id]).status).toBe(0);
    const again = clawtrace(['webhook', 'rm', id]);
    expect(again.status).toBe(1);
  });

  it('budget rm / rule rm take the short ids the lists print', () => {
    const json = JSON.parse(clawtrace(['budget', 'list', '--project', project, '--json']).stdout) as Array<{ id: string; name: string }>;
    const daily = json.find((b) => b.name === 'daily')!;
    const removed = clawtrace(['budget', 'rm', daily.id.slice(0, 'budget-'.length + 8), '--project', project]);
    expect(removed.status, removed.stderr).toBe(0);
    expect(removed.stderr.trim()).toBe(`Removed budget ${daily.id}; the alerts it fired stay.`);
    const gone = clawtrace(['budget', 'rm', daily.id, '--project', project]);
    expect(gone.status).toBe(1);
    expect(gone.stderr).toContain(`no budget "${daily.id}" in project ${project}`);
    const rules = JSON.parse(clawtrace(['rule', 'list', '--project', project, '--json']).stdout) as Array<{ id: string }>;
    for (const r of rules) expect(clawtrace(['rule', 'rm', r.id, '--project', project]).status).toBe(0);
    expect(clawtrace(['rule', 'list', '--project', project]).stdout).toContain('No alert rules in this project');
  });
});
