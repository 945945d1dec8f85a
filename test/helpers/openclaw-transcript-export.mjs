// Run with Node >= 24 (node:sqlite): writes each OpenClaw session stored in an agent's SQLite
// database (transcript_events, one row per transcript line) as <sessionId>.jsonl, the file layout
// ClawTrace's OpenClaw importer reads. Usage: node openclaw-transcript-export.mjs <db> <outDir>
//
// OpenClaw 2026.9 stamps these transcripts `"version":4` (its lines have the v3 entry shapes:
// message / model_change / custom …). ClawTrace's importer accepts only version 3 so far, so the
// header is relabelled 3 here and every other line is written unchanged; the importer's own
// schemas still validate each entry. Remove the relabel once the importer reads version 4.
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
  lines.push(row.seq === 0 ? line.replace(/^(\{"type":"session","version":)4,/, '$13,') : line);
  bySession.set(row.session_id, lines);
}
fs.mkdirSync(outDir, { recursive: true });
for (const [sessionId, lines] of bySession) fs.writeFileSync(path.join(outDir, `${sessionId}.jsonl`), `${lines.join('\n')}\n`);
console.log(JSON.stringify({ sessions: bySession.size, lines: rows.length }));
