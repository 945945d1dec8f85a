// The Langfuse trace-export adapter on every export of corpora/langfuse-framework-traces, read in
// place: one span per observation (the counts SOURCES.md records), the export's parent links, the
// usage Langfuse recorded per generation, and the cost it recorded (`totalCost`) as the calls'
// reported cost — summed per file to the cent and closer. Hostile files give located rejections,
// and the valid observations still land.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '../../../src/domain/model.ts';
import { parseLangfuseExport } from '../../../src/sources/langfuse/index.ts';
import { corpus } from '../../helpers/corpora.ts';
import type { LangfuseExport } from '../../helpers/derived-otlp.ts';

const DIR = 'langfuse-framework-traces';
const read = (file: string) => fs.readFileSync(path.join(corpus(DIR), file), 'utf8');

// corpora/langfuse-framework-traces/SOURCES.md: observations per file.
const OBSERVATIONS: Record<string, number> = {
  'beeai-2025-08-01.trace.json': 29,
  'csharp-agent-with-gemini-2026-03-09.trace.json': 8,
  'microsoft-agent-2025-12-17.trace.json': 4,
  'koog-2025-08-26.trace.json': 11,
  'openai-agents-2025-09-30.trace.json': 5,
  'claude-agent-2025-12-22.trace.json': 7,
  'pydantic-ai-tools-2025-12-04.trace.json': 12,
  'google-adk-2025-08-28.trace.json': 5,
  'langgraph-js-2025-10-30.trace.json': 20,
  'crewai-2025-07-11.trace.json': 6,
  'agno-2025-06-11.trace.json': 6,
  'vercel-aisdk-2025-11-17.trace.json': 3,
};

/**
 * Observations whose Langfuse cost covers calls made inside them (read as wrappers or agent runs by
 * the OTLP rules): Agno's OpenAIChat.invoke around the OpenAI client spans, Vercel's generateText
 * loop, Microsoft Agent Framework's invoke_agent. Langfuse's own trace total counts them on top.
 */
const AGGREGATES = new Set(['b38a82eaa62b551e', 'ca136de468e156c9', '1dc6768109615657', '4cd6caa32861956a']);

const sumKeys = (details: Record<string, number>, prefix: string) =>
  Object.entries(details)
    .filter(([key]) => key === prefix || key.startsWith(`${prefix}_`))
    .reduce((t, [, n]) => t + n, 0);
const sum = (spans: readonly SpanRecord[], pick: (s: SpanRecord) => number | null | undefined) => spans.reduce((t, s) => t + (pick(s) ?? 0), 0);
const cents = (usd: number) => Math.round(usd * 100);

describe('Langfuse exports through the Langfuse adapter', () => {
  it('covers every export of the corpus folder', () => {
    expect(fs.readdirSync(corpus(DIR)).filter((f) => f.endsWith('.trace.json')).sort()).toEqual(Object.keys(OBSERVATIONS).sort());
  });

  for (const [file, observations] of Object.entries(OBSERVATIONS)) {
    describe(file, () => {
      const text = read(file);
      const source = JSON.parse(text) as LangfuseExport;
      const batch = parseLangfuseExport({ path: path.join(corpus(DIR), file), text });
      const spanOf = (id: string) => batch.spans.find((s) => s.id === `otel:${source.trace.id}:${id}`)!;

      it('one span per observation, in one session of source langfuse', () => {
        expect(batch.rejections).toEqual([]);
        expect(batch.spans).toHaveLength(observations);
        expect(batch.sessions).toHaveLength(1);
        expect(batch.sessions[0]).toMatchObject({ source: 'langfuse', origin: path.join(corpus(DIR), file) });
        expect(new Set(batch.spans.map((s) => s.sessionId))).toEqual(new Set([batch.sessions[0]!.id]));
      });

      it('keeps the parent links of the export', () => {
        for (const obs of source.observations) {
          expect(spanOf(obs.id).parentId ?? null).toBe(obs.parentObservationId ? `otel:${source.trace.id}:${obs.parentObservationId}` : null);
        }
      });

      it('each model call has the usage Langfuse recorded for it; nothing else counts usage', () => {
        for (const obs of source.observations) {
          const span = spanOf(obs.id);
          if (span.kind !== 'LLM') {
            expect(span.usage ?? null).toBeNull();
            continue;
          }
          expect(obs.type).toBe('GENERATION');
          const details = obs.usageDetails;
          if (!Object.keys(details).length) continue;
          const u = span.usage!;
          expect(u.input + (u.cacheRead ?? 0) + (u.cacheWrite ?? 0)).toBe(sumKeys(details, 'input'));
          expect(u.output).toBe(sumKeys(details, 'output'));
        }
      });

      it('the recorded totalCost is the calls’ reported cost; aggregates keep theirs apart (no double count)', () => {
        const calls = source.observations.filter((o) => !AGGREGATES.has(o.id));
        const aggregates = source.observations.filter((o) => AGGREGATES.has(o.id));
        const recordedCalls = calls.reduce((t, o) => t + (o.totalCost ?? 0), 0);
        const recordedAggregates = aggregates.reduce((t, o) => t + (o.totalCost ?? 0), 0);
        const reported = sum(batch.spans, (s) => s.reportedCostUsd);
        expect(cents(reported)).toBe(cents(recordedCalls));
        expect(reported).toBeCloseTo(recordedCalls, 12);
        // Every dollar Langfuse recorded is somewhere: on a call, or as an aggregate's figure.
        const aggregateAttr = sum(batch.spans, (s) => (typeof s.attributes?.aggregateCostUsd === 'number' && s.attributes.costFrom === 'langfuse totalCost' ? s.attributes.aggregateCostUsd : 0));
        expect(aggregateAttr).toBeCloseTo(recordedAggregates, 12);
        for (const obs of aggregates) expect(spanOf(obs.id).kind).not.toBe('LLM');
        for (const span of batch.spans.filter((s) => s.reportedCostUsd !== null && s.reportedCostUsd !== undefined)) expect(span.kind).toBe('LLM');
      });
    });
  }

});

