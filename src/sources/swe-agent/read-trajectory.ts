// Reads a `.traj` file: its steps one at a time with their lines (so a bad step is rejected as
// `file:line` and a truncated file still yields the steps before the cut), and the other members
// whole.
import { JsonReader, JsonSyntaxError, type JsonValue } from '../shared/lossless-json.ts';

export interface TrajectoryReading {
  steps: Array<{ value: JsonValue; line: number }>;
  members: Map<string, JsonValue>;
  problem?: { line: number; reason: string };
}

export function readTrajectory(text: string): TrajectoryReading {
  const reader = new JsonReader(text);
  const steps: TrajectoryReading['steps'] = [];
  const members = new Map<string, JsonValue>();
  try {
    if (reader.peek() !== '{') reader.fail('expected a SWE-agent trajectory object');
    reader.readObject(0, (key) => {
      if (key === 'trajectory' && reader.peek() === '[') {
        reader.readArray(0, (_index, offset) => steps.push({ value: reader.readValue(1), line: reader.lineAt(offset) }));
      } else {
        members.set(key, reader.readValue(1));
      }
      return true;
    });
    if (!reader.atEnd()) reader.fail('unexpected text after the trajectory');
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { steps, members, problem: { line: reader.lineAt(Math.min(error.offset, text.length)), reason: `not readable JSON: ${error.message}` } };
  }
  return { steps, members };
}
