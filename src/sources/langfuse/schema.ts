// The parts of a Langfuse trace export ClawTrace reads, checked per observation so one bad
// observation is rejected alone. The export is `{trace, observations}` (what Langfuse's own
// `download_traces` writes); the public API's trace-with-details (`{id, …, observations}`) is read the
// same way. Fields not listed are ignored.
import { z } from 'zod';

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const money = z.number().nonnegative().finite();
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 time');

export const LangfuseTraceSchema = z.looseObject({
  id: z.string().min(1),
  sessionId: z.string().nullish(),
  name: z.string().nullish(),
  userId: z.string().nullish(),
});
export type LangfuseTrace = z.infer<typeof LangfuseTraceSchema>;

export const LangfuseObservationSchema = z.looseObject({
  id: z.string().min(1),
  traceId: z.string().min(1).nullish(),
  parentObservationId: z.string().min(1).nullish(),
  /** SPAN, GENERATION, EVENT, AGENT, TOOL, CHAIN, RETRIEVER, EMBEDDING, … */
  type: z.string(),
  name: z.string().nullish(),
  startTime: instant,
  endTime: instant.nullish(),
  level: z.string().nullish(),
  statusMessage: z.string().nullish(),
  model: z.string().nullish(),
  /** A JSON string holding the original OTel `attributes`, `resourceAttributes` and `scope`. */
  metadata: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  /** Additive token counts by kind: `input`, `output`, `input_cache_read`, `output_reasoning`, `total`. */
  usageDetails: z.record(z.string(), count).nullish(),
  costDetails: z.record(z.string(), money).nullish(),
  /** What Langfuse recorded as the cost of this observation, USD. */
  totalCost: money.nullish(),
});
export type LangfuseObservation = z.infer<typeof LangfuseObservationSchema>;

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `field ${i.path.join('.') || '(observation)'}: ${i.message}`).join('; ');
}
