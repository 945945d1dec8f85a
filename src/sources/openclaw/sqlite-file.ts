// Cheap, synchronous look at a SQLite file for discovery: is it SQLite, and which tables does its
// schema name? Discovery runs over whole folders (an OpenClaw state dir holds several SQLite
// files: lock files, the gateway's state database, one store per agent), so it must not load every
// database into sql.js just to learn that it has no transcripts. Only the pages of the schema
// table (`sqlite_schema`, a b-tree rooted at page 1) are read, a few KB each.
//
// A schema change that is still only in the write-ahead log is not seen here; stores named
// `openclaw-agent.sqlite` are recognised by name, so this matters only for renamed copies.
import fs from 'node:fs';

const MAGIC = 'SQLite format 3\0';
const HEADER_BYTES = 100;
/** A bound on the pages walked, so a corrupt file (a cycle of child pointers) cannot hang discovery. */
const MAX_SCHEMA_PAGES = 2_000;

function readAt(fd: number, offset: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = fs.readSync(fd, buffer, 0, length, offset);
  return buffer.subarray(0, read);
}

/** The 16-byte magic string every SQLite database file starts with. */
export function isSqliteFile(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    return readAt(fd, 0, MAGIC.length).toString('latin1') === MAGIC;
  } finally {
    fs.closeSync(fd);
  }
}

/** A SQLite varint (1–9 bytes, big-endian, 7 bits a byte, all 8 in the ninth) at `at`. */
function varint(page: Buffer, at: number): { value: number; next: number } {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = page[at + i];
    if (byte === undefined) throw new Error('varint past the end of the page');
    if (i === 8) return { value: value * 256 + byte, next: at + 9 };
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return { value, next: at + i + 1 };
  }
  throw new Error('unreachable');
}

/** Byte length of a record column with this serial type. */
function serialSize(type: number): number {
  if (type >= 12) return Math.floor((type - 12) / 2);
  return [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0][type] ?? 0;
}

/**
 * The first two columns (`type`, `name`) of a sqlite_schema record held in `payload` (the local
 * part of the cell: long `sql` texts overflow to other pages, but these two come first).
 */
function typeAndName(payload: Buffer, decode: (b: Buffer) => string): { type: string; name: string } | null {
  const header = varint(payload, 0);
  let at = header.next;
  const types: number[] = [];
  while (at < header.value && types.length < 2) {
    const t = varint(payload, at);
    types.push(t.value);
    at = t.next;
  }
  const [typeType, nameType] = types;
  if (typeType === undefined || nameType === undefined || typeType < 13 || nameType < 13) return null;
  const typeStart = header.value;
  const nameStart = typeStart + serialSize(typeType);
  const nameEnd = nameStart + serialSize(nameType);
  if (nameEnd > payload.length) return null;
  return { type: decode(payload.subarray(typeStart, nameStart)), name: decode(payload.subarray(nameStart, nameEnd)) };
}

/** Names of the tables in a SQLite file's schema; null when it is not a readable SQLite file. */
export function sqliteTableNames(file: string): Set<string> | null {
  const fd = fs.openSync(file, 'r');
  try {
    const header = readAt(fd, 0, HEADER_BYTES);
    if (header.length < HEADER_BYTES || header.subarray(0, 16).toString('latin1') !== MAGIC) return null;
    const rawSize = header.readUInt16BE(16);
    const pageSize = rawSize === 1 ? 65_536 : rawSize;
    const usable = pageSize - (header[20] ?? 0);
    const encoding = header.readUInt32BE(56);
    const decode = (b: Buffer): string => {
      if (encoding === 2) return b.toString('utf16le');
      if (encoding === 3) return Buffer.from(b).swap16().toString('utf16le');
      return b.toString('utf8');
    };
    const tables = new Set<string>();
    const pending = [1];
    const seen = new Set<number>();
    while (pending.length) {
      const pageNo = pending.pop()!;
      if (seen.has(pageNo) || seen.size >= MAX_SCHEMA_PAGES) continue;
      seen.add(pageNo);
      const page = readAt(fd, (pageNo - 1) * pageSize, pageSize);
      if (page.length < pageSize) return null;
      // Page 1 starts with the 100-byte file header.
      const base = pageNo === 1 ? HEADER_BYTES : 0;
      const kind = page[base];
      const cells = page.readUInt16BE(base + 3);
      const interior = kind === 0x05;
      if (!interior && kind !== 0x0d) return null;
      const pointers = base + (interior ? 12 : 8);
      if (interior) pending.push(page.readUInt32BE(base + 8));
      for (let i = 0; i < cells; i++) {
        const cell = page.readUInt16BE(pointers + 2 * i);
        if (interior) {
          pending.push(page.readUInt32BE(cell));
          continue;
        }
        const size = varint(page, cell);
        const rowid = varint(page, size.next);
        // Local part of the payload (SQLite file format §1.6: the rest overflows).
        const maxLocal = usable - 35;
        const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23;
        const spill = minLocal + ((size.value - minLocal) % (usable - 4));
        const local = size.value <= maxLocal ? size.value : spill <= maxLocal ? spill : minLocal;
        const entry = typeAndName(page.subarray(rowid.next, rowid.next + local), decode);
        if (entry?.type === 'table') tables.add(entry.name);
      }
    }
    return tables;
  } catch {
    // Truncated or corrupt: not something discovery can use.
    return null;
  } finally {
    fs.closeSync(fd);
  }
}
