// Skill version identity: the content hash of a SKILL.md is the same whichever reader returned it.
// Checked on real Claude Code Read results (numbered lines and an appended <system-reminder>),
// whose transcript also records the file's own text (toolUseResult.file.content), and on the
// detection of a version from a read span and from OTLP attributes.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { givenSkillHash, normaliseSkillText, skillContentHash } from '../../../src/domain/insights/skill-version.ts';
import { readsSkillFile, skillsOfSpan } from '../../../src/domain/insights/skills.ts';
import { corpus } from '../../helpers/corpora.ts';

interface ReadRecord {
  shown: string;
  file: string;
  path: string;
}

/** Every full-file Read in a real Claude Code transcript: what the model saw and the file's own text. */
function realReads(): ReadRecord[] {
  const file = corpus('claude-code-log-real-projects', '-Users-dain-workspace-coderabbit-review-helper', 'agent-ea02459f.jsonl');
  const out: ReadRecord[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as { toolUseResult?: { type?: string; file?: { filePath: string; content: string; numLines: number; totalLines: number } }; message?: { content?: Array<{ content?: unknown }> } };
    const f = e.toolUseResult?.file;
    if (e.toolUseResult?.type !== 'text' || !f || f.numLines !== f.totalLines) continue;
    const c = e.message?.content?.[0]?.content;
    const shown = typeof c === 'string' ? c : Array.isArray(c) ? c.map((b: { text?: string }) => b.text ?? '').join('') : '';
    out.push({ shown, file: f.content, path: f.filePath });
  }
  return out;
}

describe('skill content hash', () => {
  it('a real Claude Code Read (numbered lines, system reminder) hashes like the file it read', () => {
    const reads = realReads();
    expect(reads.length).toBeGreaterThanOrEqual(3);
    for (const r of reads) {
      expect(r.shown).toMatch(/^\s+1→/);
      expect(r.shown).toContain('<system-reminder>');
      expect(normaliseSkillText(r.shown)).toBe(normaliseSkillText(r.file));
      expect(skillContentHash(r.shown)).toBe(skillContentHash(r.file));
    }
  });

  it('older tab-numbered reads, CRLF and trailing blanks are the same version; a changed line is another', () => {
    const text = '# Skill\n\n1. First step\n2. Second step\n';
    const tabbed = text.split('\n').slice(0, -1).map((l, i) => `${String(i + 1).padStart(6)}\t${l}`).join('\n');
    expect(skillContentHash(tabbed)).toBe(skillContentHash(text));
    expect(skillContentHash(text.replace(/\n/g, '\r\n') + '\n\n')).toBe(skillContentHash(text));
    // A numbered list inside the skill is content, not line numbers.
    expect(normaliseSkillText(text)).toContain('1. First step');
    expect(skillContentHash(text.replace('Second', 'Third'))).not.toBe(skillContentHash(text));
    expect(skillContentHash('  \n')).toBeNull();
  });

  it('a producer-given hash matches ours whatever its prefix and length', () => {
    const full = 'sha256:' + 'AB'.repeat(32);
    expect(givenSkillHash(full)).toBe('ab'.repeat(8));
    expect(givenSkillHash('v2')).toBeNull();
  });
});

describe('version detection from spans', () => {
  const span = (toolName: string | null, args: unknown, extra: { attributesJson?: string; skillContentHash?: string } = {}) => ({
    sessionId: 's1',
    spanId: 'sp1',
    toolName,
    argsCanonical: args === null ? null : JSON.stringify(args),
    attributesJson: extra.attributesJson ?? null,
    skillContentHash: extra.skillContentHash ?? null,
  });

  it('a SKILL.md read carries the hash of what it returned; a write is authoring, not a read', () => {
    expect(readsSkillFile('read', '{"path":"skills/coding/SKILL.md"}')).toBe(true);
    expect(readsSkillFile('write', '{"path":"skills/coding/SKILL.md"}')).toBe(false);
    expect(readsSkillFile('read', '{"path":"CODING.md"}')).toBe(false);
    expect(skillsOfSpan(span('read', { path: 'skills/coding/SKILL.md' }, { skillContentHash: '0123456789abcdef' }))).toEqual([
      { sessionId: 's1', spanId: 'sp1', name: 'coding', detectedBy: 'skill_file_read', versionHash: '0123456789abcdef' },
    ]);
  });

  it('OTLP: clawtrace.skill.hash and clawtrace.skill.version name the version', () => {
    const attributesJson = JSON.stringify({ skill: 'triage', skillHash: 'sha256:' + 'c'.repeat(64), skillVersion: 'v3' });
    expect(skillsOfSpan(span(null, null, { attributesJson }))).toEqual([
      { sessionId: 's1', spanId: 'sp1', name: 'triage', detectedBy: 'otel_attribute', versionHash: 'c'.repeat(16), versionLabel: 'v3' },
    ]);
  });

  it('Claude Code: a Skill call and a slash-command load carry the version of the skill they injected', () => {
    expect(skillsOfSpan(span('Skill', { skill: 'pdf' }, { skillContentHash: 'aaaaaaaaaaaaaaaa' }))).toEqual([
      { sessionId: 's1', spanId: 'sp1', name: 'pdf', detectedBy: 'skill_tool', versionHash: 'aaaaaaaaaaaaaaaa' },
    ]);
    const attributesJson = JSON.stringify({ skillInjected: 'release' });
    expect(skillsOfSpan(span(null, null, { attributesJson, skillContentHash: 'bbbbbbbbbbbbbbbb' }))).toEqual([
      { sessionId: 's1', spanId: 'sp1', name: 'release', detectedBy: 'slash_command', versionHash: 'bbbbbbbbbbbbbbbb' },
    ]);
  });
});
