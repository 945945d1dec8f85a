// Folds a SQLite write-ahead log (`<db>-wal`) into the database image before sql.js opens it.
//
// OpenClaw keeps its stores in WAL mode: while a gateway runs (and even after a CLI run, until the
// next checkpoint), the newest transcript rows may exist only in the `-wal` file beside the
// database. sql.js opens an in-memory copy of the main file and never sees that log, so the
// committed frames are applied here the way SQLite's own recovery does (file format §4): frames
// count only while their salts match the log header and their cumulative checksums hold, and only
// up to the last commit frame (later frames belong to a transaction still being written).
//
// Reading a store while OpenClaw checkpoints it at that very moment can still give an inconsistent
// picture (no lock is taken: the store may be on a read-only mount); SQLite then reports the image
// as malformed, the store is rejected with that reason, and importing again reads it cleanly.

const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;

/** SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from `s0`, `s1`. */
function checksum(data: Uint8Array, bigEndian: boolean, s0: number, s1: number): [number, number] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i + 8 <= data.byteLength; i += 8) {
    s0 = (s0 + view.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}

/**
 * The database image with the log's committed frames applied, switched to rollback-journal mode
 * (header bytes 18–19) since no log travels with the in-memory copy. Without a usable log the
 * image is returned as it is.
 */
export function applyWal(db: Uint8Array, wal: Uint8Array | null): Uint8Array {
  if (!wal || wal.byteLength < WAL_HEADER_BYTES) return db;
  const header = new DataView(wal.buffer, wal.byteOffset, WAL_HEADER_BYTES);
  const magic = header.getUint32(0);
  if (magic !== MAGIC_LE && magic !== MAGIC_BE) return db;
  const bigEndian = magic === MAGIC_BE;
  const pageSize = header.getUint32(8) === 1 ? 65_536 : header.getUint32(8);
  const salt1 = header.getUint32(16);
  const salt2 = header.getUint32(20);
  let [s0, s1] = checksum(wal.subarray(0, 24), bigEndian, 0, 0);
  if (s0 !== header.getUint32(24) || s1 !== header.getUint32(28)) return db;

  // Pages of committed transactions, latest version of each; `pending` holds the open one.
  const committed = new Map<number, Uint8Array>();
  let pending = new Map<number, Uint8Array>();
  let pagesAfterCommit = 0;
  for (let at = WAL_HEADER_BYTES; at + FRAME_HEADER_BYTES + pageSize <= wal.byteLength; at += FRAME_HEADER_BYTES + pageSize) {
    const frame = new DataView(wal.buffer, wal.byteOffset + at, FRAME_HEADER_BYTES);
    if (frame.getUint32(8) !== salt1 || frame.getUint32(12) !== salt2) break;
    const page = wal.subarray(at + FRAME_HEADER_BYTES, at + FRAME_HEADER_BYTES + pageSize);
    [s0, s1] = checksum(wal.subarray(at, at + 8), bigEndian, s0, s1);
    [s0, s1] = checksum(page, bigEndian, s0, s1);
    if (s0 !== frame.getUint32(16) || s1 !== frame.getUint32(20)) break;
    pending.set(frame.getUint32(0), page);
    const commitSize = frame.getUint32(4);
    if (commitSize !== 0) {
      for (const [pageNo, data] of pending) committed.set(pageNo, data);
      pending = new Map();
      pagesAfterCommit = commitSize;
    }
  }
  if (pagesAfterCommit === 0) return db;

  const image = new Uint8Array(pagesAfterCommit * pageSize);
  image.set(db.subarray(0, Math.min(db.byteLength, image.byteLength)));
  for (const [pageNo, data] of committed) {
    if (pageNo >= 1 && pageNo <= pagesAfterCommit) image.set(data, (pageNo - 1) * pageSize);
  }
  image[18] = 1;
  image[19] = 1;
  return image;
}
