// Precision of the redundancy findings, per kind, on the real corpora, against a hand-labelled
// sample (test/fixtures/redundancy-labels/labels.json: every finding these corpora produce, every
// same-session repeat the detector leaves alone, and the findings issue 14 showed wrong). Imports
// the OpenClaw, Claude Code and τ-bench corpora, recomputes the findings and fails when:
//   - a finding has no label (label it: the sample must cover everything the detector says);
//   - a label names a span the import did not produce (span ids must stay stable);
//   - precision of any kind is below 95 % (a finding is right when its label has the same kind).
// Recall per kind (flagged / labelled as that kind) is printed: the labels include the waste the
// detector misses.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPricer } from '../../src/domain/cost/index.ts';
import { FINDING_KINDS } from '../../src/domain/redundancy/kinds.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { redundancyFindings, type RedundancyFinding } from '../../src/graph/redundancy.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { corpus, PROJECT_ROOT } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

interface Label {
  source: 'openclaw' | 'claude-code' | 'tau-bench';
  corpus: string;
  span: string;
  repeats: string | null;
  kind: string | null;
  reason: string;
}

const LABELS_PATH = path.join(PROJECT_ROOT, 'test', 'fixtures', 'redundancy-labels', 'labels.json');
const labels = (JSON.parse(fs.readFileSync(LABELS_PATH, 'utf8')) as { labels: Label[] }).labels;
const MIN_PRECISION = 0.95;

const CORPORA = [
  corpus('openclaw-volvox-bot', 'agents', 'build', 'sessions'),
  corpus('claude-code-spotter'),
  corpus('claude-code-log-real-projects'),
  corpus('tau-bench'),
];

let graph: Graph;
let projectId: string;
let findings: RedundancyFinding[];

beforeAll(async () => {
  graph = await connectTestGraph();
  projectId = randomProjectId('redundancy-precision');
  await importFiles(graph, { paths: CORPORA, projectId, pricer: createPricer() });
  findings = await redundancyFindings(graph, projectId, { limit: 10_000 });
}, 240_000);
afterAll(async () => graph?.close());

interface KindScore {
  kind: string;
  flagged: number;
  right: number;
  labelled: number;
  precision: number | null;
  recall: number | null;
}

function scores(): KindScore[] {
  const bySpan = new Map(labels.map((l) => [l.span, l]));
  return FINDING_KINDS.map((kind) => {
    const flagged = findings.filter((f) => f.kind === kind);
    const right = flagged.filter((f) => bySpan.get(f.spanId)?.kind === kind).length;
    const labelled = labels.filter((l) => l.kind === kind).length;
    return {
      kind,
      flagged: flagged.length,
      right,
      labelled,
      precision: flagged.length ? right / flagged.length : null,
      recall: labelled ? right / labelled : null,
    };
  });
}

describe('redundancy findings against the labelled sample', () => {
  it('is a sample of at least 150 labels from OpenClaw and Claude Code, each with a one-line reason', () => {
    expect(labels.length).toBeGreaterThanOrEqual(150);
    expect(new Set(labels.map((l) => l.source))).toEqual(new Set(['openclaw', 'claude-code', 'tau-bench']));
    for (const l of labels) {
      expect(l.reason.trim().length, l.span).toBeGreaterThan(10);
      expect(l.reason, l.span).not.toContain('\n');
      if (l.kind !== null) expect(FINDING_KINDS as readonly string[], l.span).toContain(l.kind);
    }
    expect(new Set(labels.map((l) => l.span)).size).toBe(labels.length);
    // Every kind these corpora can produce is labelled; both sources carry waste labels.
    const kinds = new Set(labels.flatMap((l) => (l.kind ? [l.kind] : [])));
    for (const kind of ['poll_loop', 'handoff', 'reread', 'exact_duplicate', 'failed_retry']) expect(kinds, kind).toContain(kind);
    for (const source of ['openclaw', 'claude-code'] as const) {
      expect(labels.some((l) => l.source === source && l.kind !== null), source).toBe(true);
      expect(labels.some((l) => l.source === source && l.kind === null), source).toBe(true);
    }
  });

  it('names only spans the import produced (ids are stable across imports)', async () => {
    const ids = labels.map((l) => l.span);
    const rows = await graph.read('session/spans-by-ids', { projectId, ids });
    const found = new Set(rows.map((r) => String((r.span as { id: string }).id)));
    expect(ids.filter((id) => !found.has(id))).toEqual([]);
  });

  it('has a label for every finding the detector makes', () => {
    const labelled = new Set(labels.map((l) => l.span));
    expect(findings.filter((f) => !labelled.has(f.spanId)).map((f) => `${f.kind} ${f.spanId}`)).toEqual([]);
  });

  it(`is at least ${MIN_PRECISION * 100} % precise for every kind it reports`, () => {
    const table = scores();
    const pct = (x: number | null) => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
    console.log(
      ['kind                  flagged right labelled precision recall', ...table.map((s) =>
        `${s.kind.padEnd(22)}${String(s.flagged).padStart(7)}${String(s.right).padStart(6)}${String(s.labelled).padStart(9)}   ${pct(s.precision)} ${pct(s.recall)}`,
      )].join('\n'),
    );
    const wrong = findings
      .filter((f) => labels.find((l) => l.span === f.spanId)?.kind !== f.kind)
      .map((f) => `${f.kind} ${f.spanId}: ${labels.find((l) => l.span === f.spanId)?.reason ?? 'unlabelled'}`);
    for (const s of table) {
      if (s.precision !== null) expect(s.precision, `${s.kind}: ${wrong.join('; ')}`).toBeGreaterThanOrEqual(MIN_PRECISION);
    }
    // Something is measured for each kind the corpora produce.
    expect(table.filter((s) => s.flagged > 0).map((s) => s.kind).sort()).toEqual(
      ['exact_duplicate', 'failed_retry', 'handoff', 'poll_loop', 'reread'],
    );
  });
});
