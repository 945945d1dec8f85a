// Budget enforcement of the ClawTrace plugin inside the real `openclaw` package: OpenClaw's own
// hook runner asks the plugin's before_tool_call / before_agent_run / before_prompt_build during
// real agent turns (`openclaw agent --local`, model = the scripted fake OpenAI server, which first
// asks for a `read` tool call). The budget state comes from a local stand-in for
// GET /v1/budget-state. To make each run deterministic, the fake model holds its first answer
// until the stand-in has told the plugin the new status: the plugin polls in the background and
// hooks only read its cache, so without that pause the tool call could race the poll.
// The last block runs against the real ClawTrace server instead: a real budget (GraphQL
// createBudget) that the session's own spend crosses, evaluated by the engine's finaliser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { FAKE_BUDGET_NAME, startFakeBudgetServer, type FakeBudgetServer, type FakeBudgetStatus } from '../helpers/fake-budget-state.ts';
import { PARENT_MARKER, startFakeOpenAiAgent, type FakeOpenAiAgent } from '../helpers/fake-openai-agent.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { startTestServer } from '../helpers/server.ts';
import { gql, ok } from '../integration/graphql-client.ts';
import { exportTranscripts, findOpenClaw, makeOpenClawHome, runOpenClawAgent, type OpenClawHome, type RunResult } from '../helpers/openclaw-runtime.ts';

const WORKSPACE_TEXT = 'hello from the workspace';

interface Scenario {
  budget: FakeBudgetServer;
  fake: FakeOpenAiAgent;
  home: OpenClawHome;
  root: string;
  runs: RunResult[];
  log: () => string;
}

/** A fresh OpenClaw home whose plugin polls the stand-in; `becomes` is the status answered once the model is first asked. */
async function scenario(enforce: 'off' | 'warn' | 'block', initial: FakeBudgetStatus, becomes: FakeBudgetStatus): Promise<Scenario> {
  const budget = await startFakeBudgetServer(initial);
  const fake = await startFakeOpenAiAgent({
    beforeReply: async (n) => {
      if (n !== 1 || enforce === 'off') return;
      budget.status = becomes;
      await budget.waitForAnswer(becomes);
    },
  });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `clawtrace-oc-enforce-${enforce}-`));
  const pluginConfig = { endpoint: budget.url, spoolDir: path.join(root, 'spool'), flushIntervalMs: 50, enforce, budgetPollMs: 50 };
  const home = makeOpenClawHome(root, { modelBaseUrl: fake.baseUrl, pluginConfig });
  const runs: RunResult[] = [];
  const log = () => runs.map((r, i) => `run ${i + 1}: exit ${r.code}\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-3000)}`).join('\n---\n');
  return { budget, fake, home, root, runs, log };
}

async function turn(s: Scenario, message: string): Promise<RunResult> {
  const result = await runOpenClawAgent(findOpenClaw(), s.home, message);
  s.runs.push(result);
  return result;
}

async function dispose(s: Scenario | undefined): Promise<void> {
  if (!s) return;
  await s.budget.close();
  await s.fake.close();
  fs.rmSync(s.root, { recursive: true, force: true });
}

/** What the model was shown as tool results, request by request. */
const toolResults = (s: Scenario, request: number) => (s.fake.requests[request]?.messages ?? []).filter((m) => m.role === 'tool').map((m) => m.text);
const userTexts = (s: Scenario, request: number) => (s.fake.requests[request]?.messages ?? []).filter((m) => m.role === 'user').map((m) => m.text);

