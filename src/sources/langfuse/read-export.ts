// Reads a Langfuse trace export: the trace, then its observations one at a time with their lines, so
// a truncated file still yields what came before the cut and a bad observation is rejected alone
// (`file:line`).
import { JsonReader, JsonSyntaxError, isJsonObject, type JsonObject, type JsonValue } from '../shared/lossless-json.ts';

export interface LocatedObservation {
  value: JsonValue;
  line: number;
}

export interface ExportReading {
  /** The trace object (`trace`, or the document itself in the API's trace-with-details shape). */
  trace: JsonObject | undefined;
  observations: LocatedObservation[];
  /** Why reading stopped early, with the line. */
  problem?: { line: number; reason: string };
}

export function readLangfuseExport(text: string): ExportReading {
  const reader = new JsonReader(text);
  const observations: LocatedObservation[] = [];
  // Members read so far, kept even when the document breaks off later.
  const members = new Map<string, JsonValue>();
  let problem: ExportReading['problem'];
  try {
    if (reader.peek() !== '{') reader.fail('expected a Langfuse export object {"trace": …, "observations": […]}');
    reader.readObject(0, (key) => {
      if (key === 'observations' && reader.peek() === '[') {
        reader.readArray(0, (_index, offset) => observations.push({ value: reader.readValue(1), line: reader.lineAt(offset) }));
      } else {
        members.set(key, reader.readValue(1));
      }
      return true;
    });
    if (!reader.atEnd()) reader.fail('unexpected text after the export');
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    problem = { line: reader.lineAt(Math.min(error.offset, reader.text.length)), reason: `not readable JSON: ${error.message}` };
  }
  const trace = members.get('trace');
  const document = Object.fromEntries(members) as JsonObject;
  return { trace: isJsonObject(trace) ? trace : members.has('id') ? document : undefined, observations, ...(problem ? { problem } : {}) };
}
