// Per-call usage and cost for a SWE-agent run, which records only totals (`info.model_stats`). The
// totals are spread over the calls so that they add up exactly to what was recorded: tokens sent in
// proportion to the prompt each call sent (the whole history before its answer: SWE-agent resends
// it every turn), tokens received in proportion to each answer's length, cost in proportion to each
// call's tokens (in nano-dollars, so the sum is exact). The split is an estimate and is labelled so
// on every span; the session totals are the recorded ones.
import type { Usage } from '../../domain/model.ts';
import { apportion } from './apportion.ts';
import { messageText, type SweHistoryMessage, type SweModelStats } from './schema.ts';

export interface CallFigures {
  usage: Usage;
  costUsd: number | null;
}

const NANO = 1e9;

/** Prompt and answer sizes (characters) of each assistant turn of the history, in order. */
function turnSizes(history: readonly SweHistoryMessage[]): Array<{ prompt: number; answer: number }> {
  const sizes: Array<{ prompt: number; answer: number }> = [];
  let sent = 0;
  for (const message of history) {
    const length = messageText(message).length;
    if (message.role === 'assistant' && !message.is_demo) sizes.push({ prompt: sent, answer: length });
    sent += length;
  }
  return sizes;
}

export function apportionCalls(calls: number, stats: SweModelStats, history: readonly SweHistoryMessage[]): CallFigures[] {
  const sizes = turnSizes(history);
  // The history is only a guide when it has one assistant turn per call; otherwise equal shares.
  const matched = sizes.length === calls;
  const input = apportion(stats.tokens_sent, matched ? sizes.map((s) => s.prompt) : new Array<number>(calls).fill(1));
  const output = apportion(stats.tokens_received, matched ? sizes.map((s) => s.answer) : new Array<number>(calls).fill(1));
  const recorded = stats.instance_cost ?? stats.total_cost ?? null;
  const nanos = recorded === null ? null : apportion(Math.round(recorded * NANO), input.map((n, i) => n + output[i]!));
  return input.map((n, i) => ({
    usage: { input: n, output: output[i]!, cacheRead: 0, cacheWrite: 0, cacheWrite1h: 0, reasoning: 0 },
    costUsd: nanos === null ? null : nanos[i]! / NANO,
  }));
}
