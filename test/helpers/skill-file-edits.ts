// Labelled edits of real OpenClaw and Claude Code transcripts that turn a file the agents really
// read into a skill, for the skill-version tests. Copies go to a temporary folder; the corpora are
// never changed.
//   - OpenClaw (volvox-bot): every sub-agent of both trees reads the playbook
//     `/home/bill/.openclaw/workspace-build/CODING.md` (the same 7,862-character text). The path is
//     renamed to `…/skills/coding/SKILL.md`, so the playbook is the `coding` skill;
//   - a simulated deployment: the text a read of that SKILL.md returned is replaced by another
//     text (a version CostCraft stored). Nothing else in the transcript changes: the agents did
//     what they really did;
//   - Claude Code (coderabbit-review-helper): the sub-agent's full Read of README.md is renamed to
//     `.claude/skills/review-helper/SKILL.md`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpus } from './corpora.ts';

export const PLAYBOOK = '/home/bill/.openclaw/workspace-build/CODING.md';
export const PLAYBOOK_SKILL = '/home/bill/.openclaw/workspace-build/skills/coding/SKILL.md';
const OPENCLAW_DIR = corpus('openclaw-volvox-bot', 'agents', 'build', 'sessions');
/** Tree A (a later cron run): its parent and 7 sub-agents (SOURCES.md). */
const TREE_A = ['3c0cbde4', '76c023e2', '44a8ea4c', '578642d4', 'f7fd085d', 'ec9c0f24', 'fe0e5e48', 'fad2602d'];

export const tempDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `clawtrace-${name}-`));

/** Copies one OpenClaw tree with the playbook renamed to a skill; `readText` replaces what the reads returned. */
export function openclawTreeCopy(tree: 'A' | 'B', readText: string | null = null): string {
  const dir = tempDir(`openclaw-${tree}`);
  for (const name of fs.readdirSync(OPENCLAW_DIR)) {
    if (name === 'sessions.json') continue;
    if (TREE_A.some((p) => name.startsWith(p)) !== (tree === 'A')) continue;
    let text = fs.readFileSync(path.join(OPENCLAW_DIR, name), 'utf8').split(PLAYBOOK).join(PLAYBOOK_SKILL);
    if (readText !== null) text = replaceSkillReads(text, readText);
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The result text of every `read` of the skill file in an OpenClaw transcript, replaced. */
function replaceSkillReads(transcript: string, readText: string): string {
  const reads = new Set<string>();
  return transcript
    .split('\n')
    .map((line) => {
      if (!line.trim()) return line;
      const entry = JSON.parse(line) as { message?: { role?: string; toolCallId?: string; content?: Array<{ type: string; id?: string; name?: string; arguments?: unknown; text?: string }> } };
      const m = entry.message;
      if (m?.role === 'assistant') {
        for (const c of m.content ?? []) if (c.type === 'toolCall' && c.name === 'read' && JSON.stringify(c.arguments).includes(PLAYBOOK_SKILL)) reads.add(c.id!);
        return line;
      }
      if (m?.role === 'toolResult' && m.toolCallId && reads.has(m.toolCallId)) {
        m.content = [{ type: 'text', text: readText }];
        return JSON.stringify(entry);
      }
      return line;
    })
    .join('\n');
}

/** The playbook text the agents really read (from a tree B sub-agent's read result). */
export function realPlaybookText(): string {
  const file = fs.readdirSync(OPENCLAW_DIR).find((n) => n.startsWith('13b93292'))!;
  const lines = fs.readFileSync(path.join(OPENCLAW_DIR, file), 'utf8').split('\n').filter((l) => l.trim());
  const entry = lines.map((l) => JSON.parse(l) as { message?: { role?: string; toolName?: string; content?: Array<{ text?: string }> } }).find((e) => e.message?.role === 'toolResult' && e.message.toolName === 'read' && e.message.content?.[0]?.text?.startsWith('# CODING.md'));
  return entry!.message!.content![0]!.text!;
}

export const CLAUDE_README = '/Users/dain/workspace/coderabbit-review-helper/README.md';
export const CLAUDE_SKILL = '/Users/dain/workspace/coderabbit-review-helper/.claude/skills/review-helper/SKILL.md';

/** The coderabbit project with the sub-agent's README.md read renamed to a skill; and the file's own text. */
export function claudeCodeCopy(): { dir: string; fileText: string } {
  const source = corpus('claude-code-log-real-projects', '-Users-dain-workspace-coderabbit-review-helper');
  const dir = tempDir('claude-code');
  let fileText = '';
  for (const name of fs.readdirSync(source)) {
    const text = fs.readFileSync(path.join(source, name), 'utf8');
    if (name === 'agent-ea02459f.jsonl') {
      for (const line of text.split('\n')) {
        if (!line.includes(CLAUDE_README)) continue;
        const e = JSON.parse(line) as { toolUseResult?: { file?: { filePath: string; content: string } } };
        if (e.toolUseResult?.file?.filePath === CLAUDE_README) fileText = e.toolUseResult.file.content;
      }
    }
    fs.writeFileSync(path.join(dir, name), name === 'agent-ea02459f.jsonl' ? text.split(CLAUDE_README).join(CLAUDE_SKILL) : text);
  }
  return { dir, fileText };
}
