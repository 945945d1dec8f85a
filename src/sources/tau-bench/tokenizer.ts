// Token estimates for τ-bench trajectories, which record no usage: gpt-4o's own tokenizer
// (o200k_base, bundled in gpt-tokenizer, offline) over each message's text, memoised because the
// same history is re-counted for every later call. Spans priced from these counts are labelled
// `usageEstimated`: they leave out the system prompt and tool schemas, so they under-count.
import { countTokens } from 'gpt-tokenizer/model/gpt-4o';
import type { TokenCounter } from './spans.ts';

export function gpt4oTokenCounter(): TokenCounter {
  const memo = new Map<string, number>();
  return (text) => {
    let n = memo.get(text);
    if (n === undefined) {
      n = countTokens(text);
      memo.set(text, n);
    }
    return n;
  };
}
