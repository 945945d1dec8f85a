// Creating the first API key ends local mode for engines already running; `clawtrace keys create`
// must say so, and where the data written without a key went (project `local`).
import { describe, expect, it } from 'vitest';
import { LOCAL_RECHECK_MS } from '../../../src/api/auth.ts';
import { firstKeyNotice } from '../../../src/cli/keys-command.ts';

describe('the first API key notice', () => {
  it('says local mode ends, also for running engines, and how soon', () => {
    const text = firstKeyNotice('team-a');
    expect(text).toMatch(/first API key, so local mode ends/);
    expect(text).toMatch(/engines already running stop answering requests without one/);
    expect(text).toContain(`within ${LOCAL_RECHECK_MS / 1000} s`);
    expect(text).toContain('Authorization: Bearer <key>');
  });

  it('says keyless data stays in project "local" and how to reach it with a key for "local"', () => {
    const text = firstKeyNotice('team-a');
    expect(text).toContain('Data written without a key so far stays in project "local"');
    expect(text).toContain('use a key for project "local" (clawtrace keys create --project local)');
  });

  it('a first key for project "local" itself reaches that data', () => {
    const text = firstKeyNotice('local');
    expect(text).toContain('this key (project "local") reaches it');
    expect(text).not.toContain('keys create --project local');
  });
});
