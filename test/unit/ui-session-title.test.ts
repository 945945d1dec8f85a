// Session titles in the explorer's lists: a cron tag no longer eats the title, and two runs that
// read alike are told apart by start time and short id.
import { describe, expect, it } from 'vitest';
import { listTitles, sessionTitle, shortId } from '../../src/ui/static/session-title.js';

const CRON_TASK = '[cron:8b380d56-7314-4ba9-b4c4-ea11d3e5ca6f PR Review Patrol (High Frequency)] PR patrol for bills-bot.\n\nRepo: /x';

describe('session titles', () => {
  it('leads with the cron job name, not its uuid', () => {
    expect(sessionTitle({ id: 'a', task: CRON_TASK })).toEqual({ title: 'PR Review Patrol (High Frequency): PR patrol for bills-bot. Repo: /x', tag: 'cron' });
    expect(sessionTitle({ id: 'a', task: 'Fix the\nbuild' })).toEqual({ title: 'Fix the build', tag: null });
    expect(sessionTitle({ id: 'a', task: null, agentName: 'build' }).title).toBe('build');
  });

  it('tells apart sessions whose titles read the same', () => {
    const titles = listTitles(
      [
        { id: 'openclaw:3c0cbde4-a641', task: CRON_TASK, startedAt: '2026-02-18T09:04:55.838Z' },
        { id: 'openclaw:684637ff-e673', task: CRON_TASK, startedAt: '2026-02-18T03:34:55.881Z' },
        { id: 'claude-code:fa812bfe-b295', task: 'Work on bead spotter-a0y' },
      ],
      48,
    );
    expect(titles.map((t) => t.distinct)).toEqual(['2026-02-18 09:04 · 3c0cbde4', '2026-02-18 03:34 · 684637ff', null]);
    expect(titles[0]!.title).toBe('PR Review Patrol (High Frequency): PR patrol fo…');
    expect(shortId('claude-code:cb2e607c-c758:agent-2b93909d')).toBe('cb2e607c');
  });
});
