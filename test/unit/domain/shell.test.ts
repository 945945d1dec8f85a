// Shell command normal form and read-only classification. The commands are real ones from
// corpora/openclaw-volvox-bot and corpora/claude-code-* unless marked otherwise.
import { describe, expect, it } from 'vitest';
import { classifyShellCommand, normaliseShellCommand } from '../../../src/domain/canonical/index.ts';

describe('normaliseShellCommand', () => {
  it('collapses blanks outside quotes and keeps quoted text intact', () => {
    expect(normaliseShellCommand('  git   status   --short  ')).toBe('git status --short');
    expect(normaliseShellCommand('grep  -n  "claude  haiku"   src/modules/ai.js')).toBe('grep -n "claude  haiku" src/modules/ai.js');
    expect(normaliseShellCommand("echo 'a\t\tb'")).toBe("echo 'a\t\tb'");
  });

  it('joins line continuations and normalises line ends', () => {
    expect(normaliseShellCommand('pnpm --filter web \\\n    test -- run\r\n')).toBe('pnpm --filter web test -- run');
  });

  it('keeps leading indentation of script lines (heredoc bodies)', () => {
    const script = "python3 - <<'EOF'\nimport json\nfor x in [1]:\n    print(x)   \nEOF";
    expect(normaliseShellCommand(script)).toBe("python3 - <<'EOF'\nimport json\nfor x in [1]:\n    print(x)\nEOF");
  });
});

describe('classifyShellCommand', () => {
  it.each([
    'cat a.txt',
    'ls -la /tmp/bills-bot-feat-issue-30-analytics-dashboard 2>/dev/null || echo "Worktree does not exist"',
    'git -C /tmp/bills-bot-pr75-b46 status --short',
    'cd /tmp/bills-bot-issue-30 && git diff web/tests/api/guild-analytics.test.ts | head -60',
    'cd /tmp/bills-bot-issue-30 && git show bd27350 --stat',
    "sed -n '720,860p' src/api/routes/guilds.js",
    'grep -R "as DashboardAnalytics\\|DashboardAnalytics" -n web/src | head',
    'git log --oneline --decorate -n 5',
    "gh api graphql -f query='query { viewer { login } }'",
    'gh pr view 75 --json reviewThreads',
    'pnpm outdated',
    'ls -la /Users/dain/workspace/coderabbit-review-helper',
    'git branch',
    'git branch --list "feat*"',
    'node --version',
    'FOO=1 ls',
    'cat <<EOF\nrm -rf /tmp/x\nEOF',
  ])('read: %s', (command) => {
    expect(classifyShellCommand(command)).toBe('read');
  });

  it.each([
    'cs status --json',
    'pnpm --dir web exec vitest run tests/api/guild-analytics.test.ts',
    'git fetch origin b921fa7fb10869e151588ad904a4123701525482 2>&1',
    'uv tool install .',
    "gh api graphql -f query='mutation { resolveReviewThread(input: {threadId: \"PRRT_kwDORICdSM5vMufZ\"}) { thread { isResolved } } }'",
    'gh api repos/o/r/pulls/75/comments -f body=x',
    'echo hi > notes.txt',
    'cat a >> b',
    'sed -i s/a/b/ f',
    'find . -name "*.tmp" -delete',
    'git branch -D old',
    'git commit -m "x"',
    'rm -rf node_modules',
    'echo $(rm x)',
    "python3 - <<'EOF'\nimport os\nEOF",
    'ls | xargs rm',
    '',
  ])('exec: %s', (command) => {
    expect(classifyShellCommand(command)).toBe('exec');
  });
});
