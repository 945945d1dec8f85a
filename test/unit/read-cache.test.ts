// The read cache serves a value only at the database version it was computed at, shares one
// computation between concurrent requests, forgets failures, and stays within its size.
import { describe, expect, it } from 'vitest';
import { ReadCache } from '../../src/graph/read-cache.ts';

describe('ReadCache', () => {
  it('computes again when the version changed', async () => {
    const cache = new ReadCache();
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cache.get('v1', 'k', compute)).toBe(1);
    expect(await cache.get('v1', 'k', compute)).toBe(1);
    expect(await cache.get('v2', 'k', compute)).toBe(2);
  });

  it('shares one computation between concurrent requests for a key', async () => {
    const cache = new ReadCache();
    let runs = 0;
    const compute = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 10));
    const values = await Promise.all(Array.from({ length: 16 }, () => cache.get('v1', 'k', compute)));
    expect(values).toEqual(Array(16).fill(1));
  });

  it('forgets a failed computation', async () => {
    const cache = new ReadCache();
    await expect(cache.get('v1', 'k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('v1', 'k', async () => 'ok')).toBe('ok');
  });

  it('drops the least recently used entry beyond its size', async () => {
    const cache = new ReadCache(2);
    await cache.get('v', 'a', async () => 'a');
    await cache.get('v', 'b', async () => 'b');
    await cache.get('v', 'a', async () => 'a again');
    await cache.get('v', 'c', async () => 'c');
    expect(cache.size).toBe(2);
    expect(await cache.get('v', 'a', async () => 'recomputed')).toBe('a');
    expect(await cache.get('v', 'b', async () => 'recomputed')).toBe('recomputed');
  });
});
