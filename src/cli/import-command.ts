// `clawtrace import <paths...>`: import transcripts and trace files, print a summary that ends with
// the most expensive sessions written and where to open them, exit non-zero when any record was
// rejected.
import { createPricer } from '../domain/cost/index.ts';
import { importFiles, type ImportReport } from '../ingest/import-files.ts';
import { readEnv } from '../config.ts';
import type { UnresolvedSpawn } from '../graph/spawns.ts';
import { UNRECOGNISED, type Format } from '../sources/discover.ts';
import type { Graph } from '../graph/driver.ts';
import type { SessionNode } from '../graph/sessions.ts';
import { withGraph } from './connect.ts';
import { engineAnswers, engineBaseUrl } from './explorer-link.ts';
import { importProgress } from './import-progress.ts';
import { fit, oneLine } from './text-width.ts';
import { formatTopSessions, readTopSessions, topSessionsReport } from './top-sessions.ts';

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
  const progress = importProgress();
  const run = (graph: Graph | undefined) =>
    importFiles(graph, {
      paths,
      projectId: options.project,
      pricer,
      format: options.format,
      skipArchives: [...(options.skipDeleted ? (['deleted'] as const) : []), ...(options.skipReset ? (['reset'] as const) : [])],
      dryRun: options.dryRun,
      ...progress.callbacks,
    });
  const { report, dearest } = options.dryRun
    ? { report: await run(undefined), dearest: [] as SessionNode[] }
    : await withGraph(async (graph) => {
        const written = await run(graph);
        return { report: written, dearest: await readTopSessions(graph, options.project, written.sessionIds) };
      });
  progress.done();
  const base = engineBaseUrl(env);
  const top = options.dryRun ? null : topSessionsReport(dearest, base, await engineAnswers(base));
  if (options.json) console.log(JSON.stringify(top ? { ...report, topSessions: top.sessions, explorerUrl: top.explorerUrl, engineRunning: top.engineRunning } : report, null, 2));
  else {
    printReport(report, Boolean(options.dryRun));
    if (top) console.log(formatTopSessions(top, options.project, process.stdout.columns || 80).join('\n'));
  }
  return report.rejections.length > 0 ? 1 : 0;
}

const usd = (n: number) => `$${n.toFixed(4)}`;

/** Lists longer than this are cut in the text summary (never in --json), saying how many more. */
const LIST_LIMIT = 20;

function listed<T>(items: readonly T[], line: (item: T) => string | string[], limit = LIST_LIMIT): string[] {
  const lines = items.slice(0, limit).flatMap(line);
  if (items.length > limit) lines.push(`    … and ${items.length - limit} more (use --json for all)`);
  return lines;
}

/** Text lines are cut to this width (a terminal's default); --json has every id in full. */
const WIDTH = 80;

/** `text` over as many lines as it needs within WIDTH, each starting with `indent` (cut at spaces). */
function wrapped(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(' ')) {
    if (line.trim() && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `${indent}  ${word}`;
    } else line = line.trim() ? `${line} ${word}` : `${line}${word}`;
  }
  return [...lines, line];
}

/** Three lines per spawn, each within WIDTH: status and parent session (+ label), spawn span, task. */
function spawnLines(spawn: UnresolvedSpawn): string[] {
  const indent = ' '.repeat(13);
  const label = spawn.label ? ` [${oneLine(spawn.label)}]` : '';
  return [
    fit(`    ${spawn.status.padEnd(8)} ${spawn.parentSessionId}${label}`, WIDTH),
    `${indent}spawn ${fit(spawn.spanId, WIDTH - indent.length - 6, 'start')}`,
    fit(`${indent}${spawn.task ? `task "${oneLine(spawn.task)}"` : 'no task recorded'}`, WIDTH),
  ];
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
    lines.push(`    (their parents' inclusive totals are lower bounds: a child is missing)`);
    lines.push(...listed(report.unresolvedSpawns, spawnLines));
  }
  lines.push(
    `  cost       ${priced('reported')}`,
    `             ${priced('computed')}`,
    `             ${priced('override')}`,
    `  unpriced   ${report.unpricedLlmCalls} LLM calls (no known price, or no usage: cost not guessed)`,
  );
  if (report.skipped.length) {
    lines.push(`  skipped    ${report.skipped.length} files:`);
    lines.push(...listed(report.skipped, (s) => `    ${s.file}: ${s.reason}`));
    if (report.skipped.some((s) => s.reason === UNRECOGNISED)) {
      lines.push(...wrapped(`formats read: ${report.acceptedFormats.join(', ')}`, '    '), '    to read a file as one of them: --format <name>');
    }
  }
  lines.push(`  rejected   ${report.rejections.length} records`);
  for (const r of report.rejections.slice(0, 200)) lines.push(`    ${r.location}: ${r.reason}`);
  if (report.rejections.length > 200) lines.push(`    … and ${report.rejections.length - 200} more (use --json for all)`);
  console.log(lines.join('\n'));
}
