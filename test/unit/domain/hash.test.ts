import { describe, expect, it } from 'vitest';
import { sha256Hex, shortHash, SHORT_HASH_LENGTH } from '../../../src/domain/hash.ts';

describe('hash', () => {
  it('is SHA-256 over UTF-8 (FIPS 180-2 test vector and a non-ASCII string)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('é')).toBe(sha256Hex('\u00e9'));
    expect(sha256Hex('é')).not.toBe(sha256Hex('e\u0301')); // no Unicode normalisation: bytes decide
  });

  it('shortHash is a prefix of the full hash', () => {
    expect(shortHash('abc')).toBe('ba7816bf8f01');
    expect(shortHash('abc')).toHaveLength(SHORT_HASH_LENGTH);
    expect(shortHash('abc', 8)).toBe('ba7816bf');
    expect(() => shortHash('abc', 0)).toThrow(RangeError);
    expect(() => shortHash('abc', 65)).toThrow(RangeError);
  });
});