describe('enforce: block, the session reaches its LIMIT during a run', () => {
  let s: Scenario;
  let callsAfterFirstRun = 0;

  beforeAll(async () => {
    s = await scenario('block', 'OK', 'LIMIT');
    await turn(s, `${PARENT_MARKER}: read hello.txt, then spawn a reader`);
    callsAfterFirstRun = s.fake.calls.length;
    // A second turn of the same session, in a new process: the plugin starts cold.
    await turn(s, 'Continue please.');
  }, 600_000);
  afterAll(() => dispose(s));

  it('refuses the tool call: the tool never ran and the model was told why, with the budget and its figures', () => {
    expect(s.runs[0]!.code, s.log()).toBe(0);
    expect(s.fake.calls[0]!.reply, s.log()).toBe('read');
    const shown = toolResults(s, 1).join('\n');
    expect(shown, s.log()).toContain('Tool call refused');
    expect(shown).toContain(FAKE_BUDGET_NAME);
    expect(shown).toContain('$1.25');
    expect(shown).toContain('$1.00 limit');
    // The read tool did not run: its result (the file's text) never reached the model.
    for (const request of s.fake.requests) expect(request.messages.map((m) => m.text).join('\n')).not.toContain(WORKSPACE_TEXT);
  });

  it('refuses the next run of the session before any model call', async () => {
    expect(s.fake.calls.length, s.log()).toBe(callsAfterFirstRun);
    // OpenClaw's CLI exits 1 without a word; the refusal is in the transcript, in place of the prompt.
    expect(s.runs[1]!.code, s.log()).toBe(1);
    const out = path.join(s.root, 'export');
    await exportTranscripts(findOpenClaw(), s.home, out);
    const entries = fs
      .readdirSync(out)
      .flatMap((f) => fs.readFileSync(path.join(out, f), 'utf8').split('\n'))
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { message?: { role?: string; content?: Array<{ text?: string }>; __openclaw?: { beforeAgentRunBlocked?: { blockedBy?: string } } } });
    const refusal = entries.map((e) => e.message).find((m) => m?.__openclaw?.beforeAgentRunBlocked);
    expect(refusal?.__openclaw?.beforeAgentRunBlocked?.blockedBy, s.log()).toBe('clawtrace');
    const text = refusal?.content?.map((c) => c.text).join('') ?? '';
    expect(text).toContain('Your message could not be sent');
    expect(text).toContain(FAKE_BUDGET_NAME);
    expect(text).toContain('$1.25 against its $1.00 limit');
  });
});

describe('enforce: off, the same LIMIT answer', () => {
  let s: Scenario;

  beforeAll(async () => {
    s = await scenario('off', 'LIMIT', 'LIMIT');
    await turn(s, `${PARENT_MARKER}: read hello.txt, then spawn a reader`);
  }, 600_000);
  afterAll(() => dispose(s));

  it('refuses nothing and does not even ask for the budget state', () => {
    expect(s.runs[0]!.code, s.log()).toBe(0);
    expect(toolResults(s, 1).join('\n'), s.log()).toContain(WORKSPACE_TEXT);
    for (const request of s.fake.requests) expect(request.messages.map((m) => m.text).join('\n')).not.toContain('ClawTrace budget');
    expect(s.budget.answers).toEqual([]);
  });
});

describe('enforce: warn, the session reaches its WARNING during a run', () => {
  let s: Scenario;
  let secondRunFirstRequest = 0;
  let thirdRunFirstRequest = 0;

  beforeAll(async () => {
    s = await scenario('warn', 'OK', 'WARNING');
    await turn(s, `${PARENT_MARKER}: read hello.txt, then spawn a reader`);
    secondRunFirstRequest = s.fake.requests.length;
    await turn(s, 'Continue please.');
    thirdRunFirstRequest = s.fake.requests.length;
    await turn(s, 'And once more.');
  }, 600_000);
  afterAll(() => dispose(s));

  it('lets the tool run', () => {
    expect(s.runs[0]!.code, s.log()).toBe(0);
    expect(toolResults(s, 1).join('\n'), s.log()).toContain(WORKSPACE_TEXT);
  });

  it("puts a warning naming the budget in the next turn's prompt, once", () => {
    const warned = userTexts(s, secondRunFirstRequest).join('\n');
    expect(warned, s.log()).toContain('[ClawTrace budget warning]');
    expect(warned).toContain(FAKE_BUDGET_NAME);
    expect(warned).toContain('$0.8500');
    expect(s.runs[2]!.code, s.log()).toBe(0);
    // OpenClaw does not keep prepended context in the transcript: a warning in the third turn's
    // requests could only have been added by that turn, and there is none.
    const warnings = (request: number) => userTexts(s, request).join('\n').split('[ClawTrace budget').length - 1;
    expect(warnings(thirdRunFirstRequest - 1), s.log()).toBe(1);
    for (let r = thirdRunFirstRequest; r < s.fake.requests.length; r++) expect(warnings(r), s.log()).toBe(0);
  });
});

