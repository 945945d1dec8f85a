// Shell commands (OpenClaw `exec`, Claude Code `Bash`): a whitespace normal form, and whether a
// command only reads. Agents re-run `git status`, `cat`, `sed -n` and `grep` constantly; those are
// the rereads worth finding, while anything that may change state must stay `exec`.
//
// This is a small lexer for the common cases, not a shell. It is conservative: whatever it does
// not recognise as read-only is `exec`.

import { own } from '../own.ts';

/**
 * Whitespace normal form: CRLF → LF, backslash-newline continuations joined, runs of blanks
 * outside quotes collapsed to one space, trailing blanks of each line and blank lines at the ends
 * removed. Leading indentation is kept (it matters inside heredoc bodies such as Python), and text
 * inside quotes is never touched.
 */
export function normaliseShellCommand(command: string): string {
  const text = command.replace(/\r\n?/g, '\n');
  let out = '';
  let quote: '"' | "'" | null = null;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      out += c;
      if (c === '\\' && quote === '"' && i + 1 < text.length) out += text[++i]!;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      // Line continuation: the command is the same written on one line.
      i += 1;
      while (text[i + 1] === ' ' || text[i + 1] === '\t') i++;
      if (!out.endsWith(' ')) out += ' ';
      continue;
    }
    if (c === '\\' && i + 1 < text.length) {
      out += c + text[++i]!;
      atLineStart = false;
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (atLineStart) out += c;
      else if (!out.endsWith(' ')) out += ' ';
      continue;
    }
    if (c === '\n') {
      out = out.replace(/[ \t]+$/, '') + '\n';
      atLineStart = true;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    atLineStart = false;
    out += c;
  }
  return out.replace(/[ \t]+$/gm, '').replace(/^\s*\n/, '').trim();
}

interface Lexed {
  /** Simple commands: words with quotes removed, split at ; && || | & newlines ( ) $( and `. */
  segments: string[][];
  /** Targets of output redirections (`> f`, `>> f`, `&> f`, `2> f`), quotes removed. */
  writes: string[];
}

function lex(command: string): Lexed {
  const segments: string[][] = [];
  const writes: string[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const heredocs: string[] = [];
  let redirect: 'write' | 'heredoc' | 'input' | null = null;

  const endWord = () => {
    if (!inWord) return;
    if (redirect === 'write') writes.push(word);
    else if (redirect === 'heredoc') heredocs.push(word);
    else if (redirect === null) words.push(word);
    redirect = null;
    word = '';
    inWord = false;
  };
  const endSegment = () => {
    endWord();
    // An operator with no word before the boundary (`<(cmd)`) must not swallow the next command.
    redirect = null;
    if (words.length) segments.push(words);
    words = [];
  };

  const text = command.replace(/\r\n?/g, '\n');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word += end < 0 ? text.slice(i + 1) : text.slice(i + 1, end);
      inWord = true;
      i = end < 0 ? text.length : end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        word += text[j];
      }
      inWord = true;
      i = j;
    } else if (c === '\\') {
      if (next !== undefined && next !== '\n') word += next;
      inWord = inWord || next !== '\n';
      i++;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '\n') {
      endSegment();
      i = skipHeredocBodies(text, i, heredocs);
    } else if (c === '>' || (c === '&' && next === '>')) {
      // `2>`: the fd digits typed so far belong to the operator, not to a word.
      if (inWord && /^\d+$/.test(word)) {
        word = '';
        inWord = false;
      }
      endWord();
      let j = c === '&' ? i + 2 : i + 1;
      if (text[j] === '>') j++;
      if (text[j] === '&') {
        // `>&2`, `2>&1`: duplicates a descriptor, writes no file.
        j++;
        while (j < text.length && /[\d-]/.test(text[j]!)) j++;
        i = j - 1;
      } else {
        redirect = 'write';
        i = j - 1;
      }
    } else if (c === '<') {
      endWord();
      if (next === '<' && text[i + 2] === '<') {
        redirect = 'input'; // here-string: its word is data
        i += 2;
      } else if (next === '<') {
        redirect = 'heredoc';
        i += text[i + 2] === '-' ? 2 : 1;
      } else {
        redirect = 'input';
      }
    } else if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')' || c === '`') {
      endSegment();
      if ((c === '|' || c === '&') && next === c) i++;
    } else if (c === '$' && next === '(') {
      endSegment();
      i++;
    } else {
      word += c;
      inWord = true;
    }
  }
  endSegment();
  return { segments, writes };
}

/**
 * Heredoc bodies are data, not commands. Called at the newline `i` that ends the line holding the
 * `<<DELIM` operators; returns the index of the newline that ends the last delimiter line.
 */
