// One Messages API call with retries the caller can report: 429 (rate limit) and 5xx / overloaded /
// connection failures are retried with exponential backoff, honouring `retry-after`; anything else
// (400, 401, an abort) is thrown at once. The SDK's own retries are off (maxRetries: 0) so every
// retry is counted here.
import Anthropic from '@anthropic-ai/sdk';
import type { RetryCounts } from './types.ts';

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 4, baseDelayMs: 1000, maxDelayMs: 20_000 };

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Anthropic.APIUserAbortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Anthropic.APIUserAbortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function retryAfterMs(error: InstanceType<typeof Anthropic.APIError>): number | null {
  const value = error.headers?.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

export type RetryKind = 'rateLimited' | 'serverErrors';

export function retryKind(error: unknown): RetryKind | null {
  if (error instanceof Anthropic.APIUserAbortError) return null;
  if (error instanceof Anthropic.APIConnectionError) return 'serverErrors';
  if (!(error instanceof Anthropic.APIError) || error.status === undefined) return null;
  if (error.status === 429) return 'rateLimited';
  return error.status >= 500 ? 'serverErrors' : null;
}

export async function withApiRetries<T>(
  call: () => Promise<T>,
  counts: RetryCounts,
  policy: RetryPolicy,
  signal?: AbortSignal,
  onRetry?: (kind: RetryKind, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const kind = retryKind(error);
      if (!kind || attempt >= policy.maxRetries) throw error;
      counts[kind]++;
      const hinted = error instanceof Anthropic.APIError ? retryAfterMs(error) : null;
      const delay = Math.min(policy.maxDelayMs, hinted ?? policy.baseDelayMs * 2 ** attempt);
      onRetry?.(kind, attempt + 1, delay);
      await sleep(delay, signal);
    }
  }
}
