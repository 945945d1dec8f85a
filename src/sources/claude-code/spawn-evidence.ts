// Collects what the files say about which agent a Task/Agent call started (see spawn-links.ts).
import type { Rejection } from '../../domain/model.ts';
import type { SourceFile } from '../types.ts';
import type { FileRole } from './file-layout.ts';
import { describeIssues } from './read-lines.ts';
import { AgentMetaSchema, AgentProgressSchema, TaskToolUseResultSchema, type AgentMeta } from './schema.ts';
import type { SessionGroup } from './session-groups.ts';
import type { SpawnEvidence } from './spawn-links.ts';

/** `toolUseResult.agentId` on tool results and `agent_progress` lines of one session. */
export function evidenceInSession(group: SessionGroup): SpawnEvidence[] {
  const rootSessionId = group.key.rootSessionId;
  const found: SpawnEvidence[] = [];
  for (const line of group.lines) {
    const { envelope, message } = line;
    if (envelope.type === 'user' && envelope.toolUseResult !== undefined && Array.isArray(message?.content)) {
      const result = TaskToolUseResultSchema.safeParse(envelope.toolUseResult);
      if (!result.success) continue;
      for (const block of message.content) {
        if (block.type === 'tool_result' && block.tool_use_id) {
          found.push({ rootSessionId, toolUseId: block.tool_use_id, agentId: result.data.agentId, source: 'toolUseResult.agentId' });
        }
      }
    } else if (envelope.type === 'progress' && envelope.parentToolUseID) {
      const progress = AgentProgressSchema.safeParse(envelope.data);
      if (progress.success) {
        found.push({ rootSessionId, toolUseId: envelope.parentToolUseID, agentId: progress.data.agentId, source: 'agent_progress' });
      }
    }
  }
  return found;
}

export interface MetaRead {
  agentId: string;
  parentSessionId: string | null;
  meta: AgentMeta;
}

/** Reads an `agent-<id>.meta.json`; a broken one is a located rejection, never a throw. */
export function readAgentMeta(file: SourceFile, role: Extract<FileRole, { kind: 'meta' }>): MetaRead | Rejection {
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (error) {
    return { location: file.path, reason: `invalid JSON in sub-agent meta file: ${(error as Error).message}` };
  }
  const parsed = AgentMetaSchema.safeParse(json);
  if (!parsed.success) return { location: file.path, reason: `not a sub-agent meta file: ${describeIssues(parsed.error)}` };
  return { agentId: role.agentId, parentSessionId: role.parentSessionId, meta: parsed.data };
}

export function evidenceInMeta(metas: MetaRead[]): SpawnEvidence[] {
  return metas.flatMap(({ agentId, parentSessionId, meta }) =>
    meta.toolUseId ? [{ rootSessionId: parentSessionId, toolUseId: meta.toolUseId, agentId, source: 'meta.json' as const }] : [],
  );
}
