// The OpenTelemetry SDK span-JSON adapter on every any-agent trace, read in place: spans, kinds,
// parent links, tokens and cost equal the figures corpora/otel-genai-any-agent/SOURCES.md records;
// ids are exactly the ones an OTLP export of the same spans gets (the decimal ids, beyond 2^53, are
// converted without losing a digit). The same spans written as a bare array, as a console-exporter
// stream and as `to_json()` output convert alike. Hostile files give located rejections, and the
// valid spans of the file still land.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SpanKind, SpanRecord } from '../../../src/domain/model.ts';
import { otelSdkJsonToOtlp, parseOtelSdkJson } from '../../../src/sources/otel-sdk-json/index.ts';
import { convertOtlpRequest } from '../../../src/sources/otlp/index.ts';
import { parseLosslessJson, type JsonObject, type JsonValue } from '../../../src/sources/shared/lossless-json.ts';
import { corpus } from '../../helpers/corpora.ts';

const DIR = 'otel-genai-any-agent';
const read = (file: string) => fs.readFileSync(path.join(corpus(DIR), file), 'utf8');

// corpora/otel-genai-any-agent/SOURCES.md: spans, invoke_agent / call_llm / execute_tool, tokens, cost.
const RECORDED: Record<string, { spans: number; llm: number; tool: number; input: number; output: number; cost: number }> = {
  'AGNO_trace.json': { spans: 6, llm: 3, tool: 2, input: 1396, output: 74, cost: 0.000162 },
  'GOOGLE_trace.json': { spans: 7, llm: 3, tool: 3, input: 2251, output: 86, cost: 0.000251 },
  'LANGCHAIN_trace.json': { spans: 7, llm: 4, tool: 2, input: 1262, output: 125, cost: 0.000164 },
  'LLAMA_INDEX_trace.json': { spans: 9, llm: 5, tool: 3, input: 1308, output: 255, cost: 0.000207 },
  'OPENAI_trace.json': { spans: 6, llm: 3, tool: 2, input: 1020, output: 76, cost: 0.000125 },
  'SMOLAGENTS_trace.json': { spans: 7, llm: 3, tool: 3, input: 2294, output: 87, cost: 0.000255 },
  'TINYAGENT_trace.json': { spans: 8, llm: 4, tool: 3, input: 1369, output: 156, cost: 0.000184 },
};

function kindCounts(spans: readonly SpanRecord[]): Partial<Record<SpanKind, number>> {
  const counts: Partial<Record<SpanKind, number>> = {};
  for (const s of spans) counts[s.kind] = (counts[s.kind] ?? 0) + 1;
  return counts;
}

const sum = (spans: readonly SpanRecord[], pick: (s: SpanRecord) => number | null | undefined) => spans.reduce((t, s) => t + (pick(s) ?? 0), 0);

/** JSON text with BigInts written as plain integers, as the Python SDK writes them. */
function pythonJson(value: JsonValue, indent?: number): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `__big__${v}` : v), indent).replace(/"__big__(\d+)"/g, '$1');
}

function spansOf(text: string): JsonObject[] {
  const parsed = parseLosslessJson(text);
  if (!parsed.ok) throw parsed.error;
  return (parsed.value as JsonObject).spans as JsonObject[];
}

