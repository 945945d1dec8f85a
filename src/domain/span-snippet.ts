// One line that says what a span did, for scanning a long execution tree: the command of a shell
// call, the path of a file read or edit, the query of a search or fetch, the label of a sub-agent
// spawn, the first words of a model's answer. A row that only says "TOOL exec" or "LLM gpt-5" cannot
// be told from its neighbours; this can. Pure: computed from what the span stores (its canonical
// arguments and text preview), so it costs no query.
import { parsePartialJson } from './partial-json.ts';

export const SNIPPET_CHARS = 140;

export interface SnippetSource {
  kind: string;
  name: string;
  toolName: string | null;
  argsCanonical: string | null;
  textPreview: string | null;
}

/**
 * Which argument says most about a call, first match wins. Covers OpenClaw (exec, read, edit,
 * write, message, sessions_spawn, subagents), Claude Code (Bash, Read, Edit, Write, Grep, Glob,
 * Task, WebFetch, WebSearch) and the usual MCP / OpenTelemetry spellings.
 */
const KEYS = [
  'command',
  'cmd',
  'script',
  'pattern',
  'query',
  'q',
  'url',
  'file_path',
  'filePath',
  'notebook_path',
  'path',
  'paths',
  'label',
  'description',
  'question',
  'action',
  'task',
  'prompt',
  'message',
  'text',
  'input',
];

/** `cd /the/repo && gh pr list`: the directory is the same on every row; the command is the news. */
const LEADING_CD = /^cd\s+\S+\s*(?:&&|;)\s*/;

const COMBINES = new Set(['action', 'label', 'description', 'pattern']);

/** Whitespace (newlines included) collapsed, clipped to SNIPPET_CHARS with an ellipsis. */
export function oneLine(text: string, max = SNIPPET_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Markdown emphasis and heading marks say nothing in one line. */
const plain = (text: string) => text.replace(/\*\*|__|^\s*#+\s*/gm, '').replace(/`/g, '');

function argsSnippet(argsCanonical: string): string | null {
  const parsed = parsePartialJson(argsCanonical);
  const args = parsed?.value;
  if (!args || typeof args !== 'object' || Array.isArray(args)) return argsCanonical.trim() ? oneLine(argsCanonical) : null;
  const record = args as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of KEYS) {
    const value = record[key];
    let text: string | null = null;
    if (typeof value === 'string' && value.trim()) text = value;
    else if (Array.isArray(value) && value.length && value.every((v) => typeof v === 'string')) text = value.join(' ');
    if (text === null) continue;
    parts.push(text);
    // Some values need the next one beside them: an action ("steer") its message, a search pattern
    // the path it searched, a sub-agent's label its task.
    if (!COMBINES.has(key) || parts.length >= 2) break;
  }
  if (parts.length) return oneLine(parts.map(plain).join(' · ').replace(LEADING_CD, ''));
  const firstString = Object.values(record).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (firstString) return oneLine(firstString);
  const keys = Object.keys(record);
  return keys.length ? oneLine(JSON.stringify(record)) : null;
}

/** `[thinking] Planning…` → `thinking: Planning…`; the answer text as it starts. */
function answerSnippet(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const thinking = /^\[thinking\]\s*/i.exec(trimmed);
  if (thinking) return oneLine(`thinking: ${plain(trimmed.slice(thinking[0].length))}`);
  return oneLine(plain(trimmed));
}

export function spanSnippet(span: SnippetSource): string | null {
  if (span.kind === 'llm' || span.kind === 'LLM') return span.textPreview ? answerSnippet(span.textPreview) : null;
  if (span.argsCanonical) return argsSnippet(span.argsCanonical);
  if (span.textPreview) return answerSnippet(span.textPreview);
  return null;
}
