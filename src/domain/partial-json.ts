// Parses JSON that may have been cut short. Stored tool arguments keep their first 2,000 or so
// characters and end in a `…[+N chars]` marker (src/ingest/truncate.ts), so a long shell command or
// a sub-agent's task is not valid JSON any more; the explorer still wants its fields (the command,
// the path) rather than one escaped string. The parser reads as far as the text goes: the string
// that was cut keeps what it had plus the marker, containers close where the text ends, and a key
// whose value never started is dropped. Valid JSON parses exactly as JSON.parse does.

export interface PartialJson {
  value: unknown;
  /** True when the text ended before the value did (or had trailing garbage). */
  truncated: boolean;
}

class Cut extends Error {}

/** `{"command":"ls …[+12 chars]` → `{ value: { command: 'ls …[+12 chars]' }, truncated: true }`. */
export function parsePartialJson(text: string): PartialJson | null {
  try {
    return { value: JSON.parse(text) as unknown, truncated: false };
  } catch {
    // fall through to the tolerant reader
  }
  const reader = new Reader(text);
  reader.space();
  if (reader.done()) return null;
  const first = text[reader.at];
  if (first !== '{' && first !== '[') return null; // a bare cut scalar says nothing a string would not
  try {
    return { value: reader.value(), truncated: true };
  } catch (error) {
    if (error instanceof Cut) return null;
    throw error;
  }
}

const ESCAPES = new Map<string, string>([['"', '"'], ['\\', '\\'], ['/', '/'], ['b', '\b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t']]);

class Reader {
  at = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at >= this.text.length;
  }

  space(): void {
    while (!this.done() && /\s/.test(this.text[this.at]!)) this.at++;
  }

  value(): unknown {
    this.space();
    if (this.done()) throw new Cut();
    const c = this.text[this.at]!;
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    const literal = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.at));
    if (!literal) throw new Cut();
    this.at += literal[0].length;
    // A number at the very end may be a longer number cut short: not trusted.
    if (this.done() && /\d$/.test(literal[0])) throw new Cut();
    return JSON.parse(literal[0]) as unknown;
  }

  /** A string; at the end of the text, what it had so far. */
  string(): string {
    this.at++; // opening quote
    let out = '';
    while (!this.done()) {
      const c = this.text[this.at]!;
      if (c === '"') {
        this.at++;
        return out;
      }
      if (c === '\\') {
        const next = this.text[this.at + 1];
        if (next === undefined) break;
        if (next === 'u') {
          const hex = this.text.slice(this.at + 2, this.at + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) break;
          out += String.fromCharCode(parseInt(hex, 16));
          this.at += 6;
          continue;
        }
        out += ESCAPES.get(next) ?? next;
        this.at += 2;
        continue;
      }
      out += c;
      this.at++;
    }
    this.at = this.text.length;
    return out;
  }

  object(): Record<string, unknown> {
    this.at++;
    // Null prototype: a key called `__proto__` stays a key.
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (;;) {
      this.space();
      if (this.done()) return out;
      if (this.text[this.at] === '}') {
        this.at++;
        return out;
      }
      if (this.text[this.at] === ',') {
        this.at++;
        continue;
      }
      if (this.text[this.at] !== '"') return this.stop(out);
      const key = this.string();
      this.space();
      if (this.done()) return out;
      if (this.text[this.at] !== ':') return this.stop(out);
      this.at++;
      try {
        out[key] = this.value();
      } catch (error) {
        if (error instanceof Cut) return this.stop(out);
        throw error;
      }
    }
  }

  array(): unknown[] {
    this.at++;
    const out: unknown[] = [];
    for (;;) {
      this.space();
      if (this.done()) return out;
      if (this.text[this.at] === ']') {
        this.at++;
        return out;
      }
      if (this.text[this.at] === ',') {
        this.at++;
        continue;
      }
      try {
        out.push(this.value());
      } catch (error) {
        if (error instanceof Cut) return this.stop(out);
        throw error;
      }
    }
  }

  /** Something that is not JSON where a key or value should be: keep what was read, read no more. */
  private stop<T>(out: T): T {
    this.at = this.text.length;
    return out;
  }
}
