// Reads an OpenClaw 2026.9+ transcript store: `<stateDir>/agents/<agentId>/agent/openclaw-agent.sqlite`.
//
// OpenClaw no longer writes `<sessionId>.jsonl` files; every transcript line is a row of
// `transcript_events(session_id, seq, event_json, event_zstd)`, in seq order, seq 0 being the
// `{"type":"session","version":4,...}` header. Large lines are stored zstd-compressed in
// `event_zstd` instead of as text. Each session is handed to the same line parser as a JSONL file,
// so every rule (spawn linkage, delivery-mirror, errors, cost) applies unchanged; rejections say
// `<db path>#<session_id>:<seq>`.
//
// Why sql.js and fzstd: ClawTrace runs on Node 20, which has neither node:sqlite nor zstd in zlib.
// sql.js is SQLite compiled to wasm (shipped inside the package: works offline) and fzstd a pure-JS
// zstd decoder. sql.js opens an in-memory copy of the file, so the store is read, never locked or
// written; the write-ahead log beside it is folded in first (sqlite-wal.ts).
import fs from 'node:fs';
import { decompress } from 'fzstd';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import type { Rejection } from '../../domain/model.ts';
import { TRANSCRIPT_TABLE } from './file-name.ts';
import type { TranscriptLine, TranscriptLines } from './parse-lines.ts';
import { applyWal } from './sqlite-wal.ts';

export interface OpenClawStore {
  /** One per session in the store, its rows as numbered lines (number = seq). */
  transcripts: TranscriptLines[];
  /** session_windows: which session key each session belongs to (sessions.json's successor). */
  sessionKeys: Array<{ sessionKey: string; sessionId: string }>;
  rejections: Rejection[];
}

// Compiling the wasm module takes tens of milliseconds: done once, and only when a store is read.
let sqlJs: Promise<SqlJsStatic> | undefined;
function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function tableNames(db: Database): Set<string> {
  const rows = db.exec("SELECT name FROM sqlite_schema WHERE type = 'table'")[0]?.values ?? [];
  return new Set(rows.map((row) => String(row[0])));
}

function columnNames(db: Database, table: string): Set<string> {
  const rows = db.exec(`PRAGMA table_info(${table})`)[0]?.values ?? [];
  return new Set(rows.map((row) => String(row[1])));
}

/** A row's transcript line: its text, or the compressed bytes decoded. */
function lineOf(seq: number, json: SqlValue, zstd: SqlValue): TranscriptLine {
  if (typeof json === 'string') return { number: seq, text: json };
  if (zstd instanceof Uint8Array) {
    try {
      return { number: seq, text: utf8.decode(decompress(zstd)) };
    } catch (error) {
      return { number: seq, text: '', unreadable: `compressed line (event_zstd) unreadable: ${(error as Error).message}` };
    }
  }
  return { number: seq, text: '', unreadable: 'row has neither event_json text nor event_zstd bytes' };
}

function readTranscripts(db: Database, dbPath: string, hasZstd: boolean): TranscriptLines[] {
  const bySession = new Map<string, TranscriptLine[]>();
  const statement = db.prepare(
    `SELECT session_id, seq, event_json, ${hasZstd ? 'event_zstd' : 'NULL'} FROM ${TRANSCRIPT_TABLE} ORDER BY session_id, seq`,
  );
  try {
    while (statement.step()) {
      const [sessionId, seq, json, zstd] = statement.get();
      const id = String(sessionId);
      const lines = bySession.get(id) ?? [];
      lines.push(lineOf(Number(seq), json ?? null, zstd ?? null));
      bySession.set(id, lines);
    }
  } finally {
    statement.free();
  }
  return [...bySession].map(([sessionId, lines]) => ({ path: `${dbPath}#${sessionId}`, lines }));
}

/**
 * session_windows maps each session id to its session key (reset / rollover windows share a key);
 * the key's current session (session_nodes) is listed first, so a key resolves to it.
 */
function readSessionKeys(db: Database, tables: Set<string>): OpenClawStore['sessionKeys'] {
  if (!tables.has('session_windows')) return [];
  const current = tables.has('session_nodes')
    ? 'EXISTS (SELECT 1 FROM session_nodes n WHERE n.session_key = w.session_key AND n.current_session_id = w.session_id)'
    : '0';
  const rows = db.exec(`SELECT w.session_key, w.session_id FROM session_windows w ORDER BY ${current} DESC, w.session_id`)[0]?.values ?? [];
  return rows
    .filter((row): row is [string, string] => typeof row[0] === 'string' && row[0] !== '' && typeof row[1] === 'string')
    .map(([sessionKey, sessionId]) => ({ sessionKey, sessionId }));
}

function readFileIfPresent(file: string): Uint8Array | null {
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}

export async function readOpenClawStore(dbPath: string): Promise<OpenClawStore> {
  const store: OpenClawStore = { transcripts: [], sessionKeys: [], rejections: [] };
  const reject = (reason: string) => store.rejections.push({ location: dbPath, reason });
  const SQL = await loadSqlJs();
  let db: Database;
  try {
    db = new SQL.Database(applyWal(fs.readFileSync(dbPath), readFileIfPresent(`${dbPath}-wal`)));
  } catch (error) {
    reject(`unreadable SQLite file: ${(error as Error).message}`);
    return store;
  }
  try {
    const tables = tableNames(db);
    if (!tables.has(TRANSCRIPT_TABLE)) {
      reject(`no ${TRANSCRIPT_TABLE} table: not an OpenClaw transcript store`);
      return store;
    }
    const columns = columnNames(db, TRANSCRIPT_TABLE);
    const missing = ['session_id', 'seq', 'event_json'].filter((c) => !columns.has(c));
    if (missing.length) {
      reject(`${TRANSCRIPT_TABLE} lacks column(s) ${missing.join(', ')}: unknown OpenClaw store layout`);
      return store;
    }
    store.transcripts = readTranscripts(db, dbPath, columns.has('event_zstd'));
    try {
      store.sessionKeys = readSessionKeys(db, tables);
    } catch (error) {
      reject(`session keys (session_windows) unreadable: ${(error as Error).message}`);
    }
  } catch (error) {
    // A corrupt page, or a store caught mid-checkpoint (see sqlite-wal.ts).
    reject(`could not read the store: ${(error as Error).message}`);
  } finally {
    db.close();
  }
  return store;
}
