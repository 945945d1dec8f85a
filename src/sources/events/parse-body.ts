// A /v1/events body → envelopes. Accepts one envelope, a JSON array of envelopes, or NDJSON (one
// envelope per line). Each bad record is rejected with its location; the good ones are kept.
import type { z } from 'zod';
import { boundKey } from '../../domain/bound-key.ts';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../domain/json-depth.ts';
import type { Rejection } from '../../domain/model.ts';
import { EventEnvelopeSchema, type EventEnvelope } from './schema.ts';

export interface ParsedEvents {
  events: EventEnvelope[];
  rejections: Rejection[];
}

function describe(error: z.ZodError): Array<{ field: string; reason: string }> {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(envelope)', reason: issue.message }));
}

/** The event's own id names it when it has one; otherwise its position (`line 3`, `event[2]`). */
function eventLabel(value: unknown, fallback: string): string {
  const id = (value as { event?: { eventId?: unknown } } | null)?.event?.eventId;
  return typeof id === 'string' && id !== '' && !/\s/.test(id) ? `event ${boundKey(id)}` : fallback;
}

/** Validates one envelope; on failure every bad field is reported under the record's label. */
export function validateEnvelope(value: unknown, fallback: string, rejections: Rejection[]): EventEnvelope | undefined {
  // Before anything walks it recursively (zod, the store's JSON.stringify, canonical arguments).
  if (nestedDeeperThan(value)) {
    rejections.push({ location: eventLabel(value, fallback), reason: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` });
    return undefined;
  }
  const parsed = EventEnvelopeSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const label = eventLabel(value, fallback);
  for (const { field, reason } of describe(parsed.error)) rejections.push({ location: `${label} field ${field}`, reason });
  return undefined;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${(error as Error).message}` };
  }
}

export function parseEventsBody(body: string): ParsedEvents {
  const events: EventEnvelope[] = [];
  const rejections: Rejection[] = [];
  const text = body.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { events, rejections: [{ location: 'body', reason: 'empty body: expected an event envelope, a JSON array of them, or NDJSON' }] };
  const whole = parseJson(text);
  if (whole.ok && Array.isArray(whole.value)) {
    whole.value.forEach((item, i) => {
      const envelope = validateEnvelope(item, `event[${i}]`, rejections);
      if (envelope) events.push(envelope);
    });
    return { events, rejections };
  }
  if (whole.ok) {
    const envelope = validateEnvelope(whole.value, 'body', rejections);
    if (envelope) events.push(envelope);
    return { events, rejections };
  }
  // Not one JSON document: NDJSON, each non-blank line one envelope.
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseJson(line);
    if (!parsed.ok) {
      rejections.push({ location: `line ${i + 1}`, reason: parsed.reason });
      return;
    }
    const envelope = validateEnvelope(parsed.value, `line ${i + 1}`, rejections);
    if (envelope) events.push(envelope);
  });
  return { events, rejections };
}
