// Query-string filters of the exports: the same filters as the GraphQL `where` inputs, flattened
// (`?agentId=a&from=2026-01-01T00:00:00Z&kind=LLM,TOOL`). Unknown parameters are refused, so a
// typo does not silently export everything.
import { z } from 'zod';
import { boundKey } from '../../domain/bound-key.ts';
import { SOURCES } from '../../domain/model.ts';
import type { RollupDimension } from '../../graph/rollups.ts';
import { isRollupDimension } from '../../graph/rollups.ts';
import type { SessionFilter, SpanFilter } from '../../graph/sessions.ts';
import { HttpError } from '../http.ts';
import { parseInstant } from '../graphql/scalars.ts';

/** Accepts stored values (`claude-code`) and GraphQL enum names (`CLAUDE_CODE`) alike. */
const enumValue = (values: readonly string[]) =>
  z
    .string()
    .transform((v) => v.trim().toLowerCase().replace(/_/g, '-'))
    .refine((v) => values.includes(v), { message: `one of ${values.join(', ')}` });

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
  source: enumValue(SOURCES).optional(),
  status: enumValue(['open', 'completed', 'failed']).optional(),
  role: enumValue(['main', 'subagent', 'warmup', 'compaction', 'internal']).optional(),
  outcome: enumValue(['success', 'failure']).optional(),
  from: instant.optional(),
  to: instant.optional(),
  minTotalCostUsd: z.coerce.number().finite().optional(),
  rootOnly: bool.optional(),
  hasErrors: bool.optional(),
};

const SpanParams = {
  kind: z.array(z.string().transform((k) => k.toUpperCase()).pipe(z.enum(['AGENT', 'LLM', 'TOOL', 'SUBAGENT', 'OTHER']))).optional(),
  spanStatus: enumValue(['ok', 'error']).optional(),
  toolName: z.string().optional(),
  model: z.string().optional(),
};

const RollupParams = {
  groupBy: z
    .array(z.string().transform((d) => d.toLowerCase()))
    .min(1, 'name one or two dimensions, e.g. groupBy=day,model')
    .max(2, 'at most two dimensions')
    .refine((dims) => dims.every(isRollupDimension), { message: 'dimensions are model, provider, agent, skill, session, source, day, hour, tool' }),
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
    i.code === 'unrecognized_keys' ? `unknown parameter(s) ${i.keys.join(', ')}` : `${i.path.join('.')}: ${i.message}`,
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

export function spanExportParams(search: URLSearchParams): { sessions: SessionFilter; spans: SpanFilter } {
  const { kind, spanStatus, toolName, model, ...session } = parse({ ...SessionParams, ...SpanParams }, search);
  return {
    sessions: sessionFilter(session),
    spans: { kinds: kind ?? null, status: spanStatus ?? null, toolName: bounded(toolName) ?? null, model: bounded(model) ?? null },
  };
}

export function rollupExportParams(search: URLSearchParams) {
  const p = parse(RollupParams, search);
  if (p.groupBy.slice(1).includes('tool')) throw new HttpError(400, 'BAD_USER_INPUT', '`tool` can only be the first groupBy dimension');
  if (p.from && p.to && p.from > p.to) throw new HttpError(400, 'BAD_USER_INPUT', '`from` is after `to`');
  const { groupBy, ...filter } = p;
  const keys = { agentId: bounded(filter.agentId), skill: bounded(filter.skill), sessionIds: filter.sessionIds?.map(boundKey) };
  return { groupBy: groupBy as RollupDimension[], filter: { ...filter, ...keys } };
}
