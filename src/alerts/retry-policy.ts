// When to try a failed webhook delivery again: exponential back-off (1 s, 2 s, 4 s … capped at
// 5 min), at most 8 attempts, and a receiver's Retry-After (429, 503) taken as the least wait.

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 5 * 60_000, maxAttempts: 8 };

/** A Retry-After longer than this is taken as this: a receiver cannot park an alert for days. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** Delay before the attempt after `attempts` failed ones: base · 2^(attempts-1), capped. */
export function backoffMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
}

/** A Retry-After header (seconds, or an HTTP date) as ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return null;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/** Epoch ms of the next attempt, or null when `attempts` used them all (the delivery has FAILED). */
export function nextAttemptAt(attempts: number, now: number, retryAfterMs: number | null, policy: RetryPolicy = DEFAULT_RETRY): number | null {
  if (attempts >= policy.maxAttempts) return null;
  return now + Math.max(backoffMs(attempts, policy), retryAfterMs ?? 0);
}
