// The τ-bench historical-trajectory file (`historical_trajectories/*.json` of sierra-research/
// tau-bench): a JSON array of trials, each an OpenAI chat transcript with the reward the benchmark
// gave it. Validated with zod so a malformed trial is rejected with its index, not half-read.
import { z } from 'zod';

const ToolCallSchema = z.object({
  id: z.string(),
  type: z.string().optional(),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

export const TauMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string().nullish(),
  tool_calls: z.array(ToolCallSchema).nullish(),
  tool_call_id: z.string().nullish(),
  name: z.string().nullish(),
});
export type TauMessage = z.infer<typeof TauMessageSchema>;

/** One expected (gold) action of a task: a tool name and its keyword arguments. */
export const GoldActionSchema = z.object({ name: z.string(), kwargs: z.record(z.string(), z.unknown()) });
export type GoldAction = z.infer<typeof GoldActionSchema>;

export const TauTrialSchema = z.object({
  task_id: z.number().int().nonnegative(),
  trial: z.number().int().nonnegative(),
  reward: z.number(),
  info: z.object({
    task: z.object({
      user_id: z.string().optional(),
      instruction: z.string(),
      actions: z.array(GoldActionSchema).default([]),
      /** Strings the final answer must contain (information tasks). */
      outputs: z.array(z.string()).default([]),
    }),
    source: z.string().optional(),
    user_cost: z.number().nullish(),
    /** How the reward was computed; null when the run ended abnormally (e.g. context overflow). */
    reward_info: z
      .object({
        reward: z.number(),
        info: z.record(z.string(), z.unknown()).optional(),
        actions: z.array(GoldActionSchema).optional(),
      })
      .nullish(),
  }),
  traj: z.array(TauMessageSchema),
});
export type TauTrial = z.infer<typeof TauTrialSchema>;
