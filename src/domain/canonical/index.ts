// Tool-call arguments in canonical form (DESIGN §7): one text and hash per distinct call, plus
// what the call does (effect) and to what (resource), for redundancy and prune evidence.
import { sha256Hex } from '../hash.ts';
import { canonicalJson, isRecord, parseArgs } from './canonical-json.ts';
import { normaliseShellCommand } from './shell.ts';
import { normaliseValues, shellEffect, toolSpec, type Effect, type ToolSpec } from './tool-effects.ts';
import { own } from '../own.ts';

export { canonicalJson, parseArgs } from './canonical-json.ts';
export { collapseWhitespace, normalisePath, normaliseUrl } from './normalise.ts';
export { classifyShellCommand, normaliseShellCommand } from './shell.ts';
export { EFFECTS, toolSpec, type Effect, type ToolSpec } from './tool-effects.ts';

export interface CanonicalArgs {
  /** Canonical JSON of the arguments (sorted keys, normalised paths, URLs and shell whitespace). */
  text: string;
  /** sha256 hex of `text`. Compare together with the tool name: the hash covers arguments only. */
  hash: string;
  effect: Effect;
  /**
   * What the call reads or writes: a normalised file path, a URL, `entity:id`, `process:id`, or for
   * a read-only shell command the command itself (prefixed `cd <workdir> && ` when run elsewhere).
   * null when the call names no single resource (exec, search, spawn, other).
   */
  resource: string | null;
}

/** Renames aliased keys, drops keys that do not change the call, normalises values. */
function prepare(spec: ToolSpec, args: Record<string, unknown>): Record<string, unknown> {
  // Null prototype: an argument called `__proto__` stays an argument instead of a prototype.
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(args)) {
    if (spec.drop?.includes(key)) continue;
    const name = (spec.aliases && own(spec.aliases, key)) ?? key;
    // Both spellings present is unusual; keep the canonical one as given.
    if (name !== key && Object.hasOwn(args, name)) continue;
    out[name] = normaliseValues(value, name);
  }
  const commandKey = spec.shell?.command;
  if (commandKey && typeof out[commandKey] === 'string') out[commandKey] = normaliseShellCommand(out[commandKey]);
  return out;
}

export function canonicaliseArgs(toolName: string, args: unknown): CanonicalArgs {
  const spec = toolSpec(toolName);
  let value = parseArgs(args);
  // A shell tool handed a bare command string is the same call as {command: "..."}.
  if (typeof value === 'string' && spec.shell) value = { [spec.shell.command]: value };

  if (!isRecord(value)) {
    const text = canonicalJson(normaliseValues(value));
    return { text, hash: sha256Hex(text), effect: typeof spec.effect === 'function' ? spec.effect({}) : spec.effect, resource: null };
  }
  const prepared = prepare(spec, value);
  const text = canonicalJson(prepared);
  if (spec.shell) {
    const shell = shellEffect(prepared, spec.shell);
    // Generic exec-named tools without a command argument keep `exec`.
    return { text, hash: sha256Hex(text), ...shell };
  }
  const effect = typeof spec.effect === 'function' ? spec.effect(prepared) : spec.effect;
  return { text, hash: sha256Hex(text), effect, resource: spec.resource?.(prepared) ?? null };
}
