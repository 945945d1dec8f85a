// Which version of a skill a session ran with: the content hash of the SKILL.md text it read. The
// same file reaches the graph in several wrappings — OpenClaw's `read` returns the text as is,
// Claude Code's `Read` numbers each line (`     1→…`, older `     1\t…`) and may append a
// `<system-reminder>` — so the text is normalised before hashing, and a version CostCraft stored
// hashes the same way (src/impact/versions.ts matches the two). Hashed at ingest from the full
// result, which the graph keeps only as a 500-character preview.
import { sha256Hex } from '../hash.ts';

const SYSTEM_REMINDER = /<system-reminder>[\s\S]*?<\/system-reminder>/g;
const NUMBERED_LINE = /^\s*\d+(?:→|\t)/;

/** The SKILL.md text without a reader's decoration: line numbers, reminders, CRLF, trailing blanks. */
export function normaliseSkillText(text: string): string {
  let lines = text.replace(SYSTEM_REMINDER, '').replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  // Line numbers only when every line carries one (a skill may itself contain numbered lists).
  if (lines.length && lines.every((l) => NUMBERED_LINE.test(l))) lines = lines.map((l) => l.replace(NUMBERED_LINE, ''));
  return lines.map((l) => l.trimEnd()).join('\n').trim();
}

/** How Claude Code starts the SKILL.md it injects when a skill is invoked (the body follows). */
const INJECTED_SKILL = /^\s*Base directory for this skill:[^\n]*\n/;

/** Whether `text` is a skill Claude Code injected (see the Skill tool in claude-code/tool-results.ts). */
export function isInjectedSkill(text: string): boolean {
  return INJECTED_SKILL.test(text);
}

/** The SKILL.md body inside a Skill call's result (after the harness's base-directory line), or null. */
export function injectedSkillBody(text: string | null | undefined): string | null {
  if (!text) return null;
  const match = /Base directory for this skill:[^\n]*\n/.exec(text);
  return match ? text.slice(match.index + match[0].length) : null;
}

/** Length of a skill content hash: 16 hex characters (64 bits), shown as `sha:<first 12>`. */
export const SKILL_HASH_LENGTH = 16;

/** The content hash of a SKILL.md text (normalised), or null for an empty text. */
export function skillContentHash(text: string | null | undefined): string | null {
  if (!text) return null;
  const normalised = normaliseSkillText(text);
  return normalised ? sha256Hex(normalised).slice(0, SKILL_HASH_LENGTH) : null;
}

/**
 * A hash given by the producer (OTLP `clawtrace.skill.hash`): hex, optionally `sha256:`-prefixed,
 * cut to the same length as ours so either form matches. null when it is not a hex hash.
 */
export function givenSkillHash(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const hex = value.trim().toLowerCase().replace(/^sha(?:256)?:/, '');
  return /^[0-9a-f]{16,64}$/.test(hex) ? hex.slice(0, SKILL_HASH_LENGTH) : null;
}
