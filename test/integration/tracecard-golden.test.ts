// Golden TraceCards from the real corpora (OpenClaw trees A and B, the Claude Code sessions, two
// derived OTLP traces): byte-identical to the committed cards, within the default token budget
// (marker included), totals equal to the corpus ground truth to the cent, schema-valid, and a size
// table (card vs raw transcript) in the output.
//
// A golden differs after a deliberate change of the card? Review, then regenerate on purpose:
//   NEO4J_URI=bolt://127.0.0.1:7687 npx tsx test/golden/regenerate.ts
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Graph } from '../../src/graph/driver.ts';
import { DEFAULT_BUDGET_TOKENS, estimateTokens } from '../../src/tracecard/budget.ts';
import { loadTraceCardSchema, validateJson } from '../../src/tracecard/json-schema.ts';
import { compileCard } from '../../src/tracecard/compile.ts';
import { GOLDEN_CASES, goldenCard, goldenPath, importGoldenCorpora, otlpTraceFile, type CompiledGolden } from '../golden/cases.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

let graph: Graph;
const projectId = randomProjectId('tracecard');
let sessionIds: string[] = [];
const cards = new Map<string, CompiledGolden>();
const schema = loadTraceCardSchema();

beforeAll(async () => {
  graph = await connectTestGraph();
  sessionIds = await importGoldenCorpora(graph, projectId);
  for (const c of GOLDEN_CASES) cards.set(c.name, await goldenCard(graph, projectId, c.sessionId));
});
afterAll(async () => graph?.close());

/** The card fits the default budget, and its marker (if any) tells its size and that it fits. */
function expectWithinBudget(yaml: string, what: string): void {
  const tokens = estimateTokens(yaml);
  expect(tokens, `${what}: ${tokens} tokens, over the ${DEFAULT_BUDGET_TOKENS}-token budget`).toBeLessThanOrEqual(DEFAULT_BUDGET_TOKENS);
  const { truncated } = parse(yaml) as { truncated?: { budgetTokens: number; cardTokens: number; overBudget?: boolean } };
  if (truncated) {
    expect(truncated.budgetTokens, what).toBe(DEFAULT_BUDGET_TOKENS);
    expect(truncated.cardTokens, what).toBe(tokens);
    expect(truncated.overBudget, what).toBeUndefined();
  }
}

const card = (name: string) => parse(cards.get(name)!.yaml) as {
  totals: { own: { costUsd: number; tokens: Record<string, number> }; inclusive: { costUsd: number; errors: number; subagentCalls: number } };
  subagents: unknown[];
  failures: { items: unknown[] };
};

/** Independent ground truth: OpenClaw's own per-message cost (usage.cost.total) summed over files. */
function openClawRecordedCost(files: string[]): number {
  let total = 0;
  for (const file of files) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as { type?: string; message?: { role?: string; model?: string; usage?: { cost?: { total?: number } } } };
      if (entry.type === 'message' && entry.message?.role === 'assistant' && entry.message.model !== 'delivery-mirror') {
        total += entry.message.usage?.cost?.total ?? 0;
      }
    }
  }
  return total;
}

/** Independent ground truth of an any-agent trace: its spans' gen_ai.usage.input_cost + output_cost. */
function anyAgentRecordedCost(file: string): number {
  const trace = JSON.parse(fs.readFileSync(file, 'utf8')) as { spans: Array<{ attributes?: Record<string, unknown> }> };
  return trace.spans.reduce((sum, s) => sum + Number(s.attributes?.['gen_ai.usage.input_cost'] ?? 0) + Number(s.attributes?.['gen_ai.usage.output_cost'] ?? 0), 0);
}

const cents = (usd: number) => Math.round(usd * 100);
const treeOrigins = (name: string) => cards.get(name)!.input.tree.map((s) => s.origin).filter((o): o is string => Boolean(o));

describe('golden TraceCards', () => {
  for (const c of GOLDEN_CASES) {
    it(`${c.name}: same bytes as the committed card, schema-valid, deterministic`, async () => {
      const { yaml } = cards.get(c.name)!;
      expect(validateJson(parse(yaml), schema)).toEqual([]);
      expect((await goldenCard(graph, projectId, c.sessionId)).yaml).toBe(yaml);
      const file = goldenPath(c.name);
      expect(fs.existsSync(file), `${file} is missing: run test/golden/regenerate.ts`).toBe(true);
      expect(yaml, `${c.name} differs from its golden card (regenerate on purpose if intended)`).toBe(fs.readFileSync(file, 'utf8'));
    });
  }

  it('every golden card, committed and compiled, is within the default token budget, marker included', () => {
    for (const c of GOLDEN_CASES) {
      expectWithinBudget(cards.get(c.name)!.yaml, c.name);
      expectWithinBudget(fs.readFileSync(goldenPath(c.name), 'utf8'), `${goldenPath(c.name)}`);
    }
  });
});

