// tool_use id → the user line that answered it. Results sit in `user` lines as `tool_result`
// blocks (`tool_use_id`, `content`, `is_error`); newer versions add the tool's structured
// `toolUseResult` on the same line (for Task: the sub-agent's agentId and totals).
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
  return results;
}
