// Normalised sessions generated directly (no source format in between), for the analytics and API
// benches: each session alternates LLM calls and tool calls, with some repeated reads so
// redundancy detection has work to do. Deterministic for a given seed.
import type { NormalisedBatch, SessionRecord, SpanRecord } from '../src/domain/model.ts';
import { prng } from './generate.ts';

const MODELS = ['gpt-4o', 'claude-sonnet-4-5', 'gpt-4o-mini'] as const;
const TOOLS = ['read', 'exec', 'write', 'grep'] as const;

/** One session of `spans` spans (root + alternating LLM / TOOL), starting on `day` (0-based). */
export function syntheticSession(id: string, spans: number, seed: number, day = 0): NormalisedBatch {
  const random = prng(seed);
  const start = Date.UTC(2026, 0, 1 + (day % 28), 8) + Math.floor(random() * 3_600_000);
  const iso = (ms: number) => new Date(start + ms).toISOString();
  const sessionId = `bench:${id}`;
  const session: SessionRecord = { id: sessionId, source: 'otlp', externalId: id, agentId: `agent-${seed % 5}`, skill: `skill-${seed % 3}`, task: `benchmark task ${id}`, startedAt: iso(0), endedAt: iso(spans * 1000), status: 'completed' };
  const out: SpanRecord[] = [{ id: `${sessionId}:root`, sessionId, kind: 'AGENT', name: 'agent', seq: 0, startedAt: iso(0), endedAt: iso(spans * 1000) }];
  let lastLlm = `${sessionId}:root`;
  for (let i = 1; i < spans; i++) {
    const t = i * 1000;
    if (i % 2 === 1) {
      const model = MODELS[Math.floor(random() * MODELS.length)]!;
      lastLlm = `${sessionId}:llm:${i}`;
      out.push({
        id: lastLlm, sessionId, parentId: `${sessionId}:root`, kind: 'LLM', name: `chat ${model}`, seq: i, startedAt: iso(t), endedAt: iso(t + 800),
        model, provider: model.startsWith('claude') ? 'anthropic' : 'openai',
        usage: { input: 500 + Math.floor(random() * 8000), output: 20 + Math.floor(random() * 600), cacheRead: Math.floor(random() * 20_000), cacheWrite: 0, cacheWrite1h: 0, reasoning: 0 },
        textPreview: `step ${i}`,
      });
    } else {
      const tool = TOOLS[Math.floor(random() * TOOLS.length)]!;
      // Every tenth tool call re-reads file 0, so sessions carry some redundancy.
      const file = i % 10 === 0 ? 0 : Math.floor(random() * 50);
      out.push({
        id: `${sessionId}:tool:${i}`, sessionId, parentId: lastLlm, kind: 'TOOL', name: tool, seq: i, startedAt: iso(t + 800), endedAt: iso(t + 950),
        toolName: tool, toolCallId: `c${i}`, args: tool === 'exec' ? { command: `npm test -- ${file}` } : { path: `src/f${file}.ts` },
        result: `result ${tool} ${file}`, status: random() < 0.02 ? 'error' : 'ok',
      });
    }
  }
  return { sessions: [session], spans: out, spawns: [], rejections: [] };
}