/** Resolves once the plugin has learned `status` for some session: it writes its cache file on every change. */
async function untilPluginLearns(spoolDir: string, status: string, timeoutMs: number): Promise<void> {
  const file = path.join(spoolDir, 'budget-state.json');
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    try {
      const sessions = (JSON.parse(fs.readFileSync(file, 'utf8')) as { sessions: Record<string, { state?: { status?: string } }> }).sessions;
      if (Object.values(sessions).some((e) => e.state?.status === status)) return;
    } catch {
      // not written yet
    }
  }
  throw new Error(`the plugin did not learn ${status} within ${timeoutMs} ms`);
}

describe('enforce: block against the real ClawTrace server and a real budget', () => {
  const projectId = randomProjectId('oc-enforce');
  let graph: Graph;
  let server: RunningServer;
  let fake: FakeOpenAiAgent;
  let root: string;
  let run: RunResult;
  let waitError: unknown;

  beforeAll(async () => {
    graph = await connectTestGraph();
    server = await startTestServer(graph, projectId);
    // One model call of the fake costs about $0.0026 (OpenClaw prices it from the configured rates): the first crosses it.
    ok(await gql(server.url, 'mutation { createBudget(input: {name: "OpenClaw e2e cap", scope: PROJECT, window: SESSION, warnUsd: 0.001, limitUsd: 0.002}) { budget { id } } }'));
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-oc-enforce-real-'));
    const spoolDir = path.join(root, 'spool');
    fake = await startFakeOpenAiAgent({
      // Call 1 asks for `read` (allowed: nothing spent yet). Before answering call 2 (a spawn), the
      // engine must have priced call 1, fired the LIMIT alert, and the plugin must have polled it.
      beforeReply: async (n) => {
        if (n === 2) await untilPluginLearns(spoolDir, 'LIMIT', 120_000).catch((error: unknown) => void (waitError = error));
      },
    });
    const home = makeOpenClawHome(root, { modelBaseUrl: fake.baseUrl, pluginConfig: { endpoint: server.url, spoolDir, flushIntervalMs: 50, enforce: 'block', budgetPollMs: 100 } });
    run = await runOpenClawAgent(findOpenClaw(), home, `${PARENT_MARKER}: read hello.txt, then spawn a reader`);
  }, 600_000);

  afterAll(async () => {
    await server?.close();
    await fake?.close();
    await graph?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('refuses the spawn once the session crossed the budget, naming it and its figures', async () => {
    const log = `exit ${run.code}\n${run.stderr.slice(-3000)}`;
    expect(waitError, log).toBeUndefined();
    expect(run.code, log).toBe(0);
    expect(fake.calls.map((c) => c.reply).slice(0, 2), log).toEqual(['read', 'sessions_spawn']);
    const shownAfterRead = fake.requests[1]!.messages.filter((m) => m.role === 'tool').map((m) => m.text).join('\n');
    expect(shownAfterRead, log).toContain(WORKSPACE_TEXT); // before the limit: the tool ran
    const shownAfterSpawn = fake.requests[2]!.messages.filter((m) => m.role === 'tool').map((m) => m.text).at(-1) ?? '';
    expect(shownAfterSpawn, log).toContain('Tool call refused');
    expect(shownAfterSpawn).toContain('"OpenClaw e2e cap"');
    expect(shownAfterSpawn).toMatch(/has reached \$0\.00\d\d against its \$0\.0020 limit/);
    const alerts = ok(await gql<{ alerts: { nodes: Array<{ level: string; ruleName: string }> } }>(server.url, 'query { alerts(first: 10) { nodes { level ruleName } } }')).alerts.nodes;
    expect(alerts.map((a) => a.level).sort()).toEqual(['LIMIT', 'WARNING']);
  });
});
