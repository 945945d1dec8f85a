// The rules around a delivery that need no network: which webhook URLs are accepted (and what the
// refusal says), when a failed delivery is tried again, and how stream positions are read.
import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY, nextAttemptAt, parseRetryAfter } from '../../../src/alerts/retry-policy.ts';
import { checkWebhookUrl, MAX_WEBHOOK_URL_LENGTH } from '../../../src/alerts/webhook-url.ts';
import { parsePosition } from '../../../src/api/alert-stream.ts';

describe('checkWebhookUrl', () => {
  it('accepts http and https URLs, normalised', () => {
    expect(checkWebhookUrl(' https://hooks.slack.com/services/T/B/x ')).toEqual({ ok: true, url: 'https://hooks.slack.com/services/T/B/x' });
    expect(checkWebhookUrl('http://127.0.0.1:9000/hook')).toEqual({ ok: true, url: 'http://127.0.0.1:9000/hook' });
  });

  it.each([
    ['', /empty/],
    ['not a url', /not an absolute URL/],
    ['ftp://example.com/x', /only http and https/],
    ['javascript:alert(1)', /only http and https/],
    ['file:///etc/passwd', /only http and https/],
    ['https://example.com/hook#part', /fragment/],
    [`https://example.com/${'a'.repeat(MAX_WEBHOOK_URL_LENGTH)}`, /at most 2048/],
  ])('refuses %j saying why', (url, why) => {
    const checked = checkWebhookUrl(url);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(why);
  });
});

describe('retry policy', () => {
  it('doubles from 1 s and caps at 5 min', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(12)).toBe(300_000);
    expect(backoffMs(1000)).toBe(300_000);
  });

  it('gives up after 8 attempts', () => {
    expect(nextAttemptAt(7, 0, null)).toBe(64_000);
    expect(nextAttemptAt(DEFAULT_RETRY.maxAttempts, 0, null)).toBeNull();
  });

  it('waits at least what Retry-After asks, in seconds or as a date, within an hour', () => {
    expect(parseRetryAfter('30')).toBe(30_000);
    expect(parseRetryAfter(new Date(10_000 + 45_000).toUTCString(), 10_000)).toBe(45_000);
    expect(parseRetryAfter('999999')).toBe(3_600_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(nextAttemptAt(1, 0, 30_000)).toBe(30_000);
    expect(nextAttemptAt(3, 0, 10)).toBe(4000);
  });
});

describe('stream positions', () => {
  it('reads event ids, epoch ms and ISO instants', () => {
    expect(parsePosition('1714557600000-al-1|x', 'h')).toEqual({ ms: 1714557600000, id: 'al-1|x' });
    expect(parsePosition('1714557600000', 'h')).toEqual({ ms: 1714557600000, id: '' });
    expect(parsePosition('2026-01-31', 'h')).toEqual({ ms: Date.parse('2026-01-31'), id: '' });
    expect(parsePosition('2026-01-31T12:00:00Z', 'h')).toEqual({ ms: Date.parse('2026-01-31T12:00:00Z'), id: '' });
  });

  it('refuses anything else, naming where it came from', () => {
    expect(() => parsePosition('yesterday', 'The after parameter')).toThrow(/The after parameter must be an event id/);
  });
});
