// Claude Code transcripts (`~/.claude/projects/<cwd>/...`): the adapter's public API.
export { parseClaudeCode } from './parse.ts';
export { isClaudeCodeTranscript } from './detect.ts';
