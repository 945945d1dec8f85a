// Which part of a Claude Code project folder a file is, from its path alone.
//
//   <project>/<sessionId>.jsonl                               main transcript
//   <project>/agent-<agentId>.jsonl                           sub-agent, old layout (< 2.1.2): the
//                                                             parent session is named inside the lines
//   <project>/<sessionId>/subagents/agent-<agentId>.jsonl     sub-agent, new layout (>= 2.1.2)
//   <project>/<sessionId>/subagents/agent-<agentId>.meta.json its spawn metadata (toolUseId, agentType)
//
// Agent ids are short hex (`a93ccab`) or prefixed (`acompact-70d8e7` for compaction), so everything
// between `agent-` and the extension is the id.

export type FileRole =
  | { kind: 'main'; sessionId: string }
  | { kind: 'agent'; agentId: string; layout: 'sibling' | 'subagents'; parentSessionId: string | null }
  | { kind: 'meta'; agentId: string; parentSessionId: string | null }
  | { kind: 'other' };

const AGENT_TRANSCRIPT = /^agent-(.+)\.jsonl$/;
const AGENT_META = /^agent-(.+)\.meta\.json$/;
const TRANSCRIPT = /^(.+)\.jsonl$/;
const SUBAGENTS_DIR = 'subagents';

/** Path segments, whichever separator the caller's platform used. */
function segments(path: string): string[] {
  return path.split(/[\\/]+/).filter((s) => s !== '');
}

export function baseName(path: string): string {
  return segments(path).at(-1) ?? path;
}

/** `<sessionId>` in `<sessionId>/subagents/<file>`, or null when the file is not in that layout. */
function subagentsParent(parts: string[]): string | null {
  const dir = parts.at(-2);
  const session = parts.at(-3);
  return dir === SUBAGENTS_DIR && session ? session : null;
}

export function classifyPath(path: string): FileRole {
  const parts = segments(path);
  const name = parts.at(-1) ?? '';
  const meta = AGENT_META.exec(name);
  if (meta?.[1]) return { kind: 'meta', agentId: meta[1], parentSessionId: subagentsParent(parts) };
  const agent = AGENT_TRANSCRIPT.exec(name);
  if (agent?.[1]) {
    const parentSessionId = subagentsParent(parts);
    return { kind: 'agent', agentId: agent[1], layout: parentSessionId ? 'subagents' : 'sibling', parentSessionId };
  }
  const main = TRANSCRIPT.exec(name);
  if (main?.[1]) return { kind: 'main', sessionId: main[1] };
  return { kind: 'other' };
}
