// The any-agent and Langfuse framework traces (converted to OTLP: derived data) POSTed to
// /v1/traces, alternately as JSON and protobuf: the graph holds the spans, kinds, nesting and
// token totals of the source, and a second POST changes nothing.
import { untilFinalised } from '../helpers/finalised.ts';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { convertOtlpRequest, encodeOtlpProtobuf, type ExportTraceServiceRequestLike } from '../../src/sources/otlp/index.ts';
import { corpus } from '../helpers/corpora.ts';
import { anyAgentToOtlp, langfuseToOtlp } from '../helpers/derived-otlp.ts';
import { graphTotals } from '../helpers/graph-totals.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { startTestServer } from '../helpers/server.ts';

let graph: Graph;
let server: RunningServer;
beforeAll(async () => {
  graph = await connectTestGraph();
});
afterAll(async () => {
  await server?.close();
  await graph?.close();
});

const traces: Array<{ name: string; request: ExportTraceServiceRequestLike }> = [
  ...fs
    .readdirSync(corpus('otel-genai-any-agent'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, request: anyAgentToOtlp(fs.readFileSync(path.join(corpus('otel-genai-any-agent'), f), 'utf8')) })),
  ...fs
    .readdirSync(corpus('langfuse-framework-traces'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, request: langfuseToOtlp(fs.readFileSync(path.join(corpus('langfuse-framework-traces'), f), 'utf8')) })),
];

async function post(url: string, request: ExportTraceServiceRequestLike, asProtobuf: boolean): Promise<Response> {
  return fetch(`${url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': asProtobuf ? 'application/x-protobuf' : 'application/json' },
    body: asProtobuf ? encodeOtlpProtobuf(request) : JSON.stringify(request),
  });
}

describe('OTel framework traces through /v1/traces into the graph', () => {
  it('has all 19 traces to send', () => expect(traces).toHaveLength(19));

  traces.forEach(({ name, request }, index) => {
    it(`${name}: spans, kinds, nesting and tokens as the source`, async () => {
      const projectId = randomProjectId('otlp-corpus');
      server = await startTestServer(graph, projectId);
      try {
        const expected = convertOtlpRequest(request).batch;
        const res = await post(server.url, request, index % 2 === 1);
        expect(res.status).toBe(200);
        await untilFinalised(graph, projectId);
        const rows = await graph.read('test-support/project-spans', { projectId });
        expect(rows).toHaveLength(expected.spans.length);
        const kinds = (list: Array<{ kind: unknown }>) => list.map((s) => String(s.kind)).sort();
        expect(kinds(rows as Array<{ kind: unknown }>)).toEqual(kinds(expected.spans));
        const byId = new Map(rows.map((r) => [String(r.id), r]));
        for (const span of expected.spans) {
          const stored = byId.get(span.id)!;
          expect(stored.parentId ?? null).toBe(span.parentId ?? null);
          expect(stored.inputTokens ?? null).toBe(span.usage?.input ?? null);
          expect(stored.outputTokens ?? null).toBe(span.usage?.output ?? null);
        }
        const before = await graphTotals(graph, projectId);
        expect((await post(server.url, request, index % 2 === 0)).status).toBe(200);
        await untilFinalised(graph, projectId);
        expect(await graphTotals(graph, projectId)).toEqual(before);
      } finally {
        await server.close();
      }
    });
  });
});
