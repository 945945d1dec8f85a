// Shared machinery of the capture-reliability tests: a mixed stream (OpenClaw plugin events and
// OTLP batches) against a ClawTrace server that the test disturbs mid-stream, then the count of
// what the graph holds against what was sent.
import { untilFinalised } from './finalised.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClawTracePlugin, type ClawTracePlugin } from '../../packages/openclaw-plugin/src/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { otlpBatch, sendWithRetry, type RetryStats } from './otlp-retry-sender.ts';
import { emptyTruth, playSession, type StreamTruth } from './plugin-stream.ts';

export interface StreamOptions {
  url: string;
  apiKey: string;
  /** Plugin sessions to play (each 3 model calls, 2 tool calls: 12 events). */
  sessions: number;
  /** One OTLP batch after every this many sessions. */
  otlpEvery: number;
  otlpSpansPerBatch: number;
  /** Called once, with the session index, when the stream is `disturbAt` of the way through. */
  disturbAt: number;
  disturb: () => Promise<void> | void;
  /** Pause between sessions, so the disturbance lands mid-stream. */
  gapMs: number;
  deadlineMs: number;
}

export interface StreamResult {
  plugin: ClawTracePlugin;
  truth: StreamTruth;
  otlp: RetryStats & { spanIds: string[]; costUsd: number; traceIds: string[] };
  spoolDir: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runStream(options: StreamOptions): Promise<StreamResult> {
  const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-spool-'));
  const plugin = createClawTracePlugin({
    endpoint: options.url,
    apiKey: options.apiKey,
    spoolDir,
    batchSize: 25,
    flushIntervalMs: 20,
    retryIntervalMs: 250,
    requestTimeoutMs: 5000,
  });
  const truth = emptyTruth();
  const otlp: StreamResult['otlp'] = { batches: 0, attempts: 0, retriedBatches: 0, statuses: {}, spanIds: [], costUsd: 0, traceIds: [] };
  const deadline = Date.now() + options.deadlineMs;
  // Never 0: an all-zero OTLP trace id is invalid.
  const run = Math.floor(Math.random() * 0xfffffff) | 1;
  const pending: Array<Promise<void>> = [];
  let disturbance: Promise<void> | undefined;
  for (let i = 0; i < options.sessions; i++) {
    if (i === Math.floor(options.sessions * options.disturbAt)) disturbance = Promise.resolve(options.disturb());
    playSession(plugin, `rel-${run.toString(16)}-${i}`, 3, truth);
    if (i % options.otlpEvery === 0) {
      const batch = otlpBatch(run, i, options.otlpSpansPerBatch);
      otlp.spanIds.push(...batch.spanIds);
      otlp.costUsd += batch.costUsd;
      otlp.traceIds.push(`otlp-${run}-${i}`);
      pending.push(sendWithRetry(options.url, batch, options.apiKey, otlp, deadline));
    }
    await sleep(options.gapMs);
  }
  await disturbance;
  await Promise.all(pending);
  // The plugin's own retry loop runs on timers; wait for it to empty memory and spool.
  await plugin.sender.flush();
  while (plugin.sender.spool.files().length > 0 || plugin.sender.queued > 0) {
    if (Date.now() > deadline) throw new Error(`plugin spool not drained before the deadline: ${plugin.sender.spool.files().length} files left`);
    await plugin.sender.flush();
    await plugin.sender.drainSpool();
    await sleep(100);
  }
  await plugin.close();
  fs.rmSync(spoolDir, { recursive: true, force: true });
  return { plugin, truth, otlp, spoolDir };
}

export interface Tally {
  pluginEvents: { sent: number; spooled: number; stored: number; duplicates: number; lost: number };
  otlpSpans: { sent: number; attempts: number; stored: number; retriedBatches: number; lost: number };
  llmSpans: number;
  toolSpans: number;
  sessions: number;
  costUsd: number;
}

const round9 = (x: number) => Math.round(x * 1e9) / 1e9;

/** What the graph holds for the stream, next to what was sent. */
export async function tally(graph: Graph, projectId: string, result: StreamResult): Promise<Tally> {
  // Acknowledged is not yet finalised (plugin events become spans in the finaliser): wait for the
  // engine's finaliser, as a reader of final figures would.
  await untilFinalised(graph, projectId);
  const { truth, otlp, plugin } = result;
  const stats = plugin.sender.stats;
  const traceIds = truth.sessionIds;
  const storedEvents = (await graph.read('ingest/events-for-traces', { projectId, traceIds })).length;
  const spans = await graph.read('test-support/project-spans', { projectId });
  const pluginSpans = spans.filter((s) => String(s.sessionId).startsWith('events:'));
  const otlpSpans = spans.filter((s) => String(s.sessionId).startsWith('otel:'));
  const sessions = new Set(pluginSpans.map((s) => s.sessionId)).size;
  const costUsd = spans.reduce((n, s) => n + Number(s.costUsd ?? 0), 0);
  return {
    pluginEvents: {
      sent: stats.enqueued,
      // Went through the spool (failed or unanswered at first), then re-sent.
      spooled: stats.spooled,
      stored: storedEvents,
      // Copies the server already had: a batch stored just before its answer was lost, then re-sent.
      duplicates: stats.duplicatesByServer,
      lost: stats.enqueued - storedEvents,
    },
    otlpSpans: {
      sent: otlp.spanIds.length,
      attempts: otlp.attempts,
      stored: otlpSpans.length,
      retriedBatches: otlp.retriedBatches,
      lost: otlp.spanIds.length - otlpSpans.length,
    },
    llmSpans: pluginSpans.filter((s) => s.kind === 'LLM').length,
    toolSpans: pluginSpans.filter((s) => s.kind === 'TOOL').length,
    sessions,
    costUsd: round9(costUsd),
  };
}

export const expectedCost = (result: StreamResult) => round9(result.truth.costUsd + result.otlp.costUsd);
