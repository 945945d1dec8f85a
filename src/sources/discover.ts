// Finds trace files under the paths given to `clawtrace import`, detects their format from the
// name and first lines (OpenClaw 2026.9+ SQLite stores: the SQLite header and schema), and groups them so that sub-agent transcripts are parsed together with
// their parents (one OpenClaw sessions folder, one Claude Code project folder).
import fs from 'node:fs';
import path from 'node:path';
import { isClaudeCodeTranscript } from './claude-code/index.ts';
import { isLangfuseExport } from './langfuse/index.ts';
import { isOpenClawStore, isOpenClawTranscript, isSqliteCompanion } from './openclaw/index.ts';
import { openClawArtefactReason, readTranscriptFileName } from './openclaw/file-name.ts';
import { readTranscriptText } from './openclaw/read-files.ts';
import { isOtelSdkJson } from './otel-sdk-json/index.ts';
import { isSweAgentTrajectory } from './swe-agent/index.ts';

export const FORMATS = ['openclaw', 'claude-code', 'otlp-json', 'events', 'tau-bench', 'langfuse', 'otel-sdk-json', 'swe-agent'] as const;
export type Format = (typeof FORMATS)[number];

export interface ImportGroup {
  format: Format;
  /** The folder (or file) the group stands for, used in progress lines. */
  key: string;
  files: string[];
  /** OpenClaw: the sessions.json index beside the transcripts and runs.json of the install. */
  sessionsJson?: string;
  runsJson?: string;
}

/** Archived OpenClaw transcripts a user can leave out (`--skip-deleted`, `--skip-reset`). */
export type ArchiveKind = 'deleted' | 'reset';

export interface DiscoverOptions {
  format?: Format;
  /** OpenClaw archive kinds not to import. */
  skipArchives?: readonly ArchiveKind[];
}

export interface Discovery {
  groups: ImportGroup[];
  /** Files that are not traces in any known format (reported, not silently ignored). */
  skipped: Array<{ file: string; reason: string }>;
}

const HEAD_BYTES = 64 * 1024;

function walk(target: string, out: string[]): void {
  const stat = fs.statSync(target);
  if (stat.isFile()) {
    out.push(target);
    return;
  }
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

function firstLines(file: string, count = 5): string[] {
  // OpenClaw compresses archived transcripts (`.jsonl.reset.<ts>.zst`): look at what they hold.
  if (readTranscriptFileName(file)?.compressed) {
    try {
      return readTranscriptText(file).slice(0, HEAD_BYTES).split('\n').slice(0, count);
    } catch {
      return [];
    }
  }
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = fs.readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, read).toString('utf8').split('\n').slice(0, count);
  } finally {
    fs.closeSync(fd);
  }
}

export function detectFormat(file: string): Format | undefined {
  const name = path.basename(file);
  if (name.endsWith('.lock')) return undefined;
  if (isOpenClawStore(file)) return 'openclaw';
  const lines = firstLines(file);
  const first = lines[0] ?? '';
  if (isOpenClawTranscript(name, first)) return 'openclaw';
  if (isClaudeCodeTranscript(file, lines)) return 'claude-code';
  if (/\.json$/.test(name) && /"resourceSpans"/.test(lines.join('\n'))) return 'otlp-json';
  if (/"eventType"/.test(first) && /"event"\s*:/.test(first)) return 'events';
  // τ-bench historical trajectories: a JSON array of {task_id, reward, info, traj}.
  if (/\.json$/.test(name) && /^\s*\[\s*\{\s*"task_id"/.test(lines.join('\n'))) return 'tau-bench';
  // Formats whose telling keys may come after the first lines: the whole head is read.
  const head = firstLines(file, Infinity).join('\n');
  if (isLangfuseExport(name, head)) return 'langfuse';
  if (isOtelSdkJson(name, head)) return 'otel-sdk-json';
  if (isSweAgentTrajectory(name, head)) return 'swe-agent';
  return undefined;
}

/** The folder whose files belong together: Claude Code sub-agents live in <project>/<sid>/subagents/. */
function groupFolder(format: Format, file: string): string {
  const dir = path.dirname(file);
  if (format === 'claude-code' && path.basename(dir) === 'subagents') return path.dirname(path.dirname(dir));
  return dir;
}

/** The reason given for a file in no known format (the summary then lists the formats). */
export const UNRECOGNISED = 'not a recognised trace format';

/** Why a file is not imported: a known artefact says what it is. */
function skipReason(file: string): string {
  return openClawArtefactReason(file) ?? UNRECOGNISED;
}

/** The OpenClaw archive kind a skip flag leaves out, when `file` is one. */
function skippedArchive(file: string, skip: readonly ArchiveKind[]): ArchiveKind | null {
  const kind = readTranscriptFileName(file)?.kind;
  return kind === 'deleted' || kind === 'reset' ? (skip.includes(kind) ? kind : null) : null;
}

export function discover(paths: string[], options: DiscoverOptions = {}): Discovery {
  const forced = options.format;
  const files: string[] = [];
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new Error(`No such file or folder: ${p}`);
    walk(path.resolve(p), files);
  }
  const skipped: Discovery['skipped'] = [];
  const groups = new Map<string, ImportGroup>();
  const claudeMetaFiles: string[] = [];
  for (const file of [...new Set(files)].sort()) {
    const name = path.basename(file);
    if (name === 'sessions.json' || name === 'runs.json') continue;
    // A store's write-ahead log is read together with the store (see openclaw/sqlite-wal.ts).
    if (isSqliteCompanion(file) && fs.existsSync(file.replace(/-(?:wal|shm|journal)$/, ''))) continue;
    // Claude Code's agent-*.meta.json (toolUseId, spawnDepth) link sub-agents: they join the
    // transcript group of their folder below.
    if (/^agent-.*\.meta\.json$/.test(name)) {
      claudeMetaFiles.push(file);
      continue;
    }
    const format = forced ?? detectFormat(file);
    if (!format) {
      skipped.push({ file, reason: skipReason(file) });
      continue;
    }
    const archive = format === 'openclaw' ? skippedArchive(file, options.skipArchives ?? []) : null;
    if (archive) {
      skipped.push({ file, reason: `${archive} OpenClaw transcript (left out by --skip-${archive})` });
      continue;
    }
    // OTLP, event, τ-bench, Langfuse, SDK span-JSON and SWE-agent files are independent of each
    // other: one group per file.
    const perFile = (['otlp-json', 'events', 'tau-bench', 'langfuse', 'otel-sdk-json', 'swe-agent'] as Format[]).includes(format);
    const key = perFile ? file : `${format}:${groupFolder(format, file)}`;
    let group = groups.get(key);
    if (!group) {
      group = { format, key: perFile ? file : groupFolder(format, file), files: [] };
      if (format === 'openclaw') attachOpenClawIndexes(group);
      groups.set(key, group);
    }
    group.files.push(file);
  }
  for (const meta of claudeMetaFiles) groups.get(`claude-code:${groupFolder('claude-code', meta)}`)?.files.push(meta);
  return { groups: [...groups.values()], skipped };
}

/** sessions.json sits beside the transcripts; runs.json in <openclaw root>/subagents/. */
function attachOpenClawIndexes(group: ImportGroup): void {
  const sessionsJson = path.join(group.key, 'sessions.json');
  if (fs.existsSync(sessionsJson)) group.sessionsJson = sessionsJson;
  const runsJson = path.resolve(group.key, '..', '..', '..', 'subagents', 'runs.json');
  if (fs.existsSync(runsJson)) group.runsJson = runsJson;
}
