// `clawtrace import`: discover → parse each group → ingest (or just report, with --dry-run) →
// finalise all touched sessions once. Used by the CLI and by tests.
import type { Pricer } from '../domain/cost/index.ts';
import { mergeBatches } from '../domain/model.ts';
import { isGraphUnavailable, type Graph } from '../graph/driver.ts';
import { recordOutcomes } from '../graph/costcraft.ts';
import { drainDirtySessions } from '../graph/finaliser.ts';
import { unresolvedSpawns, type UnresolvedSpawn } from '../graph/spawns.ts';
import { discover, FORMATS, type ArchiveKind, type Format } from '../sources/discover.ts';
import { parseGroup, type ParsedGroup } from '../sources/parse-group.ts';
import { ingestBatch, summarise, type IngestSummary } from './pipeline.ts';
import { prepareBatch } from './prepare.ts';
import { validateBatch } from './validate.ts';

/** Spans per write: groups are buffered until they hold this many (see ingest/CHUNK_ROWS). */
export const WRITE_BATCH_SPANS = 10_000;

export interface ImportOptions {
  paths: string[];
  projectId: string;
  pricer: Pricer;
  format?: Format;
  /** OpenClaw archives to leave out (`--skip-deleted`, `--skip-reset`). */
  skipArchives?: readonly ArchiveKind[];
  dryRun?: boolean;
  onGroup?: (label: string) => void;
  onStart?: (groups: number) => void;
  /**
   * Progress in units a user can follow, so a bar advances within a folder: each file read
   * (`files` in all, known at the start), the spans each parsed group brings to write, each
   * committed slice of spans (ingest writes ≤ 2,500 per transaction), then the sessions to
   * finalise and each finaliser round's share.
   */
  onFilesFound?: (files: number) => void;
  onFile?: (file: string) => void;
  onParsed?: (spans: number) => void;
  onWritten?: (spans: number) => void;
  onFinalising?: (sessions: number) => void;
  onFinalised?: (sessions: number) => void;
}

export interface ImportReport extends IngestSummary {
  files: number;
  /** Where the time went, for the summary and the bench. */
  timings: { parseMs: number; writeMs: number; finaliseMs: number };
  skipped: Array<{ file: string; reason: string }>;
  /**
   * Every spawn of the imported sessions with no child session: missing, pending or refused, as
   * they stand after finalisation (a child imported earlier is linked by then). A parent listed
   * here has an inclusive total that is a lower bound.
   */
  unresolvedSpawns: UnresolvedSpawn[];
  /** The formats `import` reads (what `--format` accepts), for the summary of skipped files. */
  acceptedFormats: readonly Format[];
}

/** Dry run: the spawns the files leave without a child, as the adapters saw them. */
function parsedUnresolvedSpawns(batch: ParsedGroup): UnresolvedSpawn[] {
  const startOf = new Map(batch.spans.map((span) => [span.id, span.startedAt ?? null]));
  return batch.spawns
    .filter((spawn) => spawn.status !== 'linked')
    .map((spawn) => ({
      status: spawn.status as UnresolvedSpawn['status'],
      parentSessionId: spawn.parentSessionId,
      spanId: spawn.spanId,
      task: spawn.task ?? null,
      label: spawn.label ?? null,
      startedAt: startOf.get(spawn.spanId) ?? null,
    }));
}

function addInto(total: ImportReport, part: IngestSummary): void {
  total.sessions += part.sessions;
  total.spans += part.spans;
  for (const key of Object.keys(total.spawns) as Array<keyof IngestSummary['spawns']>) total.spawns[key] += part.spawns[key];
  for (const key of Object.keys(total.costBySource) as Array<keyof IngestSummary['costBySource']>) {
    total.costBySource[key].spans += part.costBySource[key].spans;
    total.costBySource[key].usd += part.costBySource[key].usd;
  }
  total.unpricedLlmCalls += part.unpricedLlmCalls;
  total.rejections.push(...part.rejections);
  total.sessionIds.push(...part.sessionIds);
}

/** The spawn counts say what the list says: after finalisation a child imported earlier is linked. */
function countSpawnsAsTheyStand(report: ImportReport): void {
  const total = Object.values(report.spawns).reduce((n, count) => n + count, 0);
  const unresolved = { missing: 0, pending: 0, refused: 0 };
  for (const spawn of report.unresolvedSpawns) unresolved[spawn.status]++;
  report.spawns = { linked: Math.max(0, total - report.unresolvedSpawns.length), ...unresolved };
}

