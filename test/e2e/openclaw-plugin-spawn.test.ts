// Sub-agent linkage, redaction and the no-model_call_* fallback of the OpenClaw plugin, end to end
// through a real ClawTrace server. The hooks are called with the event/context shapes OpenClaw
// 2026.9's hook runner passes (PluginHookHandlerMap in its SDK): a real `sessions_spawn` needs a
// running Gateway (`agent --local` refuses it: "published reply runtime missing"), so this file
// plays the Gateway's hook sequence for a parent that spawns a child. The link comes only from
// hook context: subagent_spawned names the child's sessionKey, the child's first model call pairs
// that key with its sessionId.
import { untilFinalised } from '../helpers/finalised.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClawTracePlugin, type ClawTracePlugin } from '../../packages/openclaw-plugin/src/index.ts';
import type { RunningServer } from '../../src/api/server.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { startTestServer } from '../helpers/server.ts';
import { gql } from '../integration/graphql-client.ts';

const projectId = randomProjectId('oc-spawn');
const parentId = `parent-${randomUUID()}`;
const childId = `child-${randomUUID()}`;
const legacyId = `legacy-${randomUUID()}`;
const parentKey = `agent:main:explicit:${parentId}`;
const childKey = `agent:main:subagent:${randomUUID()}`;
let graph: Graph;
let server: RunningServer;
let plugin: ClawTracePlugin;
let root: string;

const usage = (input: number, output: number, cost: number) => ({ input, output, cacheRead: 0, cacheWrite: 0, totalTokens: input + output, cost: { total: cost } });

function modelCall(sessionKey: string, sessionId: string, runId: string, n: number, message: Record<string, unknown>): void {
  const call = { runId, callId: `${runId}:model:${n}`, sessionKey, sessionId, provider: 'fake', model: 'fake-model', api: 'openai-completions' };
  plugin.handlers.model_call_started(call, { runId, sessionKey, sessionId, agentId: 'main' });
  plugin.handlers.model_call_ended({ ...call, durationMs: 40, outcome: 'completed' }, { runId, sessionKey, sessionId });
  plugin.handlers.before_message_write({ message: { role: 'assistant', provider: 'fake', model: 'fake-model', timestamp: Date.now(), ...message } }, { agentId: 'main', sessionKey });
}

