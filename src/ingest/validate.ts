// zod at the boundary between adapters and the writer: a record that does not fit the normalised
// model is rejected with its location, and the rest of the batch still lands.
//
// Also the one place where hostile values are bounded before they reach Neo4j (issue 13), whatever
// adapter produced them:
// - strings that land in indexed or constrained properties (ids, model, tool, skill, agent) are
//   truncated with a hash kept (src/domain/bound-key.ts says why: they are references);
// - a timestamp too long to be one is dropped (Session.startedAt is indexed) and reported;
// - a reported cost that is not a finite non-negative number is dropped and reported; one beyond
//   the plausibility bound is kept for the pricer, which stores the span unpriced with the reason;
// - tool arguments and results nested deeper than MAX_JSON_DEPTH become a placeholder (reported).
import { boundKey } from '../domain/bound-key.ts';
import { implausibleCost } from '../domain/cost/index.ts';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../domain/json-depth.ts';
import {
  SessionRecordSchema,
  SpanRecordSchema,
  SpawnRecordSchema,
  type NormalisedBatch,
  type Rejection,
  type TraceAlias,
} from '../domain/model.ts';
import type { z } from 'zod';

export interface ValidBatch {
  sessions: z.output<typeof SessionRecordSchema>[];
  spans: z.output<typeof SpanRecordSchema>[];
  spawns: z.output<typeof SpawnRecordSchema>[];
  traceAliases: TraceAlias[];
  rejections: Rejection[];
}

/** Fields that become (part of) an index or uniqueness-constraint key, or point to one. */
const SESSION_KEYS = ['id', 'agentId', 'skill'] as const;
const SPAN_KEYS = ['id', 'sessionId', 'parentId', 'model', 'toolName', 'traceId'] as const;
const ALIAS_KEYS = ['traceId', 'traceSessionId', 'sessionId'] as const;
const SPAWN_KEYS = ['spanId', 'parentSessionId', 'childSessionId'] as const;
const TIMESTAMPS = ['startedAt', 'endedAt'] as const;
/** Longer than any ISO 8601 spelling with nanoseconds and a zone name. */
export const MAX_TIMESTAMP_CHARS = 64;

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
}

/** A copy of `record` with its key fields bounded (non-strings are left for zod to refuse). */
function boundKeys<T extends object>(record: T, keys: readonly string[]): T {
  const out = { ...record } as Record<string, unknown>;
  for (const key of keys) if (typeof out[key] === 'string') out[key] = boundKey(out[key]);
  return out as T;
}

/** How a record is named in rejections: bounded, so a 1 MB id does not make a 1 MB response. */
const label = (kind: string, id: unknown) => `${kind} ${boundKey(String(id))}`;

function dropLongTimestamps(record: Record<string, unknown>, where: string, rejections: Rejection[]): void {
  for (const key of TIMESTAMPS) {
    const value = record[key];
    if (typeof value === 'string' && value.length > MAX_TIMESTAMP_CHARS) {
      rejections.push({ location: `${where} field ${key}`, reason: `${value.length} characters is not a timestamp; field ignored` });
      record[key] = null;
    }
  }
}

/** Arguments and results nested deeper than any real call would overflow the recursive canonicaliser. */
function flattenDeepPayloads(span: Record<string, unknown>, where: string, rejections: Rejection[]): void {
  for (const key of ['args', 'result'] as const) {
    if (!nestedDeeperThan(span[key])) continue;
    rejections.push({ location: `${where} field ${key}`, reason: `nested deeper than ${MAX_JSON_DEPTH} levels; stored as a placeholder` });
    span[key] = `[${key} nested deeper than ${MAX_JSON_DEPTH} levels]`;
  }
}

function checkReportedCost(span: Record<string, unknown>, where: string, rejections: Rejection[]): void {
  const cost = span.reportedCostUsd;
  if (typeof cost !== 'number') return;
  const problem = implausibleCost(cost);
  if (!problem) return;
  const location = `${where} field reportedCostUsd`;
  if (Number.isFinite(cost) && cost >= 0) {
    rejections.push({ location, reason: `reported ${problem}; the span is stored unpriced` });
  } else {
    rejections.push({ location, reason: `reported ${problem}; field ignored` });
    span.reportedCostUsd = null;
  }
}

export function validateBatch(batch: NormalisedBatch): ValidBatch {
  const out: ValidBatch = {
    sessions: [],
    spans: [],
    spawns: [],
    // Built by the OTLP adapter from ids it also gives spans and sessions: bounded the same way.
    traceAliases: (batch.traceAliases ?? []).map((alias) => boundKeys(alias, ALIAS_KEYS)),
    rejections: [...batch.rejections],
  };
  for (const raw of batch.sessions) {
    const session = boundKeys(raw, SESSION_KEYS);
    const where = label('session', session.id);
    dropLongTimestamps(session as Record<string, unknown>, where, out.rejections);
    const parsed = SessionRecordSchema.safeParse(session);
    if (parsed.success) out.sessions.push(parsed.data);
    else out.rejections.push({ location: where, reason: describe(parsed.error) });
  }
  for (const raw of batch.spans) {
    const span = boundKeys(raw, SPAN_KEYS);
    const where = label('span', span.id);
    dropLongTimestamps(span as Record<string, unknown>, where, out.rejections);
    checkReportedCost(span as Record<string, unknown>, where, out.rejections);
    flattenDeepPayloads(span as Record<string, unknown>, where, out.rejections);
    const parsed = SpanRecordSchema.safeParse(span);
    if (parsed.success) out.spans.push(parsed.data);
    else out.rejections.push({ location: where, reason: describe(parsed.error) });
  }
  for (const raw of batch.spawns) {
    const spawn = boundKeys(raw, SPAWN_KEYS);
    const parsed = SpawnRecordSchema.safeParse(spawn);
    if (parsed.success) out.spawns.push(parsed.data);
    else out.rejections.push({ location: label('spawn', spawn.spanId), reason: describe(parsed.error) });
  }
  return out;
}
