// tool_use id → the user line that answered it. Results sit in `user` lines as `tool_result`
// blocks (`tool_use_id`, `content`, `is_error`); newer versions add the tool's structured
// `toolUseResult` on the same line (for Task: the sub-agent's agentId and totals).
//
// The Skill tool answers "Launching skill: X" and the harness then writes the skill itself as a
// user line (`isMeta`, `sourceToolUseID` = the call, text "Base directory for this skill: <dir>"
// and the SKILL.md body): that text is part of what the call handed the model, so it joins the
// call's result — and the skill's version is hashed from it at ingest (domain/insights).
import { isInjectedSkill } from '../../domain/insights/skill-version.ts';
import type { TranscriptLine } from './read-lines.ts';
import { toolResultText } from './text.ts';

export interface ToolResult {
  toolUseId: string;
  line: TranscriptLine;
  isError: boolean;
  /** What the model was handed back, as text. */
  text: string | null;
  /** The line's `toolUseResult`, when present. */
  toolUseResult: unknown;
}

export function indexToolResults(lines: TranscriptLine[]): Map<string, ToolResult> {
  const results = new Map<string, ToolResult>();
  for (const line of lines) {
    const content = line.message?.content;
    if (line.envelope.type !== 'user' || !Array.isArray(content)) continue;
    for (const block of content) {
      if (block.type !== 'tool_result' || !block.tool_use_id) continue;
      // A result copied again later (resumed sessions replay history) does not replace the first.
      if (results.has(block.tool_use_id)) continue;
      results.set(block.tool_use_id, {
        toolUseId: block.tool_use_id,
        line,
        isError: block.is_error === true,
        text: toolResultText(block.content),
        toolUseResult: line.envelope.toolUseResult,
      });
    }
  }
  for (const line of lines) addInjectedSkill(results, line);
  return results;
}

function addInjectedSkill(results: Map<string, ToolResult>, line: TranscriptLine): void {
  const callId = line.envelope.sourceToolUseID;
  if (line.envelope.type !== 'user' || !callId) return;
  const result = results.get(callId);
  const text = toolResultText(line.message?.content);
  if (!result || !text || !isInjectedSkill(text) || result.text?.includes(text)) return;
  result.text = result.text ? `${result.text}\n\n${text}` : text;
}
