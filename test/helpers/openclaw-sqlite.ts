// Builds OpenClaw 2026.9-style SQLite transcript stores for tests.
//
// The store is written with sql.js (the reader ClawTrace itself uses) in OpenClaw's layout:
// transcript_events(session_id, seq, event_json, event_zstd, ...), one row per transcript line,
// plus session_windows / session_nodes for session keys. Compressed rows need a zstd *compressor*,
// which neither Node 20 nor fzstd has: the system `zstd` CLI is used when present, else Node 24's
// zlib.zstdCompressSync (the Node 24 that test/openclaw-runtime installs for the OpenClaw tests).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { findOpenClaw } from './openclaw-runtime.ts';

export interface StoredSession {
  sessionId: string;
  sessionKey?: string;
  /** Transcript lines (objects are JSON-encoded), header first: row seq = index. */
  lines: Array<Record<string, unknown> | string>;
  /** Indexes of lines stored zstd-compressed in event_zstd (raw bytes: Uint8Array). */
  compressed?: Map<number, Uint8Array> | Set<number>;
}

const SCHEMA = `
CREATE TABLE session_nodes (session_key TEXT NOT NULL PRIMARY KEY, current_session_id TEXT NOT NULL) STRICT;
CREATE TABLE session_windows (session_id TEXT NOT NULL PRIMARY KEY, session_key TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT;
CREATE TABLE transcript_events (
  session_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  event_json TEXT,
  created_at INTEGER NOT NULL,
  event_zstd BLOB,
  event_utf8_bytes INTEGER,
  navigation_json TEXT,
  PRIMARY KEY (session_id, seq)
) STRICT;`;

function commandExists(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** zstd-compresses `data` with the `zstd` CLI, or Node 24's zlib when there is none. */
export function zstdCompress(data: Uint8Array): Uint8Array {
  if (commandExists('zstd')) return execFileSync('zstd', ['-q', '-c'], { input: data });
  const script = "process.stdout.write(require('node:zlib').zstdCompressSync(require('node:fs').readFileSync(0)))";
  return execFileSync(findOpenClaw().node, ['-e', script], { input: data });
}

export const lineText = (line: Record<string, unknown> | string): string => (typeof line === 'string' ? line : JSON.stringify(line));

/** Writes a store with these sessions at `file` (folders created). */
export async function writeOpenClawStore(file: string, sessions: StoredSession[]): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    db.run(SCHEMA);
    for (const s of sessions) {
      if (s.sessionKey) {
        db.run('INSERT OR REPLACE INTO session_nodes VALUES (?, ?)', [s.sessionKey, s.sessionId]);
        db.run('INSERT INTO session_windows VALUES (?, ?, 0)', [s.sessionId, s.sessionKey]);
      }
      s.lines.forEach((line, seq) => {
        const text = lineText(line);
        const given = s.compressed instanceof Map ? s.compressed.get(seq) : undefined;
        if (given || (s.compressed instanceof Set && s.compressed.has(seq))) {
          const bytes = Buffer.from(text, 'utf8');
          const zstd = given ?? zstdCompress(bytes);
          db.run('INSERT INTO transcript_events VALUES (?, ?, NULL, 0, ?, ?, ?)', [s.sessionId, seq, zstd, bytes.length, '{"version":1}']);
        } else {
          db.run('INSERT INTO transcript_events VALUES (?, ?, ?, 0, NULL, NULL, NULL)', [s.sessionId, seq, text]);
        }
      });
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, db.export());
  } finally {
    db.close();
  }
}

/** Writes the same sessions as `<sessionId>.jsonl` files in `dir`, the v3 header relabelled if asked. */
export function writeJsonlTranscripts(dir: string, sessions: StoredSession[], headerVersion?: number): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const s of sessions) {
    const lines = s.lines.map((line, i) => (i === 0 && headerVersion !== undefined && typeof line !== 'string' ? { ...line, version: headerVersion } : line));
    fs.writeFileSync(path.join(dir, `${s.sessionId}.jsonl`), `${lines.map(lineText).join('\n')}\n`);
  }
}

/**
 * Writes `sessions` to a store at `file` in WAL mode, leaving rows of `walOnly` committed in
 * `<file>-wal` and not yet checkpointed into the main file — what a running OpenClaw leaves on
 * disk. Needs real SQLite with WAL: Node 24's node:sqlite.
 */
export function writeStoreWithWal(file: string, base: StoredSession[], walOnly: StoredSession[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const rows = (sessions: StoredSession[]) => sessions.flatMap((s) => s.lines.map((line, seq) => [s.sessionId, seq, lineText(line)]));
  const script = `
    const { DatabaseSync } = require('node:sqlite');
    const fs = require('node:fs');
    const [work, target] = process.argv.slice(1);
    const { base, walOnly, schema } = JSON.parse(fs.readFileSync(0, 'utf8'));
    const db = new DatabaseSync(work);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;');
    db.exec(schema);
    const insert = (rows) => {
      const st = db.prepare('INSERT INTO transcript_events VALUES (?, ?, ?, 0, NULL, NULL, NULL)');
      db.exec('BEGIN'); for (const r of rows) st.run(...r); db.exec('COMMIT');
    };
    insert(base);
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    insert(walOnly);
    // Copied while the connection is open: closing would checkpoint the log into the file.
    fs.copyFileSync(work, target);
    fs.copyFileSync(work + '-wal', target + '-wal');
    db.close();`;
  const work = path.join(path.dirname(file), 'work.tmp.sqlite');
  execFileSync(findOpenClaw().node, ['-e', script, work, file], {
    input: JSON.stringify({ base: rows(base), walOnly: rows(walOnly), schema: SCHEMA }),
  });
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(work + suffix, { force: true });
}