function skipHeredocBodies(text: string, i: number, pending: string[]): number {
  let pos = i;
  while (pending.length) {
    const delimiter = pending.shift()!;
    while (pos < text.length) {
      const lineStart = pos + 1;
      const newline = text.indexOf('\n', lineStart);
      pos = newline < 0 ? text.length : newline;
      if (text.slice(lineStart, pos).trim() === delimiter) break;
    }
  }
  return pos;
}

/** Writing to these changes nothing: discarded output and the terminal. */
const HARMLESS_TARGETS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty']);

/** Segments that only change the shell itself (each exec runs in a fresh shell). */
const NEUTRAL = new Set(['cd', 'pushd', 'popd', 'export', 'set', 'unset', 'true', ':', 'source', '.', 'sleep', 'wait']);

const READ_ONLY = new Set([
  'cat', 'ls', 'll', 'la', 'head', 'tail', 'wc', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'tree',
  'pwd', 'echo', 'printf', 'which', 'whereis', 'type', 'file', 'stat', 'du', 'df', 'diff', 'cmp',
  'comm', 'cut', 'tr', 'nl', 'less', 'more', 'jq', 'date', 'env', 'printenv', 'whoami', 'id',
  'hostname', 'uname', 'ps', 'pgrep', 'basename', 'dirname', 'realpath', 'readlink', 'test', '[',
  'false', 'column', 'xxd', 'od', 'hexdump', 'strings', 'sha1sum', 'sha256sum', 'md5sum', 'shasum',
  'cksum', 'lsof', 'free', 'uptime', 'awk', 'fd', 'bat', 'eza', 'exa', 'man', 'seq', 'expr', 'uniq',
  'sort', 'find', 'sed',
]);

/** Options that make an otherwise read-only program write (or run other programs). */
const WRITING_OPTIONS: Readonly<Record<string, RegExp>> = {
  sed: /^(-i|--in-place)/,
  sort: /^(-o|--output)/,
  find: /^-(delete|exec|execdir|ok|okdir|fprint|fprintf|fls)$/,
  // awk can write files with print > "f" inside its program; rare in agent use, so only -i inplace.
  awk: /^-i$/,
};

const GIT_READ = new Set([
  'status', 'diff', 'log', 'show', 'blame', 'rev-parse', 'ls-files', 'ls-tree', 'ls-remote', 'grep',
  'describe', 'shortlog', 'cat-file', 'name-rev', 'merge-base', 'rev-list', 'show-ref',
  'for-each-ref', 'whatchanged', 'count-objects', 'help', 'version',
]);

/** `git branch`, `git tag`, `git remote`, `git stash`, ... read only in their listing forms. */
/**
 * `git branch` and `git tag` read when they list: no modifying flag, and names given only to a
 * listing filter (`--list 'feat*'`, `--contains <sha>`).
 */
function gitListing(rest: string[], modifying: RegExp): boolean {
  if (rest.some((a) => modifying.test(a))) return false;
  const positional = rest.some((a) => !a.startsWith('-'));
  return !positional || rest.some((a) => /^(-l|--list|--contains|--no-contains|--merged|--no-merged|--points-at)$/.test(a));
}

/** Git commands that read in their listing or query forms only. */
const GIT_LISTING: Readonly<Record<string, (rest: string[]) => boolean>> = {
  branch: (rest) => gitListing(rest, /^(-d|-D|-m|-M|-c|-C|-f|-u|--delete|--move|--copy|--force|--set-upstream-to.*|--unset-upstream|--edit-description)$/),
  tag: (rest) => gitListing(rest, /^(-d|-a|-s|-f|-m|-F|-u|--delete|--annotate|--sign|--force|--message.*|--file.*)$/),
  remote: (rest) => rest.length === 0 || rest[0] === '-v' || rest[0] === 'show' || rest[0] === 'get-url',
  stash: (rest) => rest[0] === 'list' || rest[0] === 'show',
  config: (rest) => rest.some((a) => /^(--get|--get-all|--get-regexp|--list|-l)$/.test(a)) || rest[0] === 'get' || rest[0] === 'list',
  reflog: (rest) => rest.length === 0 || rest[0] === 'show' || rest[0]!.startsWith('-'),
  worktree: (rest) => rest[0] === 'list',
};

/** `gh <group> <action>` pairs that only read. */
const GH_READ = /^(pr (view|list|diff|checks|status)|issue (view|list|status)|repo (view|list)|run (view|list|watch)|release (view|list)|workflow (view|list)|label list|auth status|search \S+|status)$/;

