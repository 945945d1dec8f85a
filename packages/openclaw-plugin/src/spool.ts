// Batches ClawTrace did not confirm wait on disk, one NDJSON file per batch, until they can be
// re-sent. Files are written to a temporary name and renamed, so a crash mid-write never leaves a
// half batch that would be sent; a batch that was in flight when the process died is spooled too
// (the server may or may not have stored it: its event ids make a second copy harmless).
import fs from 'node:fs';
import path from 'node:path';

const PREFIX = 'batch-';
const SUFFIX = '.ndjson';

export class Spool {
  private seq = 0;
  /** Bytes on disk, counted once and then kept up to date, so a write does not stat every file. */
  private knownBytes: number | undefined;

  constructor(
    readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  /** Writes one batch; returns false when the spool is full (the batch is dropped). Sync on purpose: it also runs in process 'exit'. */
  write(lines: readonly string[]): boolean {
    if (lines.length === 0) return true;
    const body = `${lines.join('\n')}\n`;
    fs.mkdirSync(this.dir, { recursive: true });
    const size = Buffer.byteLength(body);
    this.knownBytes ??= this.bytes();
    if (this.knownBytes + size > this.maxBytes) {
      this.knownBytes = this.bytes(); // another process may have drained it meanwhile
      if (this.knownBytes + size > this.maxBytes) return false;
    }
    // Time first, so a plain sort replays batches in the order they were spooled.
    const name = `${PREFIX}${Date.now().toString().padStart(15, '0')}-${process.pid}-${(this.seq++).toString().padStart(6, '0')}${SUFFIX}`;
    const tmp = path.join(this.dir, `.${name}.tmp`);
    fs.writeFileSync(tmp, body);
    fs.renameSync(tmp, path.join(this.dir, name));
    this.knownBytes += size;
    return true;
  }

  /** Spooled batch files, oldest first. */
  files(): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return [];
    }
    return names.filter((n) => n.startsWith(PREFIX) && n.endsWith(SUFFIX)).sort().map((n) => path.join(this.dir, n));
  }

  bytes(): number {
    let total = 0;
    for (const file of this.files()) {
      try {
        total += fs.statSync(file).size;
      } catch {
        // Removed by a concurrent resend: nothing to count.
      }
    }
    return total;
  }

  read(file: string): string | undefined {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  remove(file: string): void {
    let size = 0;
    try {
      size = fs.statSync(file).size;
    } catch {
      return; // already gone
    }
    fs.rmSync(file, { force: true });
    if (this.knownBytes !== undefined) this.knownBytes = Math.max(0, this.knownBytes - size);
  }

  /** Number of events waiting on disk. */
  pendingEvents(): number {
    let count = 0;
    for (const file of this.files()) count += (this.read(file) ?? '').split('\n').filter((l) => l.trim() !== '').length;
    return count;
  }
}
