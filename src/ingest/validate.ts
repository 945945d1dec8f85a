// zod at the boundary between adapters and the writer: a record that does not fit the normalised
// model is rejected with its location, and the rest of the batch still lands.
import {
  SessionRecordSchema,
  SpanRecordSchema,
  SpawnRecordSchema,
  type NormalisedBatch,
  type Rejection,
} from '../domain/model.ts';
import type { z } from 'zod';

export interface ValidBatch {
  sessions: z.output<typeof SessionRecordSchema>[];
  spans: z.output<typeof SpanRecordSchema>[];
  spawns: z.output<typeof SpawnRecordSchema>[];
  rejections: Rejection[];
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
}

export function validateBatch(batch: NormalisedBatch): ValidBatch {
  const out: ValidBatch = { sessions: [], spans: [], spawns: [], rejections: [...batch.rejections] };
  for (const session of batch.sessions) {
    const parsed = SessionRecordSchema.safeParse(session);
    if (parsed.success) out.sessions.push(parsed.data);
    else out.rejections.push({ location: `session ${String((session as { id?: unknown }).id)}`, reason: describe(parsed.error) });
  }
  for (const span of batch.spans) {
    const parsed = SpanRecordSchema.safeParse(span);
    if (parsed.success) out.spans.push(parsed.data);
    else out.rejections.push({ location: `span ${String((span as { id?: unknown }).id)}`, reason: describe(parsed.error) });
  }
  for (const spawn of batch.spawns) {
    const parsed = SpawnRecordSchema.safeParse(spawn);
    if (parsed.success) out.spawns.push(parsed.data);
    else out.rejections.push({ location: `spawn ${String((spawn as { spanId?: unknown }).spanId)}`, reason: describe(parsed.error) });
  }
  return out;
}