export async function importFiles(graph: Graph | undefined, options: ImportOptions): Promise<ImportReport> {
  const { groups, skipped } = discover(options.paths, { format: options.format, skipArchives: options.skipArchives });
  options.onStart?.(groups.length);
  const report: ImportReport = {
    files: groups.reduce((n, g) => n + g.files.length, 0),
    timings: { parseMs: 0, writeMs: 0, finaliseMs: 0 },
    skipped,
    unresolvedSpawns: [],
    acceptedFormats: FORMATS,
    ...summarise({ sessions: [], spans: [], parents: [], models: [], tools: [], spawns: [], traceAliases: [], touchedSessionIds: [] }, []),
  };
  const touched = new Set<string>();
  const pending: Array<{ group: (typeof groups)[number]; batch: ParsedGroup }> = [];
  let pendingSpans = 0;

  const groupDone = (group: (typeof groups)[number]) => options.onGroup?.(`${group.format} ${group.key}`);
  options.onFilesFound?.(report.files);
  const filesRead = new Set<string>();
  const fileRead = (file: string) => {
    if (filesRead.has(file)) return;
    filesRead.add(file);
    options.onFile?.(file);
  };

  /** Writes one batch of groups; a group that cannot be stored is reported like a rejected record. */
  const write = async (items: typeof pending): Promise<void> => {
    const started = performance.now();
    let failure: unknown = null;
    try {
      const batch = mergeBatches(items.map((item) => item.batch));
      const summary = await ingestBatch(graph!, options.projectId, batch, options.pricer, { finalise: false, onWritten: options.onWritten });
      // Sources with recorded outcomes (τ-bench rewards and oracle mismatches) store them too.
      const outcomes = items.flatMap((item) => item.batch.outcomes ?? []);
      if (outcomes.length) await recordOutcomes(graph!, options.projectId, outcomes);
      summary.touchedSessionIds.forEach((id) => touched.add(id));
      addInto(report, summary);
      items.forEach((item) => groupDone(item.group));
    } catch (error) {
      failure = error;
    }
    report.timings.writeMs += performance.now() - started;
    if (failure === null) return;
    // The database going away is not the input's fault: stop and say so (re-running is safe).
    if (isGraphUnavailable(failure)) throw failure;
    // Find the group at fault: write them one by one, so the others still land.
    if (items.length > 1) {
      for (const item of items) await write([item]);
      return;
    }
    report.rejections.push({ location: items[0]!.group.key, reason: `could not import: ${(failure as Error).message}` });
    groupDone(items[0]!.group);
  };

  for (const group of groups) {
    const started = performance.now();
    let batch: ParsedGroup;
    try {
      batch = await parseGroup(group, fileRead);
    } catch (error) {
      // A failing group must not stop the others; it is reported like any rejected record.
      report.rejections.push({ location: group.key, reason: `could not import: ${(error as Error).message}` });
      groupDone(group);
      continue;
    } finally {
      report.timings.parseMs += performance.now() - started;
      // Single-file groups, and files of a group that failed before reading them all.
      group.files.forEach(fileRead);
    }
    if (options.dryRun || !graph) {
      const valid = validateBatch(batch);
      addInto(report, summarise(prepareBatch(valid, options.pricer), valid.rejections));
      report.unresolvedSpawns.push(...parsedUnresolvedSpawns(batch));
      groupDone(group);
      continue;
    }
    // Small files (one session each) are written together: a few large UNWIND batches instead of
    // thousands of small transactions.
    pending.push({ group, batch });
    pendingSpans += batch.spans.length;
    options.onParsed?.(batch.spans.length);
    if (pendingSpans >= WRITE_BATCH_SPANS) {
      await write(pending.splice(0));
      pendingSpans = 0;
    }
  }
  if (pending.length) await write(pending.splice(0));
  const finaliseStarted = performance.now();
  // Everything written is marked dirty; finalise it here (with any engine finaliser on the same
  // database taking its share), so the import returns with final data.
  if (graph && !options.dryRun && touched.size > 0) {
    options.onFinalising?.(touched.size);
    let finalised = 0;
    const onFinalised = (sessions: number) => {
      finalised += sessions;
      options.onFinalised?.(sessions);
    };
    await drainDirtySessions(graph, options.projectId, { onFinalised });
    // The rest were finalised by another finaliser on the same database (an engine running).
    if (finalised < touched.size) options.onFinalised?.(touched.size - finalised);
  }
  report.timings.finaliseMs = performance.now() - finaliseStarted;
  if (graph && !options.dryRun) report.unresolvedSpawns = await unresolvedSpawns(graph, options.projectId, [...new Set(report.sessionIds)]);
  countSpawnsAsTheyStand(report);
  for (const key of Object.keys(report.timings) as Array<keyof ImportReport['timings']>) report.timings[key] = Math.round(report.timings[key]);
  return report;
}
