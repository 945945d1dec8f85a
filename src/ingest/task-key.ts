// A key that matches a sub-agent spawn to its child session by task text, when the two arrive in
// different imports or requests (children before parents). OpenClaw writes the spawn's `task`
// argument into the child's first user message after "[Subagent Task]: "; Claude Code puts the
// Task prompt there. Both sides are whitespace-normalised and cut to a prefix, because the
// session's task preview is truncated.
import { sha256Hex } from '../domain/hash.ts';

const MARKER = '[Subagent Task]:';
const PREFIX_CHARS = 200;

export function taskKey(text: string | null | undefined): string | null {
  if (!text) return null;
  const at = text.indexOf(MARKER);
  const task = (at >= 0 ? text.slice(at + MARKER.length) : text).replace(/\s+/g, ' ').trim();
  if (task.length < 8) return null;
  return sha256Hex(task.slice(0, PREFIX_CHARS)).slice(0, 32);
}
