// Lease holders: only a holder that ran on this host under a pid that is gone counts as dead.
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isDeadLocalOwner, leaseOwnerId } from '../../../src/graph/lease-owners.ts';

describe('lease owners', () => {
  const host = os.hostname();
  // A pid that existed and has exited: a child that ran to completion.
  const gone = spawnSync(process.execPath, ['-e', '0']).pid!;

  it('names its host and pid', () => {
    expect(leaseOwnerId('finaliser').split(':').slice(0, 3)).toEqual(['finaliser', host, String(process.pid)]);
  });

  it('is dead only on this host, with a pid that no longer exists, never this process', () => {
    expect(isDeadLocalOwner(`finaliser:${host}:${gone}:x`)).toBe(true);
    expect(isDeadLocalOwner(`finaliser:other-host:${gone}:x`)).toBe(false);
    expect(isDeadLocalOwner(`finaliser:${host}:${process.pid}:x`)).toBe(false);
    expect(isDeadLocalOwner(`finaliser:${host}:1:x`)).toBe(false); // init: alive
    expect(isDeadLocalOwner(`finaliser-${gone}-uuid`)).toBe(false); // the old format: left to its lease
    expect(isDeadLocalOwner(`finaliser:${host}:abc:x`)).toBe(false);
  });
});
