// The golden TraceCards: which corpus sessions have one, and how the graph they are compiled from
// is built. Shared by the integration test (compares) and regenerate.ts (writes, on purpose only).
//
// Everything is imported into one project with `clawtrace import`'s code: OpenClaw (both trees), the
// two Claude Code corpora, and two any-agent OpenTelemetry traces (SDK span JSON, read by the
// otel-sdk-json adapter, which converts them through the OTLP converter: source `otlp`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { loadCardInput } from '../../src/graph/tracecard.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { buildTraceCard } from '../../src/tracecard/index.ts';
import type { CardInput } from '../../src/tracecard/types.ts';
import { corpus } from '../helpers/corpora.ts';

export const GOLDEN_DIR = path.dirname(fileURLToPath(import.meta.url));

export const OTLP_TRACES = ['AGNO', 'GOOGLE'] as const;

export interface GoldenCase {
  /** File name under test/golden/ (without .yaml). */
  name: string;
  sessionId: string;
}

export const GOLDEN_CASES: GoldenCase[] = [
  { name: 'openclaw-tree-a', sessionId: 'openclaw:3c0cbde4-a641-4a72-9fbb-85be3e57588b' },
  { name: 'openclaw-tree-b', sessionId: 'openclaw:684637ff-e673-46e4-a1a9-0de622f22f21' },
  { name: 'claude-code-coderabbit', sessionId: 'claude-code:cb2e607c-c758-415a-8b45-c49e4631906a' },
  { name: 'claude-code-claude-p', sessionId: 'claude-code:29ccd257-68b1-427f-ae5f-6524b7cb6f20' },
  { name: 'claude-code-spotter', sessionId: 'claude-code:fa812bfe-b295-4cca-9c2f-fdf01028cb46' },
  { name: 'otlp-agno', sessionId: 'otel:1de0532b350588ff152b1edf6bf358b3' },
  { name: 'otlp-google', sessionId: 'otel:cdbd7b99cef221c28dd6d03c27d09b4c' },
];

export const goldenPath = (name: string) => path.join(GOLDEN_DIR, `${name}.yaml`);

export const otlpTraceFile = (name: string) => corpus('otel-genai-any-agent', `${name}_trace.json`);

/** Imports every golden corpus into `projectId`; returns the ids of all sessions it holds. */
export async function importGoldenCorpora(graph: Graph, projectId: string): Promise<string[]> {
  const pricer = createPricer({});
  const report = await importFiles(graph, {
    paths: [corpus('openclaw-volvox-bot'), corpus('claude-code-log-real-projects'), corpus('claude-code-spotter'), ...OTLP_TRACES.map(otlpTraceFile)],
    projectId,
    pricer,
  });
  if (report.rejections.length) throw new Error(`corpus import rejected records: ${JSON.stringify(report.rejections.slice(0, 3))}`);
  return [...new Set(report.sessionIds)].sort();
}

export interface CompiledGolden {
  input: CardInput;
  yaml: string;
}

/** The card a golden file holds: the session's card at the default token budget. */
export async function goldenCard(graph: Graph, projectId: string, sessionId: string): Promise<CompiledGolden> {
  const input = await loadCardInput(graph, projectId, sessionId);
  if (!input) throw new Error(`no session ${sessionId} in the golden project`);
  return { input, yaml: buildTraceCard(input).yaml };
}
