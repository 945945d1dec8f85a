// `clawtrace import <paths...>`: import transcripts and trace files, print a summary, exit non-zero
// when any record was rejected.
import { createPricer } from '../domain/cost/index.ts';
import { importFiles, type ImportReport } from '../ingest/import-files.ts';
import { readEnv } from '../config.ts';
import type { UnresolvedSpawn } from '../graph/spawns.ts';
import { UNRECOGNISED, type Format } from '../sources/discover.ts';
import { withGraph } from './connect.ts';
import { createProgress, type Progress } from './progress.ts';

export interface ImportCommandOptions {
  format?: Format;
  skipDeleted?: boolean;
  skipReset?: boolean;
  dryRun?: boolean;
  project: string;
  json?: boolean;
}

export async function runImport(paths: string[], options: ImportCommandOptions): Promise<number> {
  const env = readEnv();
  const pricer = createPricer({ overridesFile: env.CLAWTRACE_PRICES });
  let progress: Progress | undefined;
  const run = (graph: Parameters<typeof importFiles>[0]) =>
    importFiles(graph, {
      paths,
      projectId: options.project,
      pricer,
      format: options.format,
      skipArchives: [...(options.skipDeleted ? (['deleted'] as const) : []), ...(options.skipReset ? (['reset'] as const) : [])],
      dryRun: options.dryRun,
      onStart: (groups) => (progress = createProgress(groups, 'import')),
      onGroup: (label) => progress?.tick(label),
    });
  const report = options.dryRun ? await run(undefined) : await withGraph(run);
  progress?.done();
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else printReport(report, Boolean(options.dryRun));
  return report.rejections.length > 0 ? 1 : 0;
}

const usd = (n: number) => `$${n.toFixed(4)}`;

/** Lists longer than this are cut in the text summary (never in --json), saying how many more. */
const LIST_LIMIT = 20;

function listed<T>(items: readonly T[], line: (item: T) => string, limit = LIST_LIMIT): string[] {
  const lines = items.slice(0, limit).map(line);
  if (items.length > limit) lines.push(`    … and ${items.length - limit} more (use --json for all)`);
  return lines;
}

function spawnLine(spawn: UnresolvedSpawn): string {
  const what = spawn.task ? `task "${oneLine(spawn.task, 80)}"` : 'no task recorded';
  const label = spawn.label ? ` [${oneLine(spawn.label, 40)}]` : '';
  return `    ${spawn.status.padEnd(8)} ${spawn.parentSessionId} spawn ${spawn.spanId}${label}: ${what}`;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function printReport(report: ImportReport, dryRun: boolean): void {
  const priced = (key: keyof ImportReport['costBySource']) =>
    `${key} ${usd(report.costBySource[key].usd)} (${report.costBySource[key].spans} calls)`;
  const lines = [
    `${dryRun ? 'Parsed (dry run, nothing written)' : 'Imported'}: ${report.files} files`,
    `  sessions   ${report.sessions}`,
    `  spans      ${report.spans}`,
    `  sub-agents ${report.spawns.linked} linked, ${report.spawns.missing} missing, ${report.spawns.refused} refused` +
      (report.spawns.pending ? `, ${report.spawns.pending} pending` : ''),
  ];
  if (report.unresolvedSpawns.length) {
    lines.push(`    (the inclusive totals of these parents are lower bounds: their children's cost is not in the graph)`);
    lines.push(...listed(report.unresolvedSpawns, spawnLine));
  }
  lines.push(
    `  cost       ${priced('reported')}, ${priced('computed')}, ${priced('override')}`,
    `  unpriced   ${report.unpricedLlmCalls} LLM calls: model without a known price, or no usage (cost not guessed)`,
  );
  if (report.skipped.length) {
    lines.push(`  skipped    ${report.skipped.length} files:`);
    lines.push(...listed(report.skipped, (s) => `    ${s.file}: ${s.reason}`));
    if (report.skipped.some((s) => s.reason === UNRECOGNISED)) {
      lines.push(`    formats read: ${report.acceptedFormats.join(', ')}; to read a file as one of them: --format <name>`);
    }
  }
  lines.push(`  rejected   ${report.rejections.length} records`);
  for (const r of report.rejections.slice(0, 200)) lines.push(`    ${r.location}: ${r.reason}`);
  if (report.rejections.length > 200) lines.push(`    … and ${report.rejections.length - 200} more (use --json for all)`);
  console.log(lines.join('\n'));
}
