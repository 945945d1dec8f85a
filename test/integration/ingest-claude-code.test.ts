// Claude Code corpora through the whole ingest path: per-session tokens equal an independent
// de-duplicated sum over the raw files, and computed costs equal an independent calculation from
// Anthropic's published per-million prices.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { childSessionsOf, sessionsByIds } from '../../src/graph/sessions.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { corpus } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

/** USD per million tokens: input, output, cache read, 5-minute cache write (Anthropic list prices). */
const PRICES: Record<string, [number, number, number, number]> = {
  'claude-opus-4-6': [5, 25, 0.5, 6.25],
  'claude-opus-4-5-20251101': [5, 25, 0.5, 6.25],
  'claude-sonnet-4-5-20250929': [3, 15, 0.3, 3.75],
  'claude-haiku-4-5-20251001': [1, 5, 0.1, 1.25],
};

interface Usage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  model: string;
}

/** Independent reading: unique message.id:requestId, the maximum of each usage field over its lines. */
function independentCalls(file: string): Map<string, Usage> {
  const calls = new Map<string, Usage>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { type?: string; requestId?: string; message?: { id?: string; model?: string; usage?: Record<string, number> } };
    const usage = record.message?.usage;
    if (record.type !== 'assistant' || !usage || !record.message?.id || record.message.model === '<synthetic>') continue;
    const key = `${record.message.id}:${record.requestId ?? ''}`;
    const previous = calls.get(key);
    calls.set(key, {
      model: record.message.model ?? '',
      input: Math.max(previous?.input ?? 0, usage.input_tokens ?? 0),
      output: Math.max(previous?.output ?? 0, usage.output_tokens ?? 0),
      cacheRead: Math.max(previous?.cacheRead ?? 0, usage.cache_read_input_tokens ?? 0),
      cacheWrite: Math.max(previous?.cacheWrite ?? 0, usage.cache_creation_input_tokens ?? 0),
    });
  }
  return calls;
}

function listJsonl(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(dir, f));
}

const FOLDERS = [corpus('claude-code-log-real-projects'), corpus('claude-code-spotter')];
let graph: Graph;
const projectId = randomProjectId('claude-code');
let rows: Array<Record<string, unknown>>;

beforeAll(async () => {
  graph = await connectTestGraph();
  const report = await importFiles(graph, { paths: FOLDERS, projectId, pricer: createPricer() });
  expect(report.rejections).toEqual([]);
  rows = await graph.read('test-support/session-llm-totals', { projectId });
});
afterAll(async () => graph?.close());

const SPOTTER = 'claude-code:fa812bfe-b295-4cca-9c2f-fdf01028cb46';

describe('Claude Code corpora in the graph', () => {
  it('token totals over all sessions equal the de-duplicated sums of the raw files', () => {
    // Resumed sessions replay earlier calls; the adapter counts each call once, so compare the
    // union of unique calls over all files with the graph's grand total.
    const unique = new Map<string, Usage>();
    for (const file of FOLDERS.flatMap(listJsonl)) for (const [key, usage] of independentCalls(file)) if (!unique.has(key)) unique.set(key, usage);
    const expected = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
    for (const u of unique.values()) {
      expected.input += u.input;
      expected.output += u.output;
      expected.cacheRead += u.cacheRead;
      expected.cacheWrite += u.cacheWrite;
    }
    const got = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
    for (const r of rows) for (const k of Object.keys(got) as Array<keyof typeof got>) got[k] += Number(r[k]);
    expect(got).toEqual(expected);
  });

  it('spotter main session: 157 unique calls, 1,502 / 36,256 / 15,373,675 / 260,212 tokens (SOURCES.md)', () => {
    const main = rows.find((r) => r.sessionId === 'claude-code:fa812bfe-b295-4cca-9c2f-fdf01028cb46');
    expect(main).toMatchObject({ input: 1502, output: 36256, cacheRead: 15373675, cacheWrite: 260212 });
  });

  it('computed costs equal an independent calculation from published prices, to the cent', () => {
    const unique = new Map<string, Usage>();
    for (const file of FOLDERS.flatMap(listJsonl)) for (const [key, usage] of independentCalls(file)) if (!unique.has(key)) unique.set(key, usage);
    let expected = 0;
    for (const u of unique.values()) {
      const price = PRICES[u.model];
      expect(price, `a price for ${u.model}`).toBeDefined();
      const [input, output, read, write] = price!;
      expected += (u.input * input + u.output * output + u.cacheRead * read + u.cacheWrite * write) / 1e6;
    }
    const got = rows.reduce((sum, r) => sum + Number(r.costUsd), 0);
    expect(Math.round(got * 100)).toBe(Math.round(expected * 100));
    expect(rows.every((r) => Number(r.unpriced) === 0)).toBe(true);
  });

  it('links every sub-agent to its Task call and keeps warmup and compaction agents', async () => {
    const roles = rows.map((r) => r.role);
    expect(roles.filter((r) => r === 'warmup')).toHaveLength(2);
    expect(roles.filter((r) => r === 'compaction')).toHaveLength(1);
    const spawns = await graph.read('test-support/spawn-statuses-project', { projectId });
    // 4 Task calls, and the spotter's compaction run (linked at its compact_boundary line).
    expect(Object.fromEntries(spawns.map((r) => [r.status, Number(r.n)]))).toMatchObject({ linked: 5 });
  });

  it("a compaction run's cost is in its parent's inclusive total (nothing started it, the parent paid)", async () => {
    const [main, compaction] = await sessionsByIds(graph, projectId, [SPOTTER, `${SPOTTER}:agent-acompact-70d8e7`]);
    expect(compaction).toMatchObject({ role: 'compaction', parentSessionId: SPOTTER });
    expect(compaction!.totalCostUsd).toBeGreaterThan(0);
    const children = await childSessionsOf(graph, projectId, [SPOTTER]);
    const childTotal = (children.get(SPOTTER) ?? []).reduce((sum, c) => sum + c.totalCostUsd, 0);
    expect((children.get(SPOTTER) ?? []).map((c) => c.id)).toContain(compaction!.id);
    expect(main!.totalCostUsd).toBeCloseTo(main!.ownCostUsd + childTotal, 9);
  });
});
