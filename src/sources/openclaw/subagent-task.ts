// The task text a sub-agent session was started with.
//
// OpenClaw starts a sub-agent with one user message:
//   "[<ts>] [Subagent Context] You are running as a subagent (depth 1/1)… [Subagent Task]: <task>"
// where <task> is the `task` argument of the parent's `sessions_spawn` call (up to surrounding
// whitespace), so it is both the child's task and half of the key that joins child to parent.
import type { Transcript } from './parse-lines.ts';

const SUBAGENT_TASK_MARKER = '[Subagent Task]';

/** Text of the first user message, or null when the transcript has none. */
export function firstUserText(transcript: Transcript): string | null {
  for (const entry of transcript.entries) if (entry.kind === 'user') return entry.text;
  return null;
}

/** The task after `[Subagent Task]:` in a first user message; null when it is not a sub-agent start. */
export function subagentTaskOf(firstUser: string | null): string | null {
  if (firstUser === null) return null;
  const at = firstUser.indexOf(SUBAGENT_TASK_MARKER);
  if (at < 0) return null;
  return firstUser.slice(at + SUBAGENT_TASK_MARKER.length).replace(/^:\s?/, '');
}
