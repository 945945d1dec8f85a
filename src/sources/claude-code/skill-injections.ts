// A skill invoked as a slash command (`/pdf`) is loaded by Claude Code without any tool call: the
// harness writes the skill as a meta user line, "Base directory for this skill: <dir>" and the
// SKILL.md body. (When the model invokes it through the Skill tool, the line names that call in
// `sourceToolUseID` and joins the call's result instead: tool-results.ts.) Each such load becomes
// an OTHER span `skill <name>` at that line, its result the injected text, so the session records
// which skill — and, hashed at ingest, which version of it — it was given.
import { isInjectedSkill } from '../../domain/insights/skill-version.ts';
import { rootSpanId } from './ids.ts';
import type { SessionGroup } from './session-groups.ts';
import type { SpanDraft } from './span-common.ts';
import { toolResultText } from './text.ts';
import { toIso } from './time.ts';

/** The skill's name: the last folder of its base directory. */
function skillName(text: string): string | null {
  const dir = /Base directory for this skill:\s*(\S+)/.exec(text)?.[1];
  const name = dir?.replace(/^file:\/\//, '').replace(/[\\/]+$/, '').split(/[\\/]/).pop();
  return name || null;
}

/** `callIds`: the tool calls of the session; a line naming one of them is that call's result. */
export function skillInjectionSpans(group: SessionGroup, callIds: ReadonlySet<string>): Array<{ lineIndex: number; span: SpanDraft }> {
  const out: Array<{ lineIndex: number; span: SpanDraft }> = [];
  group.lines.forEach((line, lineIndex) => {
    if (line.envelope.type !== 'user' || (line.envelope.sourceToolUseID && callIds.has(line.envelope.sourceToolUseID))) return;
    const text = toolResultText(line.message?.content);
    if (!text || !isInjectedSkill(text)) return;
    const name = skillName(text);
    const at = toIso(line.timeMs);
    out.push({
      lineIndex,
      span: {
        id: `${group.id}:skill:${line.envelope.uuid ?? lineIndex}`,
        sessionId: group.id,
        parentId: rootSpanId(group.id),
        kind: 'OTHER',
        name: name ? `skill ${name}` : 'skill',
        startedAt: at,
        endedAt: at,
        durationMs: 0,
        status: 'ok',
        result: text,
        attributes: { skillInjected: name ?? 'unknown' },
      },
    });
  });
  return out;
}
