// The parts of a SWE-agent trajectory (`.traj`) ClawTrace reads. SWE-agent 0.x writes
// `{environment, trajectory[], history[], info{exit_status, submission, model_stats}}`; 1.x adds
// `replay_config` (the run's configuration, naming the model) and per-step `execution_time`.
// Checked per step, so one malformed step is rejected alone.
import { z } from 'zod';

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const SweStepSchema = z.looseObject({
  action: z.string(),
  observation: z.string().nullish(),
  response: z.string().nullish(),
  thought: z.string().nullish(),
  /** Seconds the action took to run (1.x). */
  execution_time: z.number().nonnegative().finite().nullish(),
});
export type SweStep = z.infer<typeof SweStepSchema>;

/** Chat content: text, or (1.x, multimodal) a list of parts with text. */
const ContentSchema = z.union([z.string(), z.array(z.looseObject({ text: z.string().nullish() }))]).nullish();

export const SweHistoryMessageSchema = z.looseObject({
  role: z.string(),
  content: ContentSchema,
  is_demo: z.boolean().nullish(),
});
export type SweHistoryMessage = z.infer<typeof SweHistoryMessageSchema>;

export const SweModelStatsSchema = z.looseObject({
  /** Cost of this instance, USD. */
  instance_cost: z.number().nonnegative().finite().nullish(),
  /** 0.x: the running total of the whole batch run (equals instance_cost for its first instance). */
  total_cost: z.number().nonnegative().finite().nullish(),
  tokens_sent: count,
  tokens_received: count,
  api_calls: count,
});
export type SweModelStats = z.infer<typeof SweModelStatsSchema>;

export const SweInfoSchema = z.looseObject({
  exit_status: z.string().nullish(),
  submission: z.string().nullish(),
  model_stats: SweModelStatsSchema.nullish(),
});
export type SweInfo = z.infer<typeof SweInfoSchema>;

export function messageText(message: SweHistoryMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text ?? '').join('');
}

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ');
}
