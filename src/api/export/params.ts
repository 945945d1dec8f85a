// Query-string filters of the exports: the same filters as the GraphQL `where` inputs, flattened
// (`?agentId=a&from=2026-01-01T00:00:00Z&kind=LLM,TOOL`). Enum values are taken in either case
// (GraphQL's `CLAUDE_CODE`, the data's `claude-code`). Unknown parameters are refused, so a typo
// does not silently export everything; every refusal names the parameter and what it takes.
import { z } from 'zod';
import { boundKey } from '../../domain/bound-key.ts';
import { ROLLUP_DIMENSIONS, type RollupDimension } from '../../graph/rollups.ts';
import type { SessionFilter, SpanFilter } from '../../graph/sessions.ts';
import { HttpError } from '../http.ts';
import * as E from '../graphql/enums.ts';
import { parseInstant } from '../graphql/scalars.ts';
import type { SpanColumnChoice } from './columns.ts';

type EnumTable = { values: string[]; fromEither(text: string): string | null };

/**
 * One value of a GraphQL enum: the stored value (`claude-code`) or the enum name (`CLAUDE_CODE`), in
 * either case, so a URL can be written from the GraphQL docs or from the data alike.
 */
const enumValue = (t: EnumTable) =>
  z.string().transform((v, ctx) => {
    const stored = t.fromEither(v);
    if (stored !== null) return stored;
    // The value is echoed (cut short) so that the one at fault in a long URL is easy to find.
    const shown = v.length > 40 ? `${v.slice(0, 40)}…` : v;
    ctx.addIssue({ code: 'custom', message: `one of ${t.values.join(', ')} (either case), not "${shown}"` });
    return z.NEVER;
  });

const instant = z.string().transform((v, ctx) => {
  try {
    return parseInstant(v);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const list = z.array(z.string().min(1)).max(1000, 'at most 1000 values');

const SessionParams = {
  ids: list.optional(),
  agentId: z.string().optional(),
  skill: z.string().optional(),
  source: enumValue(E.SessionSource).optional(),
  status: enumValue(E.SessionStatus).optional(),
  role: enumValue(E.SessionRole).optional(),
  outcome: enumValue(E.OutcomeResult).optional(),
  from: instant.optional(),
  to: instant.optional(),
  minTotalCostUsd: z.coerce.number().finite().optional(),
  rootOnly: bool.optional(),
  hasErrors: bool.optional(),
};

const SpanParams = {
  kind: z.array(enumValue(E.SpanKind)).optional(),
  spanStatus: enumValue(E.SpanStatus).optional(),
  toolName: z.string().optional(),
  model: z.string().optional(),
  // The text columns (argsCanonical, resultPreview, textPreview) and attributes, on unless `=false`.
  previews: bool.optional(),
  attributes: bool.optional(),
};

/** What to say when groupBy is missing, empty or wrong: the parameter, its dimensions, an example. */
export const GROUP_BY_HELP = `name one or two dimensions of ${ROLLUP_DIMENSIONS.join(', ')} (either case), e.g. groupBy=day,model`;

const RollupParams = {
  // Optional here so that its absence gets our message, not the validation library's.
  groupBy: z
    .array(enumValue(E.RollupDimension))
    .min(1, `empty: ${GROUP_BY_HELP}`)
    .max(2, `at most two dimensions: ${GROUP_BY_HELP}`)
    .optional(),
  agentId: z.string().optional(),
  skill: z.string().optional(),
  source: SessionParams.source,
  sessionIds: list.optional(),
  from: instant.optional(),
  to: instant.optional(),
};

const LIST_PARAMS = new Set(['ids', 'kind', 'groupBy', 'sessionIds']);

/** URLSearchParams → plain object; list parameters may repeat or hold commas. */
function searchObject(search: URLSearchParams): Record<string, string | string[]> {
  // Null prototype: `?__proto__=x` must become an own (and so unknown, refused) parameter instead of
  // an assignment to the object's prototype that zod would never see.
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    out[key] = LIST_PARAMS.has(key) ? values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean) : values.at(-1)!;
  }
  return out;
}

function parse<S extends z.ZodRawShape>(shape: S, search: URLSearchParams): z.infer<z.ZodObject<S>> {
  const parsed = z.strictObject(shape).safeParse(searchObject(search));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) =>
    // The parameter's name, not the position in its list (`groupBy`, not `groupBy.1`).
    i.code === 'unrecognized_keys' ? `unknown parameter(s) ${i.keys.join(', ')}` : `${i.path.filter((k) => typeof k === 'string').join('.')}: ${i.message}`,
  );
  throw new HttpError(400, 'BAD_USER_INPUT', `Bad export parameters: ${problems.join('; ')}`);
}

function sessionFilter(p: z.infer<z.ZodObject<typeof SessionParams>>): SessionFilter {
  if (p.from && p.to && p.from > p.to) throw new HttpError(400, 'BAD_USER_INPUT', '`from` is after `to`');
  // Ids and names are stored bounded (src/domain/bound-key.ts); a long one is looked up the same way.
  return { ...p, ids: p.ids?.map(boundKey) ?? null, agentId: bounded(p.agentId), skill: bounded(p.skill) };
}

function bounded(value: string | undefined): string | undefined {
  return value === undefined ? undefined : boundKey(value);
}

export function sessionExportParams(search: URLSearchParams): SessionFilter {
  return sessionFilter(parse(SessionParams, search));
}

export function spanExportParams(search: URLSearchParams): { sessions: SessionFilter; spans: SpanFilter; columns: SpanColumnChoice } {
  const { kind, spanStatus, toolName, model, previews, attributes, ...session } = parse({ ...SessionParams, ...SpanParams }, search);
  return {
    sessions: sessionFilter(session),
    spans: { kinds: kind ?? null, status: spanStatus ?? null, toolName: bounded(toolName) ?? null, model: bounded(model) ?? null },
    columns: { previews: previews ?? true, attributes: attributes ?? true },
  };
}

export function rollupExportParams(search: URLSearchParams) {
  const p = parse(RollupParams, search);
  if (p.groupBy === undefined) throw new HttpError(400, 'BAD_USER_INPUT', `Bad export parameters: groupBy is missing: ${GROUP_BY_HELP}`);
  if (p.groupBy.slice(1).includes('tool')) throw new HttpError(400, 'BAD_USER_INPUT', '`tool` can only be the first groupBy dimension');
  if (p.from && p.to && p.from > p.to) throw new HttpError(400, 'BAD_USER_INPUT', '`from` is after `to`');
  const { groupBy, ...filter } = p;
  const keys = { agentId: bounded(filter.agentId), skill: bounded(filter.skill), sessionIds: filter.sessionIds?.map(boundKey) };
  return { groupBy: groupBy as RollupDimension[], filter: { ...filter, ...keys } };
}
