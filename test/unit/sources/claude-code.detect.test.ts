// Format detection for Claude Code transcripts, from a file name and its first lines.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isClaudeCodeTranscript } from '../../../src/sources/claude-code/index.ts';
import { corpus } from '../../helpers/corpora.ts';

function firstLines(file: string, count = 5, maxChars = 64 * 1024): string[] {
  return fs.readFileSync(file, 'utf8').slice(0, maxChars).split('\n').slice(0, count);
}

describe('isClaudeCodeTranscript', () => {
  const realFiles = [
    corpus('claude-code-spotter', 'fa812bfe-b295-4cca-9c2f-fdf01028cb46.jsonl'),
    corpus('claude-code-spotter', 'fa812bfe-b295-4cca-9c2f-fdf01028cb46', 'subagents', 'agent-acompact-70d8e7.jsonl'),
    corpus('claude-code-log-real-projects', '-Users-dain-workspace-coderabbit-review-helper', 'agent-2b93909d.jsonl'),
    corpus('claude-code-log-real-projects', '-src-experiments-claude_p', '29ccd257-68b1-427f-ae5f-6524b7cb6f20.jsonl'),
  ];

  it.each(realFiles)('recognises %s', (file) => {
    expect(isClaudeCodeTranscript(path.basename(file), firstLines(file))).toBe(true);
  });

  it('recognises a first line cut short by the read limit', () => {
    const file = realFiles[3] as string;
    expect(isClaudeCodeTranscript(file, firstLines(file, 5, 400))).toBe(true);
  });

  it('rejects other formats and names', () => {
    const openclaw = '{"type":"session","version":3,"id":"abc","timestamp":"2026-01-01T00:00:00Z","cwd":"/x"}';
    expect(isClaudeCodeTranscript('abc.jsonl', [openclaw])).toBe(false);
    expect(isClaudeCodeTranscript('events.jsonl', ['{"eventType":"session_start","event":{}}'])).toBe(false);
    expect(isClaudeCodeTranscript('notes.txt', ['{"type":"user","sessionId":"s"}'])).toBe(false);
    expect(isClaudeCodeTranscript('x.jsonl', ['not json', ''])).toBe(false);
  });

  it('accepts an empty sub-agent transcript by its place, not an empty main one', () => {
    expect(isClaudeCodeTranscript('/p/sid/subagents/agent-a1.jsonl', [''])).toBe(true);
    expect(isClaudeCodeTranscript('/p/sid.jsonl', [''])).toBe(false);
  });
});
