// OpenClaw plugin overhead: what one hook call costs the agent (µs, by hook, p50/p99), and the
// memory bound while ClawTrace is unreachable (the in-memory queue stays at maxQueue; the rest
// goes to the spool on disk). No Neo4j involved: the graph argument is unused.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createClawTracePlugin, type ClawTracePlugin } from '../../packages/openclaw-plugin/src/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { freePort } from '../../neo4j/launcher.ts';
import { percentile, type SuiteResult } from '../harness.ts';

const SESSIONS = 2000;
const CALLS = 5; // per session: 5 model calls, 4 tool calls → 2 + 3×5 + 2×4 = 25 hook calls
const TOOL_RESULT = 'x'.repeat(10_000); // a 10 kB tool result: redaction and capping are part of the cost

type Timings = Map<string, number[]>;

function timed(timings: Timings, name: string, work: () => unknown): void {
  const started = process.hrtime.bigint();
  work();
  const us = Number(process.hrtime.bigint() - started) / 1000;
  const list = timings.get(name) ?? [];
  list.push(us);
  timings.set(name, list);
}

function playTimed(plugin: ClawTracePlugin, s: number, timings: Timings): void {
  const h = plugin.handlers;
  const sessionId = `bench-${s}`;
  const sessionKey = `agent:main:explicit:${sessionId}`;
  const runId = `run-${s}`;
  timed(timings, 'session_start', () => h.session_start({ sessionId, sessionKey }, { sessionId, sessionKey, agentId: 'main' }));
  for (let n = 1; n <= CALLS; n++) {
    const call = { runId, callId: `${runId}:model:${n}`, sessionKey, sessionId, provider: 'anthropic', model: 'claude-sonnet-4-5' };
    timed(timings, 'model_call_started', () => h.model_call_started(call, { runId, sessionKey, sessionId }));
    timed(timings, 'model_call_ended', () => h.model_call_ended({ ...call, durationMs: 900, outcome: 'completed' }, { runId, sessionKey, sessionId }));
    const message = {
      role: 'assistant',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      timestamp: Date.now(),
      content: n < CALLS ? [{ type: 'toolCall', id: `t${n}`, name: 'read' }] : [{ type: 'text', text: 'done' }],
      usage: { input: 1200, output: 80, cacheRead: 30_000, cacheWrite: 0, cost: { total: 0.0123 } },
    };
    timed(timings, 'before_message_write', () => h.before_message_write({ message }, { sessionKey, agentId: 'main' }));
    if (n === CALLS) break;
    const ctx = { toolName: 'read', sessionKey, sessionId, runId, toolCallId: `t${n}` };
    const params = { path: `src/file-${n}.ts`, offset: 0, limit: 400 };
    timed(timings, 'before_tool_call', () => h.before_tool_call({ toolName: 'read', params, runId, toolCallId: `t${n}` }, ctx));
    timed(timings, 'after_tool_call', () =>
      h.after_tool_call({ toolName: 'read', params, runId, toolCallId: `t${n}`, result: { content: [{ type: 'text', text: TOOL_RESULT }] }, durationMs: 4 }, ctx),
    );
  }
  timed(timings, 'session_end', () => h.session_end({ sessionId, sessionKey, messageCount: 10 }, { sessionId, sessionKey }));
}

async function sink(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"stored":0,"duplicates":0}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** µs per hook call with a reachable ClawTrace (a local sink answering 200). */
async function perHook(): Promise<SuiteResult> {
  const target = await sink();
  const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-bench-hooks-'));
  const plugin = createClawTracePlugin({ endpoint: target.url, spoolDir });
  const timings: Timings = new Map();
  for (let s = 0; s < SESSIONS; s++) {
    playTimed(plugin, s, timings);
    // Let the sender's timers run, as the agent's own I/O would between hooks.
    if (s % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await plugin.close();
  await target.close();
  fs.rmSync(spoolDir, { recursive: true, force: true });
  const byHook: Record<string, { p50: number; p99: number; max: number; calls: number }> = {};
  let total = 0;
  let calls = 0;
  for (const [name, samples] of timings) {
    samples.sort((a, b) => a - b);
    byHook[name] = { p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)), max: round(samples[samples.length - 1]!), calls: samples.length };
    total += samples.reduce((a, b) => a + b, 0);
    calls += samples.length;
  }
  return { hookCalls: calls, meanUsPerHook: round(total / calls), byHookUs: byHook, eventsSent: plugin.sender.stats.sent, dropped: plugin.sender.stats.dropped };
}

/** ClawTrace unreachable: the queue must stay at maxQueue while the spool absorbs the rest. */
async function memoryBound(): Promise<SuiteResult> {
  const maxQueue = 5000;
  const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-bench-spool-'));
  const downUrl = `http://127.0.0.1:${await freePort()}`; // nothing listens there
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const plugin = createClawTracePlugin({ endpoint: downUrl, spoolDir, maxQueue, batchSize: 200, flushIntervalMs: 50, retryIntervalMs: 60_000 });
  let maxQueued = 0;
  const timings: Timings = new Map();
  for (let s = 0; s < SESSIONS; s++) {
    playTimed(plugin, s, timings);
    maxQueued = Math.max(maxQueued, plugin.sender.queued);
    if (s % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const stats = { ...plugin.sender.stats };
  const spoolBytes = plugin.sender.spool.bytes();
  await plugin.close();
  fs.rmSync(spoolDir, { recursive: true, force: true });
  return {
    eventsEnqueued: stats.enqueued,
    maxQueue,
    maxQueuedSeen: maxQueued,
    spooledEvents: stats.spooled,
    spoolMB: round(spoolBytes / 1e6),
    dropped: stats.dropped,
    heapDeltaMB: round((heapAfter - heapBefore) / 1e6),
    gcForced: gc !== undefined,
  };
}

export async function hooksSuite(_graph?: Graph): Promise<SuiteResult> {
  return { perHook: await perHook(), unreachable: await memoryBound() };
}