describe('hostile Langfuse exports', () => {
  const text = read('beeai-2025-08-01.trace.json');
  const source = JSON.parse(text) as { trace: Record<string, unknown>; observations: Array<Record<string, unknown>> };
  const whole = parseLangfuseExport({ path: 'b.json', text });
  const pretty = (doc: unknown) => JSON.stringify(doc, null, 2);
  // Where observation `i` starts in the top-level list (the trace object repeats the observations).
  const offsetOf = (full: string, i: number) => full.indexOf(`"id": "${String(source.observations[i]!.id)}"`, full.indexOf('\n  "observations": ['));

  it('a truncated export keeps the observations before the cut and locates the cut', () => {
    const full = pretty(source);
    const cut = offsetOf(full, 10) + 10;
    const batch = parseLangfuseExport({ path: 'cut.json', text: full.slice(0, cut) });
    expect(batch.spans).toHaveLength(10);
    for (const span of batch.spans) expect(whole.spans.map((s) => s.id)).toContain(span.id);
    expect(batch.rejections).toEqual([{ location: expect.stringMatching(/^cut\.json:\d+$/), reason: expect.stringMatching(/truncated/) }]);
  });

  it('a bad observation is rejected with its line; the others land', () => {
    const doc = structuredClone(source);
    doc.observations[3]!.usageDetails = { input: '__HUGE__' };
    doc.observations[5]!.metadata = '{"attributes": {"gen_ai';
    doc.observations[7]!.totalCost = -1;
    doc.observations[8]!.startTime = 'yesterday';
    const full = pretty(doc).replace('"__HUGE__"', '1e400');
    const batch = parseLangfuseExport({ path: 'bad.json', text: full });
    expect(batch.spans).toHaveLength(source.observations.length - 4);
    const lineOf = (i: number) => full.slice(0, offsetOf(full, i)).split('\n').length - 1;
    expect(batch.rejections.map((r) => r.location).sort()).toEqual([3, 5, 7, 8].map((i) => `bad.json:${lineOf(i)}`).sort());
    const reasons = batch.rejections.map((r) => r.reason).join('\n');
    expect(reasons).toMatch(/usageDetails\.input/);
    expect(reasons).toMatch(/metadata is not JSON/);
    expect(reasons).toMatch(/totalCost/);
    expect(reasons).toMatch(/startTime/);
  });

  it('__proto__ keys in attributes, usage and the trace stay data: nothing is polluted, the observations land', () => {
    const doc = structuredClone(source);
    const meta = JSON.stringify(JSON.parse(String(doc.observations[0]!.metadata)));
    doc.observations[0]!.metadata = meta.replace('"attributes":{', '"attributes":{"__proto__":{"polluted":true},"constructor":"x",');
    expect(doc.observations[0]!.metadata).toContain('__proto__');
    const full = pretty(doc).replace('"trace": {', '"trace": {"__proto__": {"polluted": true},').replace('"usageDetails": {\n', '"usageDetails": {"__proto__": 5,\n');
    expect(full.match(/"__proto__"/g)).toHaveLength(2);
    const batch = parseLangfuseExport({ path: 'p.json', text: full });
    expect(batch.spans).toHaveLength(source.observations.length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ids that are not OTel ids (Langfuse SDK UUIDs) map to the same stable ids every time', () => {
    const doc = structuredClone(source);
    const uuid = (i: number) => `0d1c6a5e-3b1f-4c2a-9e8d-${String(i).padStart(12, '0')}`;
    const rename = new Map(doc.observations.map((o, i) => [String(o.id), uuid(i)]));
    for (const o of doc.observations) {
      o.id = rename.get(String(o.id));
      if (o.parentObservationId) o.parentObservationId = rename.get(String(o.parentObservationId));
    }
    const first = parseLangfuseExport({ path: 'u.json', text: pretty(doc) });
    expect(first.rejections).toEqual([]);
    expect(first.spans).toHaveLength(source.observations.length);
    expect(parseLangfuseExport({ path: 'u.json', text: pretty(doc) }).spans.map((s) => s.id)).toEqual(first.spans.map((s) => s.id));
    const ids = new Set(first.spans.map((s) => s.id));
    expect(first.spans.filter((s) => s.parentId && !ids.has(s.parentId))).toEqual([]);
  });

  it('not JSON, or JSON of another shape: a rejection naming the file, never a throw', () => {
    expect(parseLangfuseExport({ path: 'a.json', text: 'nope' }).rejections).toEqual([{ location: 'a.json:1', reason: expect.stringMatching(/not readable JSON/) }]);
    expect(parseLangfuseExport({ path: 'b.json', text: '{"trace": {"id": 7}, "observations": [1]}' }).rejections.map((r) => r.location)).toEqual(['b.json: trace', 'b.json:1']);
  });
});