beforeAll(async () => {
  graph = await connectTestGraph();
  server = await startTestServer(graph, projectId);
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-oc-spawn-'));
  plugin = createClawTracePlugin({ endpoint: server.url, spoolDir: root, flushIntervalMs: 20, maxStringChars: 50 });
  const h = plugin.handlers;

  h.session_start({ sessionId: parentId, sessionKey: parentKey }, { sessionId: parentId, sessionKey: parentKey, agentId: 'main' });
  modelCall(parentKey, parentId, 'run-p', 1, {
    content: [{ type: 'toolCall', id: 'call_1', name: 'sessions_spawn', arguments: {} }],
    stopReason: 'toolUse',
    usage: usage(1000, 20, 0.0033),
  });
  const toolCtx = { toolName: 'sessions_spawn', agentId: 'main', sessionKey: parentKey, sessionId: parentId, runId: 'run-p', toolCallId: 'call_1' };
  const params = { task: 'Read hello.txt and report', label: 'reader', apiKey: 'sk-live-123', notes: 'x'.repeat(500) };
  h.before_tool_call({ toolName: 'sessions_spawn', params, runId: 'run-p', toolCallId: 'call_1' }, toolCtx);
  h.subagent_spawned(
    { childSessionKey: childKey, agentId: 'main', label: 'reader', mode: 'run', runId: 'run-c' },
    { runId: 'run-c', childSessionKey: childKey, requesterSessionKey: parentKey },
  );
  h.after_tool_call(
    { toolName: 'sessions_spawn', params, runId: 'run-p', toolCallId: 'call_1', result: { details: { status: 'accepted', childSessionKey: childKey, runId: 'run-c' } }, durationMs: 30 },
    toolCtx,
  );
  // The child's first hook reveals its sessionId: only now can the spawn name the child session.
  modelCall(childKey, childId, 'run-c', 1, { content: [{ type: 'text', text: 'child done' }], stopReason: 'stop', usage: usage(500, 10, 0.0016) });
  h.subagent_ended({ targetSessionKey: childKey, targetKind: 'subagent', reason: 'completed', outcome: 'ok', runId: 'run-c' } as never, undefined);
  modelCall(parentKey, parentId, 'run-p', 2, { content: [{ type: 'text', text: 'parent done' }], stopReason: 'stop', usage: usage(1100, 15, 0.0035) });
  h.session_end({ sessionId: childId, sessionKey: childKey, messageCount: 2, reason: 'deleted' }, { sessionId: childId, sessionKey: childKey });
  h.session_end({ sessionId: parentId, sessionKey: parentKey, messageCount: 4, reason: 'shutdown' }, { sessionId: parentId, sessionKey: parentKey });

  // An OpenClaw without model_call_* hooks: the assistant message alone must still be one call.
  h.llm_input({ runId: 'run-l', sessionId: legacyId, provider: 'fake', model: 'fake-model' }, { sessionKey: 'agent:legacy:main', agentId: 'legacy' });
  h.before_message_write(
    { message: { role: 'assistant', provider: 'fake', model: 'fake-model', timestamp: Date.now(), responseId: 'r1', stopReason: 'stop', usage: usage(200, 5, 0.0007) } },
    { agentId: 'legacy', sessionKey: 'agent:legacy:main' },
  );
  await plugin.close();
  // Events are acknowledged when stored; the server's finaliser assembles them into spans.
  await untilFinalised(graph, projectId);
});

afterAll(async () => {
  await server?.close();
  await graph?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('OpenClaw plugin: sub-agents, redaction, fallback', () => {
  it('delivers every event, with nothing left spooled', () => {
    expect(plugin.sender.stats.dropped).toBe(0);
    expect(plugin.sender.spool.files()).toEqual([]);
    expect(plugin.sender.stats.sent).toBe(plugin.sender.stats.enqueued);
  });

  it('links the spawn to the child session and rolls the child cost into the parent', async () => {
    const statuses = await graph.read('test-support/spawn-statuses-project', { projectId });
    expect(statuses).toEqual([{ status: 'linked', n: 1 }]);
    const [parent] = await graph.read('test-support/session-rollup', { projectId, id: `events:${parentId}` });
    const [child] = await graph.read('test-support/session-rollup', { projectId, id: `events:${childId}` });
    expect(child?.role).toBe('subagent');
    expect(parent?.spawned).toBe(1);
    expect(Number(parent?.ownCostUsd)).toBeCloseTo(0.0068, 9);
    expect(Number(parent?.totalCostUsd)).toBeCloseTo(0.0084, 9);
  });

  it('redacts secret-looking keys and caps long strings in stored arguments', async () => {
    const spans = await graph.read('test-support/project-spans', { projectId });
    const spawn = spans.find((s) => s.kind === 'SUBAGENT')!;
    expect(spawn.parentKind).toBe('LLM');
    const res = await gql<{ span: { argsCanonical: string } }>(server.url, 'query($id: ID!) { span(id: $id) { argsCanonical } }', { id: spawn.id });
    const args = res.data?.span.argsCanonical ?? '';
    expect(args).toContain('[REDACTED]');
    expect(args).not.toContain('sk-live-123');
    expect(args).toContain('more chars]');
  });

  it('records a model call from the assistant message alone when model_call_* hooks are absent', async () => {
    const rows = await graph.read('test-support/session-llm-totals', { projectId });
    const legacy = rows.find((r) => r.sessionId === `events:${legacyId}`);
    expect(Number(legacy?.calls)).toBe(1);
    expect(Number(legacy?.input)).toBe(200);
    expect(Number(legacy?.costUsd)).toBeCloseTo(0.0007, 9);
  });
});
