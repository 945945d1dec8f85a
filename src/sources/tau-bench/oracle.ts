// Oracle evidence for one τ-bench trial: the state-changing calls the agent made compared with the
// task's gold actions, and the expected outputs compared with what the agent said. This is what
// the error analyst's `inspect_mismatches` returns; it never decides the outcome (the reward does).
import { canonicalJson } from '../../domain/canonical/canonical-json.ts';
import type { Mismatch } from './outcome.ts';
import type { GoldAction } from './schema.ts';
import { isStateChangingTool } from './tools.ts';

export interface MadeCall {
  spanId: string;
  name: string;
  args: Record<string, unknown>;
  /** The tool answered with an error: the database did not change. */
  failed: boolean;
}

const VALUE_CHARS = 300;
const compact = (value: unknown): string => {
  const text = canonicalJson(value);
  return text.length <= VALUE_CHARS ? text : `${text.slice(0, VALUE_CHARS)}…`;
};

function differingFields(expected: Record<string, unknown>, actual: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return keys.filter((k) => canonicalJson(expected[k]) !== canonicalJson(actual[k]));
}

function pick(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, obj[k] ?? null]));
}

/**
 * Pairs each gold state-changing action with the closest call of the same tool (fewest differing
 * fields); a call used for one gold action is not reused for another.
 */
export function compareWithGold(gold: GoldAction[], calls: MadeCall[], expectedOutputs: string[], answerText: string): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const writes = calls.filter((c) => isStateChangingTool(c.name) && !c.failed);
  const used = new Set<MadeCall>();
  for (const action of gold.filter((a) => isStateChangingTool(a.name))) {
    const candidates = writes
      .filter((c) => c.name === action.name && !used.has(c))
      .map((c) => ({ call: c, fields: differingFields(action.kwargs, c.args) }))
      .sort((a, b) => a.fields.length - b.fields.length);
    const best = candidates[0];
    if (!best) {
      mismatches.push({ kind: 'missing_action', tool: action.name, fields: [], spanId: null, expected: compact(action.kwargs), actual: null });
      continue;
    }
    used.add(best.call);
    if (best.fields.length === 0) continue;
    mismatches.push({
      kind: 'args_differ',
      tool: action.name,
      fields: best.fields,
      spanId: best.call.spanId,
      expected: compact(pick(action.kwargs, best.fields)),
      actual: compact(pick(best.call.args, best.fields)),
    });
  }
  for (const call of writes.filter((c) => !used.has(c))) {
    mismatches.push({ kind: 'unexpected_action', tool: call.name, fields: [], spanId: call.spanId, expected: null, actual: compact(call.args) });
  }
  const said = answerText.toLowerCase();
  for (const output of expectedOutputs) {
    if (!said.includes(output.toLowerCase())) {
      mismatches.push({ kind: 'missing_output', tool: null, fields: [], spanId: null, expected: JSON.stringify(output), actual: null });
    }
  }
  return mismatches;
}
