// Run with Node >= 24 (node:sqlite): writes each OpenClaw session stored in an agent's SQLite
// database (transcript_events, one row per transcript line) as <sessionId>.jsonl, unchanged
// (headers stay `"version":4`). ClawTrace imports the store directly; this export is an
// independent reader (real SQLite, zlib's zstd) the e2e test cross-checks that import against.
// Usage: node openclaw-transcript-export.mjs <db> <outDir>
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import zlib from 'node:zlib';

const [dbPath, outDir] = process.argv.slice(2);
if (!dbPath || !outDir) {
  console.error('usage: openclaw-transcript-export.mjs <openclaw-agent.sqlite> <outDir>');
  process.exit(2);
}
const db = new DatabaseSync(dbPath, { readOnly: true });
const rows = db.prepare('SELECT session_id, seq, event_json, event_zstd FROM transcript_events ORDER BY session_id, seq').all();
const bySession = new Map();
for (const row of rows) {
  // Large lines are stored zstd-compressed instead of as text.
  const line = row.event_json ?? zlib.zstdDecompressSync(Buffer.from(row.event_zstd)).toString('utf8');
  const lines = bySession.get(row.session_id) ?? [];
  lines.push(line);
  bySession.set(row.session_id, lines);
}
fs.mkdirSync(outDir, { recursive: true });
for (const [sessionId, lines] of bySession) fs.writeFileSync(path.join(outDir, `${sessionId}.jsonl`), `${lines.join('\n')}\n`);
console.log(JSON.stringify({ sessions: bySession.size, lines: rows.length }));
