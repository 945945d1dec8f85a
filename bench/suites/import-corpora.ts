// `clawtrace import` on the real transcripts in ../shared/corpora, as a user runs it: the CLI as its
// own process (so its peak RSS is its own, read by /usr/bin/time), one fresh project per corpus,
// then until an engine process on the same Neo4j reports nothing pending (when finalisation runs
// off the import path). Reported: MB/s and spans/s until the CLI exits and until finalised, peak RSS.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Graph } from '../../src/graph/driver.ts';
import { CORPORA, PROJECT_ROOT } from '../../test/helpers/corpora.ts';
import { pending, startBenchEngine } from '../engine.ts';
import type { SuiteResult } from '../harness.ts';

const SETS: Record<string, string[]> = {
  openclaw: ['openclaw-volvox-bot'].map((f) => path.join(CORPORA, f)),
  claudeCode: ['claude-code-log-real-projects', 'claude-code-spotter'].map((f) => path.join(CORPORA, f)),
};

/**
 * CLAWTRACE_BENCH_IMPORT_PATHS=/path/a:/path/b adds one more set (a real ~/.openclaw or ~/.claude
 * history is far larger than the corpora, which CLI start-up dominates).
 */
function sets(): Record<string, string[]> {
  const extra = (process.env.CLAWTRACE_BENCH_IMPORT_PATHS ?? '').split(':').filter(Boolean);
  return extra.length ? { ...SETS, local: extra } : SETS;
}

function bytesUnder(dir: string): number {
  if (fs.statSync(dir).isFile()) return fs.statSync(dir).size;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += bytesUnder(full);
    else if (entry.isFile() && !entry.name.endsWith('.md')) total += fs.statSync(full).size;
  }
  return total;
}

interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  peakRssMiB: number | null;
}

/** Runs the CLI under /usr/bin/time (peak RSS in KiB written to a file), against `neo4jUri`. */
function runCli(args: string[], neo4jUri: string): Promise<CliRun> {
  const timeFile = path.join(os.tmpdir(), `clawtrace-bench-time-${process.pid}-${Date.now()}`);
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%M', '-o', timeFile, process.execPath, '--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: neo4jUri },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((resolve) => {
    child.once('exit', (exitCode) => {
      const seconds = (performance.now() - started) / 1000;
      let peakRssMiB: number | null = null;
      try {
        const kib = Number(fs.readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
        if (Number.isFinite(kib)) peakRssMiB = Math.round(kib / 1024);
        fs.rmSync(timeFile, { force: true });
      } catch {
        // No /usr/bin/time output: RSS unknown.
      }
      resolve({ exitCode, stdout, stderr, seconds, peakRssMiB });
    });
  });
}

export async function importCorporaSuite(graph: Graph): Promise<SuiteResult> {
  const engine = await startBenchEngine(graph);
  const out: SuiteResult = {};
  try {
    for (const [name, paths] of Object.entries(sets())) {
      const bytes = paths.reduce((n, p) => n + bytesUnder(p), 0);
      const { projectId, key, done } = await engine.project(`bench-import-${name}`);
      const cli = await runCli(['import', ...paths, '--project', projectId, '--json'], graph.uri);
      const exitedAt = performance.now();
      const report = JSON.parse(cli.stdout.slice(cli.stdout.indexOf('{'))) as { spans: number; sessions: number; files: number; rejections: unknown[]; timings?: { parseMs: number; writeMs: number; finaliseMs: number } };
      // Finalised: nothing pending on the engine (immediately so while import finalises inline).
      while ((await pending(engine.url, key)) !== 0) await new Promise((resolve) => setTimeout(resolve, 100));
      const finalisedSeconds = cli.seconds + (performance.now() - exitedAt) / 1000;
      await done();
      const mb = bytes / 2 ** 20;
      out[name] = {
        paths: paths.map((p) => path.relative(PROJECT_ROOT, p)),
        files: report.files,
        megabytes: Math.round(mb * 10) / 10,
        sessions: report.sessions,
        spans: report.spans,
        rejected: report.rejections.length,
        exitCode: cli.exitCode,
        cliSeconds: Math.round(cli.seconds * 100) / 100,
        finalisedSeconds: Math.round(finalisedSeconds * 100) / 100,
        megabytesPerSecond: Math.round((mb / finalisedSeconds) * 100) / 100,
        spansPerSecond: Math.round(report.spans / finalisedSeconds),
        peakRssMiB: cli.peakRssMiB,
        timingsMs: report.timings ?? null,
        // Parse + write + finalise inside the CLI, without process start-up.
        spansPerSecondInImport: report.timings ? Math.round(report.spans / ((report.timings.parseMs + report.timings.writeMs + report.timings.finaliseMs) / 1000)) : null,
        note: 'includes the CLI process start (tsx, schema check): these corpora are small',
      };
    }
  } finally {
    await engine.stop();
  }
  return out;
}
