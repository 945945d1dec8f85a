// `clawtrace import` of the three trace-export corpora (Langfuse exports, OpenTelemetry SDK span
// JSON, a SWE-agent trajectory), read in place through importFiles into a real Neo4j: every file
// becomes a session whose cost in the graph equals what the file itself recorded, to the cent
// (and to a billionth of a dollar against the calls' own figures); importing again changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { importFiles, type ImportReport } from '../../src/ingest/import-files.ts';
import { corpus } from '../helpers/corpora.ts';
import type { LangfuseExport } from '../helpers/derived-otlp.ts';
import { graphTotals } from '../helpers/graph-totals.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

const FOLDERS = [corpus('langfuse-framework-traces'), corpus('otel-genai-any-agent'), corpus('swe-agent-traj')];
const projectId = randomProjectId('trace-exports');
let graph: Graph;
let report: ImportReport;
/** Session properties by the file they were imported from (`origin`). */
const byFile = new Map<string, { id: string; source: string; totalCostUsd: number; ownCostUsd: number }>();
const llmTotals = new Map<string, { input: number; output: number; costUsd: number; calls: number }>();

/** Langfuse observations whose cost covers calls inside them (see test/unit/sources/langfuse.test.ts). */
const LANGFUSE_AGGREGATES = new Set(['b38a82eaa62b551e', 'ca136de468e156c9', '1dc6768109615657', '4cd6caa32861956a']);
const cents = (usd: number) => Math.round(usd * 100);
const filesOf = (folder: string, suffix: string) =>
  fs
    .readdirSync(corpus(folder))
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(corpus(folder), f));

beforeAll(async () => {
  graph = await connectTestGraph();
  report = await importFiles(graph, { paths: FOLDERS, projectId, pricer: createPricer() });
  for (const row of await graph.read('test-support/snapshot-sessions', { projectId })) {
    const props = row.props as Record<string, unknown>;
    byFile.set(String(props.origin), { id: String(row.id), source: String(props.source), totalCostUsd: Number(props.totalCostUsd), ownCostUsd: Number(props.ownCostUsd) });
  }
  for (const row of await graph.read('test-support/session-llm-totals', { projectId })) {
    llmTotals.set(String(row.sessionId), { input: Number(row.input), output: Number(row.output), costUsd: Number(row.costUsd), calls: Number(row.calls) });
  }
});
afterAll(async () => graph?.close());

describe('trace exports imported into the graph', () => {
  it('every file lands as one session, nothing rejected or skipped but the SOURCES.md notes', () => {
    expect(report.rejections).toEqual([]);
    expect(report.skipped.map((s) => path.basename(s.file))).toEqual(['SOURCES.md', 'SOURCES.md', 'SOURCES.md']);
    expect(report.files).toBe(12 + 7 + 1);
    expect(byFile.size).toBe(20);
    // BeeAI's `chat.finish` / `chat.success` generations: Langfuse recorded neither usage nor a cost
    // breakdown for them (totalCost 0 of nothing), so they are flagged unpriced, never a silent $0.
    expect(report.unpricedLlmCalls).toBe(2);
  });

  it('Langfuse: the session cost is what Langfuse recorded for the calls, to the cent and closer', () => {
    for (const file of filesOf('langfuse-framework-traces', '.trace.json')) {
      const source = JSON.parse(fs.readFileSync(file, 'utf8')) as LangfuseExport;
      const session = byFile.get(file)!;
      expect(session.source, file).toBe('langfuse');
      const recordedCalls = source.observations.filter((o) => !LANGFUSE_AGGREGATES.has(o.id)).reduce((t, o) => t + (o.totalCost ?? 0), 0);
      const recordedAll = source.observations.reduce((t, o) => t + (o.totalCost ?? 0), 0);
      expect(session.totalCostUsd, file).toBeCloseTo(recordedCalls, 9);
      // Langfuse's own sum also counts wrapper/agent observations on top of their calls; still the same cents.
      expect(cents(session.totalCostUsd), file).toBe(cents(recordedAll));
    }
  });

  it('any-agent: the session cost is the spans’ input_cost + output_cost, tokens as SOURCES.md', () => {
    const recorded: Record<string, { input: number; output: number; cost: number }> = {
      AGNO: { input: 1396, output: 74, cost: 0.000162 },
      GOOGLE: { input: 2251, output: 86, cost: 0.000251 },
      LANGCHAIN: { input: 1262, output: 125, cost: 0.000164 },
      LLAMA_INDEX: { input: 1308, output: 255, cost: 0.000207 },
      OPENAI: { input: 1020, output: 76, cost: 0.000125 },
      SMOLAGENTS: { input: 2294, output: 87, cost: 0.000255 },
      TINYAGENT: { input: 1369, output: 156, cost: 0.000184 },
    };
    for (const file of filesOf('otel-genai-any-agent', '_trace.json')) {
      const want = recorded[path.basename(file, '_trace.json')]!;
      const attrs = (JSON.parse(fs.readFileSync(file, 'utf8')) as { spans: Array<{ attributes: Record<string, unknown> }> }).spans.map((s) => s.attributes);
      const fromFile = attrs.reduce((t, a) => t + (Number(a['gen_ai.usage.input_cost']) || 0) + (Number(a['gen_ai.usage.output_cost']) || 0), 0);
      const session = byFile.get(file)!;
      expect(session.source).toBe('otlp');
      expect(session.totalCostUsd, file).toBeCloseTo(fromFile, 12);
      expect(cents(session.totalCostUsd)).toBe(cents(want.cost));
      expect(session.totalCostUsd).toBeCloseTo(want.cost, 6);
      expect(llmTotals.get(session.id)).toMatchObject({ input: want.input, output: want.output });
    }
  });

  it('SWE-agent: the session carries the recorded model_stats exactly', () => {
    const [file] = filesOf('swe-agent-traj', '.traj');
    const session = byFile.get(file!)!;
    expect(session.source).toBe('swe-agent');
    expect(session.totalCostUsd).toBeCloseTo(1.26719, 9);
    expect(cents(session.totalCostUsd)).toBe(127);
    expect(llmTotals.get(session.id)).toMatchObject({ input: 122_612, output: 1_369, calls: 12 });
  });

  it('importing the same files again changes nothing', async () => {
    const before = await graphTotals(graph, projectId);
    const again = await importFiles(graph, { paths: FOLDERS, projectId, pricer: createPricer() });
    expect(again.rejections).toEqual([]);
    expect(await graphTotals(graph, projectId)).toEqual(before);
  });
});
