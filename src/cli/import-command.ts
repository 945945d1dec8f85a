// `clawtrace import <paths...>`: import transcripts and trace files, print a summary, exit non-zero
// when any record was rejected.
import { createPricer } from '../domain/cost/index.ts';
import { importFiles, type ImportReport } from '../ingest/import-files.ts';
import { readEnv } from '../config.ts';
import type { Format } from '../sources/discover.ts';
import { withGraph } from './connect.ts';
import { createProgress, type Progress } from './progress.ts';

export interface ImportCommandOptions {
  format?: Format;
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

export function printReport(report: ImportReport, dryRun: boolean): void {
  const lines = [
    `${dryRun ? 'Parsed (dry run, nothing written)' : 'Imported'}: ${report.files} files`,
    `  sessions   ${report.sessions}`,
    `  spans      ${report.spans}`,
    `  sub-agents ${report.spawns.linked} linked, ${report.spawns.missing} missing, ${report.spawns.refused} refused` +
      (report.spawns.pending ? `, ${report.spawns.pending} pending` : ''),
    `  cost       reported ${usd(report.costBySource.reported.usd)} (${report.costBySource.reported.spans} spans), ` +
      `computed ${usd(report.costBySource.computed.usd)} (${report.costBySource.computed.spans}), ` +
      `override ${usd(report.costBySource.override.usd)} (${report.costBySource.override.spans})`,
    `  unpriced   ${report.unpricedLlmCalls} LLM calls (unknown model: cost not guessed)`,
  ];
  if (report.skipped.length) {
    lines.push(`  skipped    ${report.skipped.length} files that are not traces:`);
    for (const s of report.skipped.slice(0, 20)) lines.push(`    ${s.file}: ${s.reason}`);
  }
  lines.push(`  rejected   ${report.rejections.length} records`);
  for (const r of report.rejections.slice(0, 200)) lines.push(`    ${r.location}: ${r.reason}`);
  if (report.rejections.length > 200) lines.push(`    … and ${report.rejections.length - 200} more (use --json for all)`);
  console.log(lines.join('\n'));
}