describe('totals against the corpus ground truth', () => {
  it('OpenClaw tree A: $5.48 in total, parent $1.022 (OpenClaw recorded costs)', () => {
    const { totals } = card('openclaw-tree-a');
    expect(treeOrigins('openclaw-tree-a')).toHaveLength(8);
    expect(cents(totals.inclusive.costUsd)).toBe(548);
    expect(cents(totals.own.costUsd)).toBe(cents(1.022));
    expect(totals.inclusive.costUsd).toBeCloseTo(openClawRecordedCost(treeOrigins('openclaw-tree-a')), 4);
    const parent = cards.get('openclaw-tree-a')!.input.tree.find((s) => s.depth === 0)!;
    expect(totals.own.costUsd).toBeCloseTo(openClawRecordedCost([parent.origin!]), 4);
  });

  it('OpenClaw tree B: $31.5 in total, parent $8.666', () => {
    const { totals } = card('openclaw-tree-b');
    expect(treeOrigins('openclaw-tree-b')).toHaveLength(14);
    expect(Math.round(totals.inclusive.costUsd * 10) / 10).toBe(31.5);
    expect(cents(totals.own.costUsd)).toBe(cents(8.666));
    expect(cents(totals.inclusive.costUsd)).toBe(cents(openClawRecordedCost(treeOrigins('openclaw-tree-b'))));
    expect(totals.inclusive.costUsd).toBeCloseTo(openClawRecordedCost(treeOrigins('openclaw-tree-b')), 4);
  });

  it('the card totals equal the stored session rollups (refresh-session-costs)', () => {
    for (const c of GOLDEN_CASES) {
      const { input } = cards.get(c.name)!;
      const root = input.tree.find((s) => s.id === c.sessionId)!;
      const { card: compiled } = compileCard(input);
      expect(compiled.totals.own.costUsd).toBeCloseTo(root.ownCostUsd ?? 0, 9);
      expect(compiled.totals.inclusive.costUsd).toBeCloseTo(root.totalCostUsd ?? 0, 9);
    }
  });

  it('Claude Code spotter: tokens after de-duplication by message id (SOURCES.md)', () => {
    expect(card('claude-code-spotter').totals.own.tokens).toEqual({ input: 1502, output: 36256, cacheRead: 15373675, cacheWrite: 260212 });
  });

  it('derived OTLP traces: cost equals the traces\' own input_cost + output_cost', () => {
    expect(compileCard(cards.get('otlp-agno')!.input).card.totals.inclusive.costUsd).toBeCloseTo(anyAgentRecordedCost(otlpTraceFile('AGNO')), 9);
    expect(compileCard(cards.get('otlp-google')!.input).card.totals.inclusive.costUsd).toBeCloseTo(anyAgentRecordedCost(otlpTraceFile('GOOGLE')), 9);
  });
});

describe('sections the corpus calls for', () => {
  it('sub-agent sections are non-empty where the session spawned sub-agents', () => {
    for (const c of GOLDEN_CASES) {
      const { totals, subagents } = card(c.name);
      expect(subagents.length > 0, c.name).toBe(totals.inclusive.subagentCalls > 0);
    }
    expect(compileCard(cards.get('openclaw-tree-a')!.input).fullCounts.subagents).toBe(7);
    expect(compileCard(cards.get('openclaw-tree-b')!.input).fullCounts.subagents).toBe(15);
    const treeB = compileCard(cards.get('openclaw-tree-b')!.input, { maxRows: 50 }).card.subagents;
    expect(treeB.map((s) => s.status).sort()).toEqual([...Array(13).fill('linked'), 'missing', 'refused']);
  });

  it('failure sections are non-empty where the session tree has errors', () => {
    for (const c of GOLDEN_CASES) {
      const { totals, failures } = card(c.name);
      expect(failures.items.length > 0, c.name).toBe(totals.inclusive.errors > 0);
    }
    expect(card('openclaw-tree-a').failures.items.length).toBeGreaterThan(0);
  });
});

describe('every corpus session', () => {
  it('has a schema-valid card within the default budget; card size vs raw transcript size', async () => {
    const rows: Array<Record<string, string | number>> = [];
    for (const id of sessionIds) {
      const { input, yaml } = await goldenCard(graph, projectId, id);
      expect(validateJson(parse(yaml), schema), id).toEqual([]);
      expectWithinBudget(yaml, id);
      // The card covers the session and its sub-agents: compare with all of their transcripts.
      const files = [...new Set(input.tree.map((s) => s.origin).filter((o): o is string => Boolean(o) && fs.existsSync(o!)))];
      const rawBytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
      rows.push({
        session: id.length > 60 ? `${id.slice(0, 57)}…` : id,
        sessions: input.tree.length,
        rawBytes,
        cardBytes: Buffer.byteLength(yaml),
        cardTokens: estimateTokens(yaml),
        ratio: rawBytes ? `${Math.round(rawBytes / Buffer.byteLength(yaml))}:1` : 'n/a',
      });
    }
    console.log('TraceCard size vs raw transcript size (default budget; raw = the transcripts of the session and its sub-agents; OTLP = the SDK span-JSON file it was imported from)');
    console.table(rows);
    const raw = rows.reduce((n, r) => n + Number(r.rawBytes), 0);
    const cardBytes = rows.reduce((n, r) => n + Number(r.cardBytes), 0);
    console.log(`all ${rows.length} sessions: raw ${raw} bytes, cards ${cardBytes} bytes (cards of sub-agents repeat in their parents' cards)`);
    expect(rows.length).toBeGreaterThanOrEqual(GOLDEN_CASES.length);
  });
});
