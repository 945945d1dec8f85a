// Thousands of malformed records through the import path, /v1/traces and /v1/events: no crash,
// every bad record reported, every good record in the same batch stored.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { untilFinalised } from '../helpers/finalised.ts';
import { graphTotals } from '../helpers/graph-totals.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { malformedLine, randomJson, seeded } from '../helpers/malformed.ts';
import { startTestServer } from '../helpers/server.ts';

let graph: Graph;
beforeAll(async () => {
  graph = await connectTestGraph();
});
afterAll(async () => graph?.close());

/** A valid OpenClaw transcript of `turns` assistant messages, each with one tool call. */
function goodTranscriptLines(sessionId: string, turns: number): string[] {
  const lines = [JSON.stringify({ type: 'session', version: 3, id: sessionId, timestamp: '2026-03-01T10:00:00.000Z', cwd: '/w' })];
  let parent: string | null = null;
  let t = Date.parse('2026-03-01T10:00:01.000Z');
  const push = (id: string, message: unknown) => {
    lines.push(JSON.stringify({ type: 'message', id, parentId: parent, timestamp: new Date((t += 1000)).toISOString(), message }));
    parent = id;
  };
  push('u0', { role: 'user', content: [{ type: 'text', text: 'do the thing' }] });
  for (let i = 0; i < turns; i++) {
    push(`a${i}`, {
      role: 'assistant',
      content: [{ type: 'toolCall', id: `c${i}`, name: 'read', arguments: { path: `f${i}.ts` } }],
      provider: 'openai',
      model: 'gpt-5',
      usage: { input: 100, output: 10, cacheRead: 0, cacheWrite: 0, totalTokens: 110, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0.001 } },
      stopReason: 'toolUse',
    });
    push(`r${i}`, { role: 'toolResult', toolCallId: `c${i}`, toolName: 'read', content: [{ type: 'text', text: 'ok' }], isError: false });
  }
  return lines;
}

describe('malformed input never stops the valid rest', () => {
  it('import: 2,000 malformed lines interleaved with a valid transcript', async () => {
    const projectId = randomProjectId('fuzz-import');
    const random = seeded(1);
    const good = goodTranscriptLines('fuzz-session-1', 20);
    const mixed: string[] = [good[0]!];
    for (const line of good.slice(1)) {
      mixed.push(line);
      for (let i = 0; i < 48; i++) mixed.push(malformedLine(random));
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-fuzz-'));
    const file = path.join(dir, 'fuzz-session-1.jsonl');
    fs.writeFileSync(file, mixed.join('\n'));
    // A second file that is pure garbage, and a truncated one.
    fs.writeFileSync(path.join(dir, 'garbage.jsonl'), Array.from({ length: 100 }, () => malformedLine(random)).join('\n'));
    const report = await importFiles(graph, { paths: [dir], projectId, pricer: createPricer(), format: 'openclaw' });
    fs.rmSync(dir, { recursive: true, force: true });

    expect(report.rejections.length).toBeGreaterThan(1000);
    for (const r of report.rejections) expect(r.location).toMatch(/\.jsonl(:\d+)?/);
    const totals = await graphTotals(graph, projectId);
    expect(totals.spans).toBe(1 + 20 * 2); // root + 20 LLM + 20 tool spans, all stored
    expect(totals.costUsd).toBeCloseTo(0.02, 9);
  });

  it('/v1/traces: thousands of malformed spans beside valid ones', async () => {
    const projectId = randomProjectId('fuzz-otlp');
    const server: RunningServer = await startTestServer(graph, projectId);
    try {
      const random = seeded(2);
      const traceId = '0af7651916cd43dd8448eb211c80319c';
      const good = Array.from({ length: 50 }, (_, i) => ({
        traceId,
        spanId: (0x1000 + i).toString(16).padStart(16, '0'),
        name: 'chat gpt-4o',
        startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n),
        endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n + 500_000n),
        attributes: [
          { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
          { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
          { key: 'gen_ai.usage.input_tokens', value: { intValue: '100' } },
          { key: 'gen_ai.usage.output_tokens', value: { intValue: '10' } },
        ],
      }));
      const bad = Array.from({ length: 3000 }, () => randomJson(random));
      const body = JSON.stringify({ resourceSpans: [{ resource: {}, scopeSpans: [{ spans: [...good, ...bad] }] }] });
      const res = await fetch(`${server.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { partialSuccess?: { rejectedSpans: string; errorMessage: string } };
      expect(Number(answer.partialSuccess?.rejectedSpans)).toBeGreaterThan(2000);
      expect(answer.partialSuccess?.errorMessage).toMatch(/otlp span/);
      expect((await graphTotals(graph, projectId)).spans).toBe(50);

      const garbage = await fetch(`${server.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"resourceSpans": [' });
      expect(garbage.status).toBe(400);
      expect(await garbage.text()).toMatch(/Could not decode/);
    } finally {
      await server.close();
    }
  });

  it('/v1/events: malformed envelopes beside valid ones, NDJSON', async () => {
    const projectId = randomProjectId('fuzz-events');
    const server = await startTestServer(graph, projectId);
    try {
      const random = seeded(3);
      const envelope = (eventId: string, eventType: string, spanId: string, tsMs: number, payload: unknown) =>
        JSON.stringify({ schemaVersion: 1, agentId: 'fuzz', event: { eventId, eventType, traceId: 'trace-fuzz', spanId, parentSpanId: null, tsMs, payload } });
      const lines: string[] = [envelope('e-start', 'session_start', 'root', 1000, {})];
      for (let i = 0; i < 10; i++) {
        lines.push(envelope(`e-${i}-b`, 'tool_before_call', `tool-${i}`, 2000 + i * 10, { toolName: 'read', args: { path: `f${i}` } }));
        lines.push(envelope(`e-${i}-a`, 'tool_after_call', `tool-${i}`, 2005 + i * 10, { toolName: 'read', result: 'ok' }));
        // Oversized lines are cut to 5 kB here (still malformed) so the body stays under the 32 MB limit.
        for (let j = 0; j < 200; j++) lines.push(random() < 0.5 ? malformedLine(random).slice(0, 5000) : JSON.stringify(randomJson(random)));
      }
      const res = await fetch(`${server.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines.join('\n') });
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { accepted: number; rejected: number; rejections: Array<{ location: string; reason: string }> };
      expect(answer.rejected).toBeGreaterThan(1500);
      expect(answer.rejections[0]?.location).toMatch(/line \d+|\[\d+\]/);
      expect(answer.accepted).toBe(21);
      // Plugin events become spans when their session is finalised (DESIGN §5): wait for it.
      await untilFinalised(graph, projectId);
      expect((await graphTotals(graph, projectId)).spans).toBeGreaterThanOrEqual(10);
    } finally {
      await server.close();
    }
  });
});
