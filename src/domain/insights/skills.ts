// Which skills a session actually used, from its own steps (DESIGN §7): nobody tags real sessions
// with a skill, but the agent reads the skill's file or invokes it, and that is in the spans.
//   skill_file_read  a tool call that reads `skills/<name>/SKILL.md` (OpenClaw's skill prompt tells
//                    the agent to read it; Claude Code keeps them under `.claude/skills/`);
//   skill_tool       Claude Code's `Skill` tool ({"skill": "<name>"});
//   slash_command    a Claude Code prompt that is a slash command (`<command-name>/name</command-name>`);
//   otel_attribute   an OTLP span attribute `clawtrace.skill` (kept as the span attribute `skill`).
// A skill file that is written or edited is being authored, not used: not a detection.
// The version used, when known: the content hash of the SKILL.md a read returned (hashed at ingest,
// skill-version.ts), or OTLP's `clawtrace.skill.hash` / `clawtrace.skill.version`.
import { isRecord, parseArgs } from '../canonical/canonical-json.ts';
import { givenSkillHash } from './skill-version.ts';

export type SkillDetection = 'skill_file_read' | 'skill_tool' | 'slash_command' | 'otel_attribute';

export interface SkillCandidateSpan {
  sessionId: string;
  spanId: string;
  toolName: string | null;
  argsCanonical: string | null;
  attributesJson: string | null;
  /** Content hash of the SKILL.md text the call returned (Span.skillContentHash). */
  skillContentHash?: string | null;
}

export interface DetectedSkill {
  sessionId: string;
  name: string;
  detectedBy: SkillDetection;
  /** The span that shows it; null for a detection from the session's prompt. */
  spanId: string | null;
  /** Content hash of the SKILL.md version used, when the span shows it. */
  versionHash?: string;
  /** A version label the producer gave (`clawtrace.skill.version`). */
  versionLabel?: string;
}

export const SKILL_FILE = /(?:^|[\s"'`/=(])(?:\.claude\/)?skills\/([A-Za-z0-9][A-Za-z0-9._-]{0,63})\/SKILL\.md\b/g;
export const WRITING_TOOLS = new Set(['write', 'edit', 'multiedit', 'notebookedit', 'apply_patch', 'str_replace_based_edit_tool']);
const SLASH_COMMAND = /<command-name>\/?([A-Za-z0-9][A-Za-z0-9:._-]{0,63})<\/command-name>/g;
const SKILL_NAME = /^[A-Za-z0-9][A-Za-z0-9:._\- ]{0,99}$/;

function parseAttributes(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}

const cleanName = (v: unknown): string | null => (typeof v === 'string' && SKILL_NAME.test(v.trim()) ? v.trim() : null);

/** Skills shown by one span (usually zero or one). */
export function skillsOfSpan(span: SkillCandidateSpan): DetectedSkill[] {
  const out: DetectedSkill[] = [];
  const add = (name: string | null, detectedBy: SkillDetection, version: { versionHash?: string; versionLabel?: string } = {}) => {
    if (name && !out.some((d) => d.name === name && d.detectedBy === detectedBy)) out.push({ sessionId: span.sessionId, spanId: span.spanId, name, detectedBy, ...version });
  };
  const attributes = parseAttributes(span.attributesJson);
  const tool = (span.toolName ?? '').toLowerCase();
  if (tool === 'skill') {
    const args = parseArgs(span.argsCanonical);
    const hash = span.skillContentHash ?? null;
    add(isRecord(args) ? cleanName(args.skill ?? args.command ?? args.name) : null, 'skill_tool', hash ? { versionHash: hash } : {});
  } else if (span.argsCanonical && !WRITING_TOOLS.has(tool)) {
    const hash = span.skillContentHash ?? null;
    for (const m of span.argsCanonical.matchAll(SKILL_FILE)) add(m[1]!, 'skill_file_read', hash ? { versionHash: hash } : {});
  }
  if (typeof attributes.skillInjected === 'string') {
    add(cleanName(attributes.skillInjected), 'slash_command', span.skillContentHash ? { versionHash: span.skillContentHash } : {});
  }
  const hash = givenSkillHash(attributes.skillHash);
  const label = typeof attributes.skillVersion === 'string' && attributes.skillVersion.trim() ? attributes.skillVersion.trim().slice(0, 100) : null;
  add(cleanName(attributes.skill), 'otel_attribute', { ...(hash ? { versionHash: hash } : {}), ...(label ? { versionLabel: label } : {}) });
  return out;
}

/** Slash commands in a session's prompt text. */
export function skillsOfPrompt(sessionId: string, prompt: string | null): DetectedSkill[] {
  if (!prompt) return [];
  const names = new Set([...prompt.matchAll(SLASH_COMMAND)].map((m) => m[1]!));
  return [...names].map((name) => ({ sessionId, spanId: null, name, detectedBy: 'slash_command' as const }));
}

/** Whether a tool call reads a SKILL.md (not writes it): its result is then a version of the skill. */
export function readsSkillFile(toolName: string | null, argsText: string | null): boolean {
  if (!argsText || WRITING_TOOLS.has((toolName ?? '').toLowerCase())) return false;
  // A fresh non-global copy: test() on the shared /g pattern would move the lastIndex matchAll starts from.
  return new RegExp(SKILL_FILE.source).test(argsText);
}
