// Session references a user can type: the short refs the session tables print (what
// `clawtrace card <ref>` takes back), and the rule that settles a prefix matching several sessions.
import type { SessionNode } from '../graph/sessions.ts';

/** What the source calls the session (`684637ff-…`, `fa812bfe-…:agent-a93ccab`), else the id without its source. */
function sourceId(session: Pick<SessionNode, 'id' | 'externalId' | 'source'>): string {
  if (session.externalId) return session.externalId;
  const prefix = session.source ? `${session.source}:` : '';
  return prefix && session.id.startsWith(prefix) ? session.id.slice(prefix.length) : session.id;
}

const PREFIX = 8;

/**
 * A short ref per session, each resolving back to it (cypher/session/resolve-ref): the last segment
 * of a nested id (a Claude Code sub-agent `…:agent-a93ccab` → `agent-a93ccab`, since its parent's
 * prefix is shared), else the first 8 characters of the source's id, lengthened while another
 * listed session shares them. A prefix a session shares with its own sub-agents is fine: `card`
 * picks the main session then (see pickSessionAmong).
 */
export function shortRefs(sessions: ReadonlyArray<Pick<SessionNode, 'id' | 'externalId' | 'source'>>): Map<string, string> {
  const bases = sessions.map(sourceId);
  const flat = bases.filter((b) => !b.includes(':'));
  const refs = new Map<string, string>();
  sessions.forEach((session, i) => {
    const base = bases[i]!;
    if (base.includes(':')) {
      refs.set(session.id, base.slice(base.lastIndexOf(':') + 1));
      return;
    }
    let length = Math.min(PREFIX, base.length);
    while (length < base.length && flat.some((other) => other !== base && other.startsWith(base.slice(0, length)))) length++;
    refs.set(session.id, base.slice(0, length));
  });
  return refs;
}

/**
 * The rule for a reference that matches several sessions: when exactly one of them is a main
 * session and every other match lies inside it — its sub-agents and internal runs (their ids
 * extend its id: `<id>:agent-…`) or sessions it spawned, at any depth — that main session is meant.
 * A placeholder (a spawned session whose transcript is not imported yet) is never the main one.
 * Otherwise nothing is picked and the caller lists the candidates. `complete` is false when the
 * candidates are only the first of more matches: then nothing can be ruled out, and nothing is picked.
 */
export function pickSessionAmong(
  candidates: ReadonlyArray<Pick<SessionNode, 'id' | 'role' | 'parentSessionId' | 'placeholder'>>,
  complete = true,
): string | null {
  if (!complete) return null;
  const mains = candidates.filter((c) => c.role === 'main' && !c.placeholder);
  if (mains.length !== 1) return null;
  const main = mains[0]!;
  const inside = new Set([main.id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of candidates) {
      if (inside.has(c.id)) continue;
      if (c.id.startsWith(`${main.id}:`) || (c.parentSessionId !== null && inside.has(c.parentSessionId))) {
        inside.add(c.id);
        grew = true;
      }
    }
  }
  return inside.size === candidates.length ? main.id : null;
}
