// A JSON reader for trace files that JSON.parse would damage or give up on entirely:
// - integers beyond 2^53 (OpenTelemetry Python ids and nanosecond times) are kept exact as BigInt;
// - every value knows its line, so a bad record is reported as `file:line`;
// - a document can be read piece by piece (one array element at a time), so what came before a
//   truncation or a broken element is still usable;
// - nesting is bounded (MAX_JSON_DEPTH) and a key named `__proto__` stays an ordinary own key.
import { MAX_JSON_DEPTH } from '../../domain/json-depth.ts';

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    message: string,
    /** Offset in the text where reading failed. */
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/** Sets `key` as an own data property, even when the key is `__proto__`. */
function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export class JsonReader {
  pos = 0;
  private lineStarts: number[] | undefined;

  constructor(readonly text: string) {}

  /** 1-based line of an offset. */
  lineAt(offset: number): number {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  skipWhitespace(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.text);
    this.pos = WHITESPACE.lastIndex;
  }

  atEnd(): boolean {
    this.skipWhitespace();
    return this.pos >= this.text.length;
  }

  peek(): string {
    this.skipWhitespace();
    return this.text[this.pos] ?? '';
  }

  fail(message: string, offset = this.pos): never {
    const where = offset >= this.text.length ? 'unexpected end of input (truncated?)' : message;
    throw new JsonSyntaxError(`${where} at line ${this.lineAt(Math.min(offset, this.text.length))}`, offset);
  }

  expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected "${char}", found ${JSON.stringify(this.text.slice(this.pos, this.pos + 12))}`);
    this.pos += 1;
  }

  /** Consumes `char` when it comes next. */
  accept(char: string): boolean {
    if (this.peek() !== char) return false;
    this.pos += 1;
    return true;
  }

  readString(): string {
    if (this.peek() !== '"') this.fail('expected a string');
    const start = this.pos;
    let i = start + 1;
    for (;;) {
      const quote = this.text.indexOf('"', i);
      if (quote === -1) this.fail('unterminated string', this.text.length);
      let backslashes = 0;
      for (let j = quote - 1; j > start && this.text[j] === '\\'; j -= 1) backslashes += 1;
      if (backslashes % 2 === 0) {
        this.pos = quote + 1;
        try {
          // JSON.parse checks escapes and control characters exactly as the standard says.
          return JSON.parse(this.text.slice(start, quote + 1)) as string;
        } catch {
          return this.fail('invalid string', start);
        }
      }
      i = quote + 1;
    }
  }

  readNumber(): number | bigint {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) return this.fail(`unexpected ${JSON.stringify(this.text.slice(this.pos, this.pos + 12))}`);
    this.pos = NUMBER.lastIndex;
    const literal = match[0];
    const n = Number(literal);
    // Integers JS cannot hold exactly stay exact; any other number is a double, as in JSON.parse.
    if (match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(n)) return BigInt(literal);
    return n;
  }

  readValue(depth = 0): JsonValue {
    if (depth > MAX_JSON_DEPTH) this.fail(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    const char = this.peek();
    if (char === '{') return this.readObject(depth);
    if (char === '[') return this.readArray(depth);
    if (char === '"') return this.readString();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.readNumber();
  }

  /** Reads `{ key: value, ... }`; `onMember` may read the value itself (streaming), else it is read whole. */
  readObject(depth = 0, onMember?: (key: string) => boolean): JsonObject {
    const out: JsonObject = {};
    this.expect('{');
    if (this.accept('}')) return out;
    do {
      const key = this.readString();
      this.expect(':');
      if (!onMember?.(key)) setOwn(out, key, this.readValue(depth + 1));
    } while (this.accept(','));
    this.expect('}');
    return out;
  }

  /** Reads `[ ... ]`, handing each element's start offset to `onElement` when given (streaming). */
  readArray(depth = 0, onElement?: (index: number, offset: number) => void): JsonValue[] {
    const out: JsonValue[] = [];
    this.expect('[');
    if (this.accept(']')) return out;
    let index = 0;
    do {
      this.skipWhitespace();
      if (onElement) onElement(index, this.pos);
      else out.push(this.readValue(depth + 1));
      index += 1;
    } while (this.accept(','));
    this.expect(']');
    return out;
  }
}

/** A whole document, or the reason (with its line) it cannot be read. */
export function parseLosslessJson(text: string): { ok: true; value: JsonValue } | { ok: false; error: JsonSyntaxError } {
  const reader = new JsonReader(text);
  try {
    const value = reader.readValue();
    if (!reader.atEnd()) reader.fail('unexpected text after the JSON value');
    return { ok: true, value };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, error };
    throw error;
  }
}

/** JSON text of a parsed value; BigInts are written as decimal strings. */
export function stringifyLossless(value: JsonValue): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
