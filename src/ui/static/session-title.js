// How a session is named in lists. Its task is the first user message, and scheduled runs start
// with the scheduler's tag: OpenClaw cron prompts begin `[cron:<uuid> <job name>] <prompt>`, so
// every run of a job looks the same, and a 48-character title is all uuid. The title puts the job
// name first; sessions that still read alike get what tells them apart (start time, short id).

const CRON = /^\[cron:[0-9a-f-]+\s+([^\]]*)\]\s*/i;

/** { title, tag }: `tag` is 'cron' for a scheduled run (its job name leads the title). */
export function sessionTitle(session) {
  const task = (session.task ?? '').trim();
  if (!task) return { title: session.agentName || session.agentId || session.id, tag: null };
  const cron = CRON.exec(task);
  if (cron) {
    const rest = task.slice(cron[0].length).replace(/\s+/g, ' ').trim();
    return { title: rest ? `${cron[1].trim()}: ${rest}` : cron[1].trim(), tag: 'cron' };
  }
  return { title: task.replace(/\s+/g, ' '), tag: null };
}

/** The id's distinctive part: the uuid's first block after the source prefix (`684637ff`). */
export function shortId(id) {
  const tail = id.replace(/^[a-z-]+:/, '');
  const block = /^[0-9a-f]{8}/i.exec(tail);
  return block ? block[0] : tail.slice(0, 12);
}

/**
 * Titles for a list of sessions, clipped to `max` characters; those whose clipped titles are equal
 * get ` · <start time> · <short id>` so no two rows read the same. Returns [{ title, tag, distinct }].
 */
export function listTitles(sessions, max = 60) {
  const clip = (text) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
  const titled = sessions.map((s) => ({ ...sessionTitle(s), session: s }));
  const seen = new Map();
  for (const t of titled) seen.set(clip(t.title), (seen.get(clip(t.title)) ?? 0) + 1);
  return titled.map(({ title, tag, session }) => {
    const clipped = clip(title);
    if (seen.get(clipped) === 1) return { title: clipped, tag, distinct: null };
    const when = session.startedAt ? session.startedAt.slice(0, 16).replace('T', ' ') : 'no start time';
    return { title: clipped, tag, distinct: `${when} · ${shortId(session.id)}` };
  });
}
