// The OTLP adapter over real traces: the any-agent GenAI-semconv traces and the Langfuse framework
// exports, both converted to OTLP/JSON by test/helpers/derived-otlp.ts (derived data). Every figure
// is checked against the source file's own numbers, read here independently of the adapter.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SpanKind, SpanRecord } from '../../../src/domain/model.ts';
import { convertOtlpRequest } from '../../../src/sources/otlp/index.ts';
import { corpus } from '../../helpers/corpora.ts';
import { anyAgentToOtlp, langfuseToOtlp, type LangfuseExport } from '../../helpers/derived-otlp.ts';

type KindCounts = Partial<Record<SpanKind, number>>;

function kindCounts(spans: readonly SpanRecord[]): KindCounts {
  const counts: KindCounts = {};
  for (const s of spans) counts[s.kind] = (counts[s.kind] ?? 0) + 1;
  return counts;
}

/** Input tokens as semconv counts them (cache included), output including reasoning. */
function llmTotals(spans: readonly SpanRecord[]): { input: number; output: number } {
  let input = 0;
  let output = 0;
  for (const s of spans) {
    if (!s.usage) continue;
    input += s.usage.input + (s.usage.cacheRead ?? 0) + (s.usage.cacheWrite ?? 0) + (s.usage.cacheWrite1h ?? 0);
    output += s.usage.output;
  }
  return { input, output };
}

function read(dir: string, file: string): string {
  return fs.readFileSync(path.join(corpus(dir), file), 'utf8');
}

describe('any-agent traces (GenAI semconv) through OTLP/JSON', () => {
  // From the corpus README: spans, call_llm / execute_tool counts, input / output tokens, cost.
  const expected: Record<string, { spans: number; llm: number; tool: number; input: number; output: number; cost: number }> = {
    'AGNO_trace.json': { spans: 6, llm: 3, tool: 2, input: 1396, output: 74, cost: 0.000162 },
    'GOOGLE_trace.json': { spans: 7, llm: 3, tool: 3, input: 2251, output: 86, cost: 0.000251 },
    'LANGCHAIN_trace.json': { spans: 7, llm: 4, tool: 2, input: 1262, output: 125, cost: 0.000164 },
    'LLAMA_INDEX_trace.json': { spans: 9, llm: 5, tool: 3, input: 1308, output: 255, cost: 0.000207 },
    'OPENAI_trace.json': { spans: 6, llm: 3, tool: 2, input: 1020, output: 76, cost: 0.000125 },
    'SMOLAGENTS_trace.json': { spans: 7, llm: 3, tool: 3, input: 2294, output: 87, cost: 0.000255 },
    'TINYAGENT_trace.json': { spans: 8, llm: 4, tool: 3, input: 1369, output: 156, cost: 0.000184 },
  };

  for (const [file, want] of Object.entries(expected)) {
    describe(file, () => {
      const text = read('otel-genai-any-agent', file);
      const { batch, rejectedSpans } = convertOtlpRequest(anyAgentToOtlp(text));
      // The source's own figures, summed straight from its attribute dicts.
      const source = (JSON.parse(text) as { spans: Array<{ attributes: Record<string, unknown> }> }).spans;
      const sum = (key: string) => source.reduce((t, s) => t + (typeof s.attributes[key] === 'number' ? (s.attributes[key] as number) : 0), 0);

      it('converts every span, with the kinds of the source', () => {
        expect(rejectedSpans).toBe(0);
        expect(batch.rejections).toEqual([]);
        expect(batch.spans).toHaveLength(want.spans);
        expect(kindCounts(batch.spans)).toEqual({ AGENT: 1, LLM: want.llm, TOOL: want.tool });
      });

      it('token totals equal the sum of gen_ai.usage.* on the LLM spans', () => {
        expect(llmTotals(batch.spans)).toEqual({ input: want.input, output: want.output });
        expect(llmTotals(batch.spans)).toEqual({ input: sum('gen_ai.usage.input_tokens'), output: sum('gen_ai.usage.output_tokens') });
        // The invoke_agent span reports no usage of its own, so nothing is aggregate here.
        expect(batch.spans.filter((s) => s.aggregateUsage)).toHaveLength(0);
      });

      it('reported cost is the per-call input_cost + output_cost', () => {
        const cost = batch.spans.reduce((t, s) => t + (s.reportedCostUsd ?? 0), 0);
        expect(cost).toBeCloseTo(sum('gen_ai.usage.input_cost') + sum('gen_ai.usage.output_cost'), 12);
        expect(cost).toBeCloseTo(want.cost, 6);
      });

      it('nests calls and tools under invoke_agent (or marks the parent dangling) in one session', () => {
        const agent = batch.spans.find((s) => s.kind === 'AGENT')!;
        expect(agent.parentId).toBeNull();
        expect(agent.attributes?.agentName).toBe('any_agent');
        const children = batch.spans.filter((s) => s !== agent);
        if (file === 'GOOGLE_trace.json') {
          // Their parents are Google ADK spans that were never exported: the link is kept (it
          // could come in a later request) and points outside this request.
          const ids = new Set(batch.spans.map((s) => s.id));
          for (const child of children) {
            expect(String(child.parentId)).toMatch(/^otel:[0-9a-f]{32}:[0-9a-f]{16}$/);
            expect(ids.has(child.parentId!)).toBe(false);
          }
        } else {
          for (const child of children) expect(child.parentId).toBe(agent.id);
        }
        expect(batch.sessions).toHaveLength(1);
        expect(batch.sessions[0]).toMatchObject({ source: 'otlp', agentName: 'any_agent', status: 'completed' });
        expect(new Set(batch.spans.map((s) => s.sessionId))).toEqual(new Set([batch.sessions[0]!.id]));
        // Numbered by the finaliser over the whole session, not per request.
        expect(batch.spans.every((s) => s.seq === 0)).toBe(true);
      });

      it('tool spans carry the tool name and parsed arguments', () => {
        for (const tool of batch.spans.filter((s) => s.kind === 'TOOL')) {
          expect(tool.toolName).toBeTruthy();
          expect(tool.name).toBe(`execute_tool ${tool.toolName}`);
          expect(typeof tool.args).toBe('object');
        }
      });
    });
  }
});

