// The ClawTrace OpenClaw plugin inside the real `openclaw` package: OpenClaw's own plugin loader
// loads packages/openclaw-plugin, its hook runner fires the hooks during a real agent turn
// (`openclaw agent --local`) whose model is a local fake OpenAI server, and the plugin streams to
// a real ClawTrace server. The resulting graph is checked against the fake server's ground truth
// and against the transcript OpenClaw itself stored: OpenClaw 2026.9 keeps it in a SQLite store
// (agents/main/agent/openclaw-agent.sqlite), which `clawtrace import` of the state dir reads
// directly. As a cross-check of that reader (sql.js + fzstd + WAL folding on Node 20), the same
// store is exported to JSONL by an independent one (Node 24's node:sqlite and zlib) and must parse
// to the same spans.
import { untilFinalised } from '../helpers/finalised.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventSender, readConfig } from '../../packages/openclaw-plugin/src/index.ts';
import type { RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { importFiles, type ImportReport } from '../../src/ingest/import-files.ts';
import { discover } from '../../src/sources/discover.ts';
import { parseGroup } from '../../src/sources/parse-group.ts';
import { startFakeOpenAiAgent, type FakeOpenAiAgent, PARENT_MARKER } from '../helpers/fake-openai-agent.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { gql } from '../integration/graphql-client.ts';
import { exportTranscripts, findOpenClaw, makeOpenClawHome, runOpenClawAgent, type OpenClawHome } from '../helpers/openclaw-runtime.ts';
import { startTestServer } from '../helpers/server.ts';

type Row = Record<string, unknown>;

const pluginProject = randomProjectId('oc-plugin');
const transcriptProject = randomProjectId('oc-transcript');
let graph: Graph;
let server: RunningServer;
let fake: FakeOpenAiAgent;
let root: string;
let home: OpenClawHome;
let importReport: ImportReport;
let runLog = '';
let pluginSpans: Row[];
let transcriptSpans: Row[];
let pluginTotals: Row[];
let transcriptTotals: Row[];

const sum = (rows: Row[], key: string) => rows.reduce((n, r) => n + Number(r[key] ?? 0), 0);
const round9 = (x: number) => Math.round(x * 1e9) / 1e9;

beforeAll(async () => {
  const runtime = findOpenClaw();
  graph = await connectTestGraph();
  server = await startTestServer(graph, pluginProject);
  fake = await startFakeOpenAiAgent();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-openclaw-'));
  const pluginConfig = { endpoint: server.url, spoolDir: path.join(root, 'spool'), flushIntervalMs: 50, batchSize: 50 };
  home = makeOpenClawHome(root, { modelBaseUrl: fake.baseUrl, pluginConfig });

  const result = await runOpenClawAgent(runtime, home, `${PARENT_MARKER}: read hello.txt, then spawn a reader`);
  runLog = `openclaw ${runtime.version} exit ${result.code}\n${result.stderr.slice(-4000)}`;
  expect(result.code, runLog).toBe(0);

  // A one-shot CLI run exits as soon as its turn is done: whatever the plugin had not sent yet was
  // spooled at exit. The next plugin start re-sends it; here the same sender does that directly.
  const sender = new EventSender(readConfig(pluginConfig));
  await sender.close();
  expect(sender.spool.files(), 'spool must be empty after the re-send').toEqual([]);

  // What a user runs: `clawtrace import <OpenClaw state dir>`; the SQLite store is found in it.
  importReport = await importFiles(graph, { paths: [home.stateDir], projectId: transcriptProject, pricer: createPricer() });

  await untilFinalised(graph, pluginProject);
  pluginSpans = await graph.read('test-support/project-spans', { projectId: pluginProject });
  transcriptSpans = await graph.read('test-support/project-spans', { projectId: transcriptProject });
  pluginTotals = await graph.read('test-support/session-llm-totals', { projectId: pluginProject });
  transcriptTotals = await graph.read('test-support/session-llm-totals', { projectId: transcriptProject });
}, 360_000);

afterAll(async () => {
  await server?.close();
  await fake?.close();
  await graph?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('OpenClaw plugin in a real OpenClaw agent run', () => {
  it("imports OpenClaw's SQLite transcript store directly, without rejections", () => {
    const store = path.join(home.stateDir, 'agents', 'main', 'agent', 'openclaw-agent.sqlite');
    expect(fs.existsSync(store), 'OpenClaw 2026.9 stores transcripts in SQLite').toBe(true);
    expect(importReport.rejections).toEqual([]);
    expect(importReport.skipped.map((s) => s.file)).not.toContain(store);
    expect(importReport.sessions).toBeGreaterThanOrEqual(1);
  });

  it('reads the store as an independent reader (node:sqlite + zlib zstd → JSONL) does', async () => {
    const exported = path.join(root, 'export', 'agents', 'main', 'sessions');
    await exportTranscripts(findOpenClaw(), home, exported);
    const parse = async (dir: string) => {
      const { groups } = discover([dir]);
      expect(groups).toHaveLength(1);
      return parseGroup(groups[0]!);
    };
    const [direct, viaJsonl] = [await parse(path.join(home.stateDir, 'agents')), await parse(exported)];
    expect(direct.rejections).toEqual([]);
    expect(viaJsonl.rejections).toEqual([]);
    expect(direct.spans).toEqual(viaJsonl.spans);
    expect(direct.spawns).toEqual(viaJsonl.spawns);
    expect(direct.sessions.map((s) => s.externalId)).toEqual(viaJsonl.sessions.map((s) => s.externalId));
  });

  it('records one LLM span per model API call, with the tokens the model reported', () => {
    const llm = pluginSpans.filter((s) => s.kind === 'LLM');
    expect(fake.calls.length, runLog).toBe(3);
    expect(llm).toHaveLength(fake.calls.length);
    // OpenClaw (like Anthropic) counts input without the cached part; the fake reports OpenAI-style totals.
    expect(sum(llm, 'inputTokens') + sum(llm, 'cacheReadTokens')).toBe(fake.calls.reduce((n, c) => n + c.promptTokens, 0));
    expect(sum(llm, 'cacheReadTokens')).toBe(fake.calls.reduce((n, c) => n + c.cachedTokens, 0));
    expect(sum(llm, 'outputTokens')).toBe(fake.calls.reduce((n, c) => n + c.completionTokens, 0));
    for (const span of llm) expect(span.costSource).toBe('reported');
  });

  it('matches the transcript OpenClaw wrote: same calls, tokens and cost', () => {
    expect(pluginTotals).toHaveLength(1);
    expect(transcriptTotals).toHaveLength(1);
    const [ours, theirs] = [pluginTotals[0]!, transcriptTotals[0]!];
    for (const key of ['calls', 'input', 'output', 'cacheRead', 'cacheWrite']) expect(Number(ours[key]), key).toBe(Number(theirs[key]));
    expect(round9(Number(ours.costUsd))).toBe(round9(Number(theirs.costUsd)));
    expect(Number(ours.costUsd)).toBeGreaterThan(0);
    // The session is OpenClaw's session id on both sides.
    expect(String(ours.sessionId).replace(/^events:/, '')).toBe(String(theirs.sessionId).replace(/^openclaw:/, ''));
  });

  it('records the tool call under the model call that asked for it, and the spawn as a SUBAGENT span', () => {
    const tools = pluginSpans.filter((s) => s.kind === 'TOOL');
    expect(tools.map((t) => t.toolName)).toEqual(['read']);
    expect(tools[0]!.parentKind).toBe('LLM');
    const spawns = pluginSpans.filter((s) => s.kind === 'SUBAGENT');
    expect(spawns).toHaveLength(1);
    expect(spawns[0]!.parentKind).toBe('LLM');
    // The transcript importer sees the same tool and spawn calls.
    expect(transcriptSpans.filter((s) => s.kind === 'TOOL').map((t) => t.toolName)).toEqual(['read']);
    expect(transcriptSpans.filter((s) => s.kind === 'SUBAGENT')).toHaveLength(1);
  });

  it('stores the tool arguments and result, readable over the API', async () => {
    const tool = pluginSpans.find((s) => s.kind === 'TOOL')!;
    const res = await gql<{ span: { argsCanonical: string | null; resultPreview: string | null } }>(
      server.url,
      'query($id: ID!) { span(id: $id) { argsCanonical resultPreview } }',
      { id: tool.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.span.argsCanonical).toContain('hello.txt');
    expect(res.data?.span.resultPreview).toContain('hello from the workspace');
  });
});
