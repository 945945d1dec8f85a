// The README's Node quickstart, for real: examples/otel-node/agent.cjs runs OpenTelemetry's
// official OpenAI instrumentation (GenAI semconv) against a local fake model server and exports
// with the standard OTLP/HTTP protobuf exporter to our /v1/traces. The graph must hold the spans,
// tokens and agent → sub-agent nesting the fake server and the script produced.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { PROJECT_ROOT } from '../helpers/corpora.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { startTestServer } from '../helpers/server.ts';

let graph: Graph;
let server: RunningServer;
let fake: FakeOpenAi;
const projectId = randomProjectId('otel-node');
let spans: Array<Record<string, unknown>>;

function runAgent(env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'examples', 'otel-node', 'agent.cjs')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

beforeAll(async () => {
  graph = await connectTestGraph();
  server = await startTestServer(graph, projectId);
  fake = await startFakeOpenAi();
  const code = await runAgent({
    OPENAI_BASE_URL: fake.baseUrl,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${server.url}/v1/traces`,
    CONVERSATION_ID: 'quickstart-e2e',
  });
  expect(code).toBe(0);
  spans = await graph.read('test-support/project-spans', { projectId });
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
  await graph?.close();
});

describe('Node OpenTelemetry quickstart end to end', () => {
  it('stores one LLM span per model call with the tokens the model reported', () => {
    const llm = spans.filter((s) => s.kind === 'LLM');
    expect(llm).toHaveLength(fake.calls.length);
    expect(fake.calls.length).toBe(4);
    // The instrumentation (0.7.0) exports gen_ai.usage.input_tokens = prompt_tokens but not the
    // cached part (prompt_tokens_details.cached_tokens), so the graph cannot split it out: all
    // prompt tokens land as fresh input. (With cache attributes present, the OTLP adapter
    // subtracts them; see test/unit/sources/otlp*.)
    const expectedInput = fake.calls.reduce((n, c) => n + c.promptTokens, 0);
    expect(llm.reduce((n, s) => n + Number(s.inputTokens), 0)).toBe(expectedInput);
    expect(llm.reduce((n, s) => n + Number(s.cacheReadTokens ?? 0), 0)).toBe(0);
    expect(llm.reduce((n, s) => n + Number(s.outputTokens), 0)).toBe(fake.calls.reduce((n, c) => n + c.completionTokens, 0));
    for (const s of llm) expect(s.costSource).toBe('computed');
  });

  it('keeps the agent → sub-agent nesting and the tool spans', () => {
    const agents = spans.filter((s) => s.kind === 'AGENT');
    expect(agents.map((a) => a.name).sort()).toEqual(['invoke_agent planner', 'invoke_agent reviewer']);
    const reviewer = agents.find((a) => a.name === 'invoke_agent reviewer')!;
    const planner = agents.find((a) => a.name === 'invoke_agent planner')!;
    expect(reviewer.parentId).toBe(planner.id);
    const tools = spans.filter((s) => s.kind === 'TOOL');
    expect(tools).toHaveLength(2);
    expect(tools.every((t) => t.toolName === 'read_file')).toBe(true);
    // Every LLM span hangs under one of the two agents.
    for (const s of spans.filter((x) => x.kind === 'LLM')) expect([planner.id, reviewer.id]).toContain(s.parentId);
  });

  it('groups everything into the conversation session', () => {
    expect(new Set(spans.map((s) => s.sessionId))).toEqual(new Set(['otel:quickstart-e2e']));
  });
});
