// Which session each line belongs to.
//
// A main transcript holds the main session, and (in old versions) sub-agent conversations inline as
// `isSidechain:true` lines that carry the parent's sessionId and their own agentId. A sub-agent
// transcript (sibling `agent-<id>.jsonl` or `<sid>/subagents/agent-<id>.jsonl`) is one sub-agent.
// Lines of the same session found in several files (inline and in its own file) are merged, once
// per line uuid.
import type { FileRole } from './file-layout.ts';
import { sessionIdOf, type SessionKey } from './ids.ts';
import { lineKey, type TranscriptLine } from './read-lines.ts';

export type SessionLayout = 'main' | 'inline' | 'sibling' | 'subagents';

export interface SessionGroup {
  id: string;
  key: SessionKey;
  layout: SessionLayout;
  /** The session's own transcript file (main file, or the sub-agent's file), else the first contributor. */
  origin: string;
  /** Lines in transcript order: files by path, then line number. */
  lines: TranscriptLine[];
}

export interface ReadFile {
  path: string;
  role: FileRole;
  lines: TranscriptLine[];
}

/** Prefix of the synthetic agent id of an inline sidechain that has no agentId (oldest versions). */
const SIDECHAIN_PREFIX = 'sidechain-';

class GroupCollector {
  private readonly groups = new Map<string, SessionGroup & { seen: Set<string> }>();

  ensure(key: SessionKey, layout: SessionLayout, file: string, ownFile: boolean): SessionGroup & { seen: Set<string> } {
    const id = sessionIdOf(key);
    let group = this.groups.get(id);
    if (!group) {
      group = { id, key, layout, origin: file, lines: [], seen: new Set() };
      this.groups.set(id, group);
    } else if (ownFile && group.layout === 'inline') {
      // The sub-agent's own file is the better origin and layout than the parent it was inlined in.
      group.layout = layout;
      group.origin = file;
    }
    return group;
  }

  add(key: SessionKey, layout: SessionLayout, line: TranscriptLine, ownFile: boolean): void {
    const group = this.ensure(key, layout, line.file, ownFile);
    const uuid = line.envelope.uuid;
    if (uuid) {
      if (group.seen.has(uuid)) return;
      group.seen.add(uuid);
    }
    group.lines.push(line);
  }

  result(): SessionGroup[] {
    return [...this.groups.values()].map(({ seen: _seen, ...group }) => group);
  }
}

/**
 * The agent of an inline sidechain line. Lines without an agentId (oldest versions) inherit their
 * parent line's agent; a sidechain line with no sidechain parent starts a new one named after it.
 */
function inlineAgentId(line: TranscriptLine, chainAgents: Map<string, string>): string {
  const parent = line.envelope.parentUuid;
  const agentId =
    line.envelope.agentId ??
    (parent ? chainAgents.get(parent) : undefined) ??
    `${SIDECHAIN_PREFIX}${lineKey(line)}`;
  if (line.envelope.uuid) chainAgents.set(line.envelope.uuid, agentId);
  return agentId;
}

/** The parent session of an old-layout agent file is only named inside its lines. */
function sessionIdInLines(lines: TranscriptLine[]): string | null {
  return lines.find((l) => l.envelope.sessionId)?.envelope.sessionId ?? null;
}

/** `files` must already be sorted by path (the caller sorts, for order independence). */
export function groupSessions(files: ReadFile[]): SessionGroup[] {
  const collector = new GroupCollector();
  for (const file of files) {
    const { role } = file;
    if (role.kind === 'main') {
      const mainKey: SessionKey = { rootSessionId: role.sessionId, agentId: null };
      // A main transcript is a session even when empty or cut short: partial sessions are data.
      collector.ensure(mainKey, 'main', file.path, true);
      const chainAgents = new Map<string, string>();
      for (const line of file.lines) {
        if (line.envelope.isSidechain) {
          const key = { rootSessionId: role.sessionId, agentId: inlineAgentId(line, chainAgents) };
          collector.add(key, 'inline', line, false);
        } else {
          collector.add(mainKey, 'main', line, true);
        }
      }
    } else if (role.kind === 'agent') {
      const key: SessionKey = { rootSessionId: role.parentSessionId ?? sessionIdInLines(file.lines), agentId: role.agentId };
      collector.ensure(key, role.layout, file.path, true);
      for (const line of file.lines) collector.add(key, role.layout, line, true);
    }
  }
  return collector.result();
}