describe('any-agent traces through the SDK span-JSON adapter', () => {
  it('covers every trace of the corpus folder', () => {
    expect(fs.readdirSync(corpus(DIR)).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(RECORDED).sort());
  });

  for (const [file, want] of Object.entries(RECORDED)) {
    describe(file, () => {
      const text = read(file);
      const batch = parseOtelSdkJson({ path: path.join(corpus(DIR), file), text });

      it('converts every span with the kinds of the source', () => {
        expect(batch.rejections).toEqual([]);
        expect(batch.spans).toHaveLength(want.spans);
        expect(kindCounts(batch.spans)).toEqual({ AGENT: 1, LLM: want.llm, TOOL: want.tool });
      });

      it('tokens and cost equal the recorded figures', () => {
        const llm = batch.spans.filter((s) => s.kind === 'LLM');
        expect(sum(llm, (s) => s.usage?.input)).toBe(want.input);
        expect(sum(llm, (s) => s.usage?.output)).toBe(want.output);
        // input_cost + output_cost per call span, summed: equal to the cent, and to SOURCES.md's 6 places.
        const cost = sum(batch.spans, (s) => s.reportedCostUsd);
        expect(Math.round(cost * 100)).toBe(Math.round(want.cost * 100));
        expect(cost).toBeCloseTo(want.cost, 6);
      });

      it('ids are the exact hex of the decimal ids, as an OTLP export names the spans', () => {
        // Read straight from the text: JSON.parse would round these 39-digit integers.
        const decimal = [...text.matchAll(/"context":\s*\{\s*"trace_id":\s*(\d+),\s*"span_id":\s*(\d+)/g)].map((m) => ({
          trace: BigInt(m[1]!).toString(16).padStart(32, '0'),
          span: BigInt(m[2]!).toString(16).padStart(16, '0'),
        }));
        expect(decimal).toHaveLength(want.spans);
        expect(batch.spans.map((s) => s.id).sort()).toEqual(decimal.map((d) => `otel:${d.trace}:${d.span}`).sort());
        const rounded = BigInt(Math.round(Number(text.match(/"trace_id":\s*(\d+)/)![1]))).toString(16);
        expect(batch.spans[0]!.traceId).not.toBe(rounded.padStart(32, '0'));
      });

      it('keeps the parent links: calls and tools under invoke_agent, or dangling where the parent was never exported', () => {
        const agent = batch.spans.find((s) => s.kind === 'AGENT')!;
        expect(agent.parentId).toBeNull();
        const ids = new Set(batch.spans.map((s) => s.id));
        for (const child of batch.spans.filter((s) => s !== agent)) {
          if (file === 'GOOGLE_trace.json') {
            expect(child.parentId).toMatch(/^otel:[0-9a-f]{32}:[0-9a-f]{16}$/);
            expect(ids.has(child.parentId!)).toBe(false);
          } else {
            expect(child.parentId).toBe(agent.id);
          }
        }
        expect(batch.sessions).toHaveLength(1);
        expect(batch.sessions[0]).toMatchObject({ source: 'otlp', agentName: 'any_agent', origin: path.join(corpus(DIR), file) });
      });
    });
  }

  it('the OTLP request it builds converts to the same batch (a later OTLP re-send has the same ids)', () => {
    const file = { path: 'AGNO_trace.json', text: read('AGNO_trace.json') };
    const viaRequest = convertOtlpRequest(otelSdkJsonToOtlp(file).request, { origin: file.path }).batch;
    expect(parseOtelSdkJson(file)).toEqual(viaRequest);
  });
});

describe('the ways the SDK writes span JSON', () => {
  const text = read('LLAMA_INDEX_trace.json');
  const spans = spansOf(text);
  const expected = parseOtelSdkJson({ path: 'f.json', text });

  it('a bare array of spans', () => {
    expect(parseOtelSdkJson({ path: 'f.json', text: pythonJson(spans, 2) })).toEqual(expected);
  });

  it('a console-exporter stream: indented objects back to back, and one object per line', () => {
    expect(parseOtelSdkJson({ path: 'f.json', text: spans.map((s) => pythonJson(s, 4)).join('\n') })).toEqual(expected);
    expect(parseOtelSdkJson({ path: 'f.json', text: spans.map((s) => pythonJson(s)).join('\n') })).toEqual(expected);
  });

  it('ReadableSpan.to_json(): 0x-hex ids, parent_id, ISO times with microseconds, SpanKind/StatusCode names', () => {
    const span = (name: string, id: string, parent: string | null, start: string, end: string, attributes: JsonObject) => ({
      name,
      context: { trace_id: '0x5b8aa5a2d2c872e8321cf37308d69df2', span_id: id, trace_state: '[]' },
      kind: 'SpanKind.INTERNAL',
      parent_id: parent,
      start_time: start,
      end_time: end,
      status: { status_code: 'UNSET' },
      attributes,
      events: [],
      links: [],
      resource: { attributes: { 'service.name': 'weather-agent' }, schema_url: '' },
    });
    const stream = [
      span('chat gpt-4o', '0x051581bf3cb55c13', '0x6e0c63257de34c92', '2025-09-16T12:43:06.341103Z', '2025-09-16T12:43:06.853189Z', {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.usage.input_tokens': 120,
        'gen_ai.usage.output_tokens': 7,
      }),
      span('invoke_agent weather', '0x6e0c63257de34c92', null, '2025-09-16T12:43:06.000001Z', '2025-09-16T12:43:07.5Z', { 'gen_ai.operation.name': 'invoke_agent' }),
    ]
      .map((s) => JSON.stringify(s, null, 4))
      .join('\n');
    const batch = parseOtelSdkJson({ path: 'console.log', text: stream });
    expect(batch.rejections).toEqual([]);
    const [agent, call] = [batch.spans.find((s) => s.kind === 'AGENT')!, batch.spans.find((s) => s.kind === 'LLM')!];
    expect(agent.id).toBe('otel:5b8aa5a2d2c872e8321cf37308d69df2:6e0c63257de34c92');
    expect(call).toMatchObject({ parentId: agent.id, model: 'gpt-4o', usage: expect.objectContaining({ input: 120, output: 7 }) });
    // Microseconds survive: 512.086 ms, which a millisecond Date would have made 512 or 513.
    expect(call.durationMs).toBeCloseTo(512.086, 6);
    expect(batch.sessions[0]!.agentName).toBe('weather-agent');
  });
});

describe('hostile SDK span files', () => {
  const text = read('SMOLAGENTS_trace.json');
  const spans = spansOf(text);
  const whole = parseOtelSdkJson({ path: 'f.json', text });

  it('a truncated file keeps the spans before the cut and locates the cut', () => {
    // Cut inside the fifth span (span objects are the lines indented by four spaces).
    const cut = nthIndex(text, '\n    {', 5) + 40;
    const batch = parseOtelSdkJson({ path: 'cut.json', text: text.slice(0, cut) });
    expect(batch.spans).toHaveLength(4);
    for (const span of batch.spans) expect(whole.spans.map((s) => s.id)).toContain(span.id);
    expect(batch.rejections).toHaveLength(1);
    expect(batch.rejections[0]!.location).toMatch(/^cut\.json:\d+$/);
    expect(batch.rejections[0]!.reason).toMatch(/truncated/);
  });

  it('a broken object in a stream is rejected with its line; the objects after it still land', () => {
    const lines = spans.map((s) => pythonJson(s));
    lines[2] = lines[2]!.slice(0, 40);
    const batch = parseOtelSdkJson({ path: 's.jsonl', text: lines.join('\n') });
    expect(batch.spans).toHaveLength(spans.length - 1);
    expect(batch.rejections).toEqual([{ location: 's.jsonl:3', reason: expect.stringMatching(/not readable JSON/) }]);
  });

  it('__proto__ keys stay data: nothing is polluted and the span lands', () => {
    const lines = spans.map((s) => pythonJson(s));
    lines[0] = lines[0]!.replace('"attributes":{', '"attributes":{"__proto__":{"polluted":true},"constructor":"x",');
    lines[1] = lines[1]!.replace('"context":{', '"__proto__":{"polluted":true},"context":{');
    expect(lines[0]).toContain('"__proto__"');
    const batch = parseOtelSdkJson({ path: 'p.json', text: lines.join('\n') });
    expect(batch.rejections).toEqual([]);
    expect(batch.spans).toHaveLength(spans.length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('huge numbers: an id beyond 64 bits, a time beyond any date, a token count of 1e400 → located rejections, the rest land', () => {
    const lines = spans.map((s) => pythonJson(s));
    lines[1] = lines[1]!.replace(/("context":\{"trace_id":\d+,"span_id":)\d+/, '$1' + (2n ** 70n).toString());
    lines[3] = lines[3]!.replace(/"start_time":\d+/, '"start_time":100000000000000000000000000000');
    lines[4] = lines[4]!.replace(/"gen_ai\.usage\.input_tokens":\d+/, '"gen_ai.usage.input_tokens":1e400');
    expect(lines[1]).toContain((2n ** 70n).toString());
    expect(lines[3]).toContain('100000000000000000000000000000');
    expect(lines[4]).toContain('1e400');
    const batch = parseOtelSdkJson({ path: 'h.jsonl', text: lines.join('\n') });
    expect(batch.spans).toHaveLength(spans.length - 3);
    const byLine = Object.fromEntries(batch.rejections.map((r) => [r.location, r.reason]));
    expect(byLine['h.jsonl:2']).toMatch(/context\.span_id does not fit in 64 bits/);
    expect(byLine['h.jsonl:4']).toMatch(/startTimeUnixNano.*date range/);
    expect(byLine['h.jsonl:5']).toMatch(/gen_ai\.usage\.input_tokens/);
  });

  it('not JSON at all, empty, or JSON of another shape: a rejection naming the file, never a throw', () => {
    expect(parseOtelSdkJson({ path: 'a.json', text: 'hello' }).rejections).toEqual([{ location: 'a.json:1', reason: expect.stringMatching(/not readable JSON/) }]);
    expect(parseOtelSdkJson({ path: 'b.json', text: '' }).rejections).toEqual([{ location: 'b.json:1', reason: 'the file is empty' }]);
    expect(parseOtelSdkJson({ path: 'c.json', text: '[1, "x"]' }).rejections.map((r) => r.location)).toEqual(['c.json:1', 'c.json:1']);
    expect(parseOtelSdkJson({ path: 'd.json', text: `${'['.repeat(100_000)}` }).rejections[0]!.reason).toMatch(/nested deeper/);
  });
});

function nthIndex(text: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i += 1) at = text.indexOf(needle, at + 1);
  return at;
}