describe('Langfuse framework exports through OTLP/JSON', () => {
  // Figures of the adapter, checked below against Langfuse's own per-generation usageDetails.
  const expected: Record<string, { spans: number; kinds: KindCounts; input: number; output: number; dangling: number }> = {
    'agno-2025-06-11.trace.json': { spans: 6, kinds: { AGENT: 1, LLM: 2, OTHER: 2, TOOL: 1 }, input: 826, output: 245, dangling: 0 },
    'beeai-2025-08-01.trace.json': { spans: 29, kinds: { AGENT: 18, LLM: 5, OTHER: 3, TOOL: 3 }, input: 5542, output: 0, dangling: 0 },
    'claude-agent-2025-12-22.trace.json': { spans: 7, kinds: { LLM: 4, OTHER: 1, TOOL: 2 }, input: 34, output: 232, dangling: 0 },
    'crewai-2025-07-11.trace.json': { spans: 6, kinds: { AGENT: 1, LLM: 1, OTHER: 4 }, input: 190, output: 164, dangling: 0 },
    'csharp-agent-with-gemini-2026-03-09.trace.json': { spans: 8, kinds: { LLM: 3, OTHER: 3, TOOL: 2 }, input: 8047, output: 414, dangling: 1 },
    'google-adk-2025-08-28.trace.json': { spans: 5, kinds: { AGENT: 1, LLM: 2, OTHER: 1, TOOL: 1 }, input: 67, output: 9, dangling: 0 },
    'koog-2025-08-26.trace.json': { spans: 11, kinds: { AGENT: 2, LLM: 2, OTHER: 5, TOOL: 2 }, input: 215, output: 125, dangling: 0 },
    'langgraph-js-2025-10-30.trace.json': { spans: 20, kinds: { LLM: 2, OTHER: 18 }, input: 321, output: 123, dangling: 0 },
    'microsoft-agent-2025-12-17.trace.json': { spans: 4, kinds: { AGENT: 1, LLM: 2, TOOL: 1 }, input: 293, output: 106, dangling: 0 },
    'openai-agents-2025-09-30.trace.json': { spans: 5, kinds: { AGENT: 2, LLM: 2, TOOL: 1 }, input: 140, output: 44, dangling: 0 },
    'pydantic-ai-tools-2025-12-04.trace.json': { spans: 12, kinds: { AGENT: 3, LLM: 4, OTHER: 2, TOOL: 3 }, input: 1315, output: 209, dangling: 0 },
    'vercel-aisdk-2025-11-17.trace.json': { spans: 3, kinds: { AGENT: 1, LLM: 1, TOOL: 1 }, input: 62, output: 85, dangling: 0 },
  };
  // GENERATION observations that wrap the real call (Vercel's generateText loop; Agno's
  // OpenAIChat.invoke around the OpenAI client span): aggregates, not calls.
  const wrappers = new Set(['1dc6768109615657', 'ca136de468e156c9', 'b38a82eaa62b551e']);

  const sumKeys = (details: Record<string, number>, prefix: string) =>
    Object.entries(details)
      .filter(([key]) => key === prefix || key.startsWith(`${prefix}_`))
      .reduce((t, [, n]) => t + n, 0);

  it('covers every export in the corpus', () => {
    const files = fs.readdirSync(corpus('langfuse-framework-traces')).filter((f) => f.endsWith('.trace.json'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [file, want] of Object.entries(expected)) {
    describe(file, () => {
      const text = read('langfuse-framework-traces', file);
      const source = JSON.parse(text) as LangfuseExport;
      const { batch, rejectedSpans } = convertOtlpRequest(langfuseToOtlp(text));
      const spanOf = (observationId: string) => batch.spans.find((s) => s.id === `otel:${source.trace.id}:${observationId}`)!;

      it('converts every observation, with the expected kinds', () => {
        expect(rejectedSpans).toBe(0);
        expect(batch.rejections).toEqual([]);
        expect(batch.spans).toHaveLength(source.observations.length);
        expect(batch.spans).toHaveLength(want.spans);
        expect(kindCounts(batch.spans)).toEqual(want.kinds);
      });

      it('keeps the parent links of the export; a parent never exported is dangling', () => {
        const ids = new Set(source.observations.map((o) => o.id));
        let dangling = 0;
        for (const obs of source.observations) {
          const span = spanOf(obs.id);
          if (obs.parentObservationId) {
            // Kept even when the parent was never exported (it could arrive in a later request).
            expect(span.parentId).toBe(`otel:${source.trace.id}:${obs.parentObservationId}`);
            if (!ids.has(obs.parentObservationId)) dangling += 1;
          } else {
            expect(span.parentId).toBeNull();
          }
        }
        expect(dangling).toBe(want.dangling);
        expect(batch.sessions).toHaveLength(1);
      });

      it('each model call carries exactly the usage Langfuse recorded for that generation', () => {
        for (const obs of source.observations) {
          const span = spanOf(obs.id);
          if (obs.type === 'GENERATION' && !wrappers.has(obs.id)) {
            expect(span.kind).toBe('LLM');
            const details = obs.usageDetails;
            if (Object.keys(details).length === 0) {
              expect(span.usage ?? null).toBeNull();
              continue;
            }
            const u = span.usage!;
            expect(u.input + (u.cacheRead ?? 0) + (u.cacheWrite ?? 0)).toBe(sumKeys(details, 'input'));
            expect(u.output).toBe(sumKeys(details, 'output'));
            if (details.total !== undefined) expect(u.input + u.output + (u.cacheRead ?? 0) + (u.cacheWrite ?? 0)).toBe(details.total);
          } else {
            // Agents, tools, chains and wrappers never count usage as their own.
            expect(span.kind).not.toBe('LLM');
            expect(span.usage ?? null).toBeNull();
          }
        }
        expect(llmTotals(batch.spans)).toEqual({ input: want.input, output: want.output });
      });

      it('aggregate usage on agent-level spans is kept apart, never added to the calls', () => {
        const aggregates = batch.spans.filter((s) => s.aggregateUsage);
        for (const s of aggregates) expect(s.kind).not.toBe('LLM');
        const callTotal = llmTotals(batch.spans);
        const everything = batch.spans.reduce((t, s) => t + (s.usage ? s.usage.input + (s.usage.cacheRead ?? 0) : 0), 0);
        expect(everything).toBe(callTotal.input);
      });
    });
  }

  it('Vercel: the generateText loop is AGENT with aggregate usage equal to its single doGenerate call', () => {
    const { batch } = convertOtlpRequest(langfuseToOtlp(read('langfuse-framework-traces', 'vercel-aisdk-2025-11-17.trace.json')));
    const loop = batch.spans.find((s) => s.name === 'ai.generateText')!;
    const call = batch.spans.find((s) => s.name === 'ai.generateText.doGenerate')!;
    expect(loop).toMatchObject({ kind: 'AGENT', usage: null });
    expect(loop.aggregateUsage).toMatchObject({ input: 62, output: 85 });
    expect(call).toMatchObject({ kind: 'LLM', parentId: loop.id, model: 'gpt-5-2025-08-07', provider: 'openai.responses' });
    expect(call.usage).toMatchObject({ input: 62, output: 85 });
    expect(batch.spans.find((s) => s.kind === 'TOOL')).toMatchObject({ toolName: 'getWeather', toolCallId: 'call_DgKARp7a7IhJPDczfifMp6Ra' });
  });

  it('Agno: OpenAIChat.invoke wrappers are OTHER with aggregate usage; the client spans are the calls', () => {
    const { batch } = convertOtlpRequest(langfuseToOtlp(read('langfuse-framework-traces', 'agno-2025-06-11.trace.json')));
    const wrapperSpans = batch.spans.filter((s) => s.name === 'OpenAIChat.invoke');
    expect(wrapperSpans).toHaveLength(2);
    for (const w of wrapperSpans) {
      expect(w).toMatchObject({ kind: 'OTHER', usage: null, attributes: expect.objectContaining({ llmWrapper: true }) });
      const children = batch.spans.filter((s) => s.parentId === w.id);
      expect(children.map((c) => c.kind)).toEqual(['LLM']);
    }
    expect(batch.sessions[0]!.id).toBe('otel:35cc6c90-b657-4819-b66c-c931c03ad569');
  });

  it('sessions follow gen_ai.conversation.id / session.id wherever in the trace they are set', () => {
    const sessionOf = (file: string) => convertOtlpRequest(langfuseToOtlp(read('langfuse-framework-traces', file))).batch.sessions;
    expect(sessionOf('koog-2025-08-26.trace.json')[0]!.id).toBe('otel:6f8d2449-33ed-4c7c-82e7-5410e34ee4e6');
    expect(sessionOf('google-adk-2025-08-28.trace.json')[0]!.id).toBe('otel:demo-session');
    expect(sessionOf('csharp-agent-with-gemini-2026-03-09.trace.json')[0]!.id).toBe('otel:9714061f-20c0-4d98-9220-1dc7df15c3c2');
    expect(sessionOf('vercel-aisdk-2025-11-17.trace.json')[0]!.id).toBe('otel:df41e597d0a85e0d7a6ae8ebfaa70aa0');
  });

  it('Pydantic AI: agent runs are AGENT with aggregate usage, calls carry operation.cost', () => {
    const { batch } = convertOtlpRequest(langfuseToOtlp(read('langfuse-framework-traces', 'pydantic-ai-tools-2025-12-04.trace.json')));
    const runs = batch.spans.filter((s) => s.kind === 'AGENT');
    expect(runs.map((r) => r.name).sort()).toEqual(['evaluator_agent run', 'joke_agent run', 'joke_agent run']);
    expect(runs.reduce((t, r) => t + (r.aggregateUsage?.input ?? 0), 0)).toBe(1315);
    expect(batch.spans.reduce((t, s) => t + (s.reportedCostUsd ?? 0), 0)).toBeCloseTo(0.00032265, 10);
  });

  it('resources are labelled derived', () => {
    const request = langfuseToOtlp(read('langfuse-framework-traces', 'crewai-2025-07-11.trace.json'));
    for (const rs of request.resourceSpans) {
      expect(rs.resource?.attributes).toContainEqual({ key: 'clawtrace.derived', value: { stringValue: 'true' } });
    }
    const { batch } = convertOtlpRequest(request);
    for (const s of batch.spans) expect(s.attributes?.derived).toBe(true);
  });
});
