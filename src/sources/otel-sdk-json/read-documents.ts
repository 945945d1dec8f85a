// Finds the span objects in an OpenTelemetry SDK span-JSON file, whichever way it was written:
// - `{"spans": [...], ...}` (mozilla-ai any-agent's trace files; other keys are ignored);
// - a bare array of spans;
// - a stream of span objects, one after another (the Python ConsoleSpanExporter writes
//   `span.to_json()` per span: indented objects back to back; JSONL writers one per line).
// Each span comes with its line. A broken or truncated piece is reported with its line and reading
// resumes at the next object that starts a line, so everything before and after it is still read.
import { JsonReader, JsonSyntaxError, isJsonObject, type JsonObject, type JsonValue } from '../shared/lossless-json.ts';

interface Piece {
  value: JsonValue;
  line: number;
}

export interface LocatedSpan {
  value: JsonObject;
  /** 1-based line where the span object starts. */
  line: number;
}

export interface ReadProblem {
  line: number;
  reason: string;
}

export interface SpanDocuments {
  spans: LocatedSpan[];
  problems: ReadProblem[];
}

/** Reads array elements one at a time, so the elements before a broken one are kept. */
function readElements(reader: JsonReader, out: Piece[]): void {
  reader.readArray(0, (_index, offset) => {
    out.push({ value: reader.readValue(1), line: reader.lineAt(offset) });
  });
}

/** One top-level value: a spans document, an array of spans, or a single span. */
function readTopLevel(reader: JsonReader, out: Piece[]): void {
  const start = reader.pos;
  if (reader.peek() === '[') {
    readElements(reader, out);
    return;
  }
  if (reader.peek() !== '{') reader.fail('expected a span object, an array of spans or {"spans": [...]}');
  let sawSpans = false;
  const object = reader.readObject(0, (key) => {
    if (key !== 'spans' || reader.peek() !== '[') return false;
    sawSpans = true;
    readElements(reader, out);
    return true;
  });
  if (!sawSpans) out.push({ value: object, line: reader.lineAt(start) });
}

/** Where to resume after a broken piece: the next line that opens an object or array. */
function nextStart(text: string, from: number): number {
  const match = /\n[{[]/g;
  match.lastIndex = from;
  const found = match.exec(text);
  return found ? found.index + 1 : text.length;
}

export function readSpanDocuments(text: string): SpanDocuments {
  const reader = new JsonReader(text);
  const spans: Piece[] = [];
  const problems: ReadProblem[] = [];
  if (reader.atEnd()) problems.push({ line: 1, reason: 'the file is empty' });
  while (!reader.atEnd()) {
    const start = reader.pos;
    try {
      readTopLevel(reader, spans);
      // Writers that join objects with commas (or wrap a stream oddly) are read all the same.
      reader.accept(',');
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      problems.push({ line: reader.lineAt(Math.min(start, text.length)), reason: `not readable JSON: ${error.message}` });
      reader.pos = nextStart(text, start + 1);
    }
  }
  for (const span of spans) if (!isJsonObject(span.value)) problems.push({ line: span.line, reason: 'a span must be a JSON object' });
  return { spans: spans.filter((span): span is LocatedSpan => isJsonObject(span.value)), problems };
}
