// Flags of `clawtrace budget`, `rule` and `alerts`: amounts, minutes, finding kinds, a scope given
// as --agent / --skill / --session, and --since as an instant or an age (30m, 2h, 1d). Each parser
// throws commander's InvalidArgumentError, so a bad value is reported as "option '--limit <usd>'
// argument '-3' is invalid. <what it takes>" and the command exits before touching the graph.
// What the values must satisfy together (warn below limit, ...) is checked by src/alerts/definitions.ts,
// whose field names are mapped back to the flags here.
import { InvalidArgumentError } from 'commander';
import type { z } from 'zod';
import type { BudgetScope } from '../alerts/types.ts';
import { FINDING_KINDS, type FindingKind } from '../domain/redundancy/kinds.ts';

export function parseUsd(value: string): number {
  const n = Number(value.trim().replace(/^\$/, ''));
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('an amount in USD more than 0, e.g. 20 or 0.5');
  return n;
}

export function parseMinutes(value: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('minutes, more than 0, e.g. 10 or 2.5');
  return n;
}

export function parseCooldown(value: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('minutes, 0 or more, e.g. 30');
  return n;
}

/** `poll_loop,failed_retry` (the GraphQL names POLL_LOOP, ... too), each once. */
export function parseKinds(value: string): FindingKind[] {
  const kinds = value
    .split(',')
    .map((k) => k.trim().toLowerCase())
    .filter(Boolean);
  const unknown = kinds.filter((k) => !(FINDING_KINDS as readonly string[]).includes(k));
  if (kinds.length === 0 || unknown.length > 0) {
    const what = unknown.length > 0 ? `not a finding kind: ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(', ')}. ` : '';
    throw new InvalidArgumentError(`${what}Comma-separated, of: ${FINDING_KINDS.join(', ')}`);
  }
  return [...new Set(kinds)] as FindingKind[];
}

const AGE = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w)$/i;
const UNIT_MS = new Map<string, number>([
  ['s', 1_000],
  ['m', 60_000],
  ['min', 60_000],
  ['h', 3_600_000],
  ['d', 86_400_000],
  ['w', 604_800_000],
]);

/** `--since`: an age back from now (30m, 2h, 1d, 1w) or a date / ISO instant (UTC); epoch ms. */
export function parseSince(value: string, nowMs = Date.now()): number {
  const trimmed = value.trim();
  const age = AGE.exec(trimmed);
  if (age) return nowMs - Number(age[1]) * UNIT_MS.get(age[2]!.toLowerCase())!;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed);
  if (!Number.isFinite(ms)) throw new InvalidArgumentError('an age (30m, 2h, 1d) or a date / ISO date-time (2026-02-18, 2026-02-18T09:00:00Z)');
  return ms;
}

export interface ScopeFlags {
  agent?: string;
  skill?: string;
  session?: string;
}

/** The scope the flags name: the project when none is given; more than one is an error. */
export function scopeOf(flags: ScopeFlags): { scope: BudgetScope; scopeValue: string | null } {
  const given = (
    [
      ['AGENT', '--agent', flags.agent],
      ['SKILL', '--skill', flags.skill],
      ['SESSION', '--session', flags.session],
    ] as const
  ).filter(([, , v]) => v !== undefined);
  if (given.length > 1) throw new InvalidArgumentError(`give one scope: ${given.map(([, flag]) => flag).join(' or ')}, not both`);
  if (given.length === 0) return { scope: 'PROJECT', scopeValue: null };
  const [scope, flag, value] = given[0]!;
  if (!value!.trim()) throw new InvalidArgumentError(`${flag} needs a value`);
  return { scope, scopeValue: value!.trim() };
}

/** The flag a definitions field came from, for messages a CLI user can act on. */
const FLAG_OF = new Map<string, string>([
  ['name', '--name'],
  ['limitUsd', '--limit'],
  ['warnUsd', '--warn'],
  ['window', '--window'],
  ['scope', '--agent/--skill/--session'],
  ['scopeValue', '--agent/--skill/--session'],
  ['thresholdUsd', '--usd'],
  ['windowMinutes', '--per'],
  ['minMinutes', '--minutes'],
  ['findingKinds', '--kinds'],
  ['cooldownMinutes', '--cooldown'],
  ['kind', 'rule kind'],
]);

/** Zod problems of a budget or rule as `--warn: must be below limitUsd (20); ...`. */
export function flagProblems(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = String(issue.path[0] ?? '');
      if (field === 'window' && /SESSION scope/.test(issue.message)) return '--window: a --session budget takes --window session (its session tree)';
      const message = issue.message.replace(/\b(limitUsd|warnUsd|thresholdUsd|windowMinutes|minMinutes|findingKinds|cooldownMinutes)\b/g, (f) => FLAG_OF.get(f) ?? f);
      return `${FLAG_OF.get(field) ?? (field || 'input')}: ${message}`;
    })
    .join('; ');
}