const PACKAGE_MANAGER_READ = new Set(['ls', 'list', 'll', 'la', 'view', 'info', 'show', 'outdated', 'why', 'explain', 'help', 'root', 'bin', 'prefix']);

/** Skips global options (`git -C dir`, `pnpm --dir x`) and returns the subcommand and its args. */
function subcommand(args: string[], optionsWithValue: Set<string>): string[] {
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) {
    const a = args[i]!;
    i += optionsWithValue.has(a) ? 2 : 1;
  }
  return args.slice(i);
}

function isVersionOrHelp(args: string[]): boolean {
  return args.length > 0 && args.every((a) => /^(--version|-V|--help|-h|version|help)$/.test(a));
}

/** true: only reads; 'neutral': only changes the shell itself; false: may change state. */
function segmentIsReadOnly(words: string[]): boolean | 'neutral' {
  let w = words;
  while (w.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0]!)) w = w.slice(1); // FOO=bar cmd
  while (w.length && (w[0] === 'time' || w[0] === 'command' || w[0] === 'nice')) w = w.slice(1);
  if (w[0] === 'timeout') w = subcommand(w.slice(1), new Set(['-s', '--signal', '-k', '--kill-after'])).slice(1);
  if (!w.length) return 'neutral';
  const program = w[0]!.split('/').pop()!;
  const args = w.slice(1);
  if (NEUTRAL.has(program)) return 'neutral';
  if (isVersionOrHelp(args)) return true;
  if (READ_ONLY.has(program)) {
    const writing = own(WRITING_OPTIONS, program);
    return !(writing && args.some((a) => writing.test(a)));
  }
  if (program === 'git') {
    const [sub, ...rest] = subcommand(args, new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace']));
    if (!sub) return true;
    if (GIT_READ.has(sub)) return true;
    return own(GIT_LISTING, sub)?.(rest) ?? false;
  }
  if (program === 'gh') return ghIsReadOnly(subcommand(args, new Set(['-R', '--repo'])));
  if (program === 'npm' || program === 'pnpm' || program === 'yarn' || program === 'bun') {
    const [sub, ...rest] = subcommand(args, new Set(['--dir', '-C', '--filter', '-F', '--prefix', '-w', '--workspace']));
    if (sub === 'config') return rest[0] === 'get' || rest[0] === 'list';
    return sub !== undefined && PACKAGE_MANAGER_READ.has(sub);
  }
  return false;
}

function ghIsReadOnly(args: string[]): boolean {
  if (args[0] === 'api') {
    const rest = args.slice(1);
    const method = rest.find((a, i) => rest[i - 1] === '-X' || rest[i - 1] === '--method' || a.startsWith('--method='));
    if (method && method.replace('--method=', '').toUpperCase() !== 'GET') return false;
    // GraphQL: queries read, mutations write. REST: fields or --input make gh send a POST.
    if (rest[0] === 'graphql') return !rest.some((a) => /\bmutation\b/.test(a));
    return !rest.some((a) => /^(-f|-F|--field|--raw-field|--input)$/.test(a) || /^--(raw-)?field=/.test(a)) || method !== undefined;
  }
  return GH_READ.test(args.slice(0, 2).join(' ')) || GH_READ.test(args[0] ?? '');
}

/**
 * `read` when every simple command in `command` only reads (cat, ls, grep, git status/diff/log,
 * gh pr view, sed -n, ...) and no output is redirected into a file; otherwise `exec`.
 */
/**
 * Commands that check a state which changes by itself (a process, CI, a deployment): run again and
 * again while the agent waits. `sleep` before anything makes the command a timed re-check.
 */
const STATUS_CHECKS: readonly RegExp[] = [
  /^sleep( |$)/,
  /^gh (pr checks|run (watch|view|list))( |$)/,
  /^(ps|pgrep|jobs)( |$)/,
  /^docker (compose )?ps( |$)/,
  /^kubectl (get|rollout status|wait)( |$)/,
  /^systemctl (status|is-active)( |$)/,
];

/** True when a command waits for or checks a state that changes by itself (see STATUS_CHECKS). */
export function isStatusCheckCommand(command: string): boolean {
  return lex(command).segments.some((words) => STATUS_CHECKS.some((re) => re.test(words.join(' '))));
}

export function classifyShellCommand(command: string): 'read' | 'exec' {
  const { segments, writes } = lex(command);
  if (writes.some((t) => !HARMLESS_TARGETS.has(t))) return 'exec';
  if (segments.length === 0) return 'exec';
  return segments.every((words) => segmentIsReadOnly(words) !== false) ? 'read' : 'exec';
}
