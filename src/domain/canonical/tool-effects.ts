// What a tool call does to the world, and to which resource: the basis of "reread with no
// intervening write" and "state changed in between" (DESIGN §7).
//
// Known tools come from the real traces: OpenClaw (`read`, `exec`, `edit`, `sessions_spawn`, ...
// in corpora/openclaw-volvox-bot), Claude Code (`Read`, `Bash`, `Edit`, `Task`, ... in
// corpora/claude-code-*), τ-bench airline tools (`get_reservation_details`, `book_reservation`).
// Anything else is classified by the verbs in its name.
import { isRecord } from './canonical-json.ts';
import { collapseWhitespace, normalisePath, normaliseUrl } from './normalise.ts';
import { classifyShellCommand, isStatusCheckCommand } from './shell.ts';
import { own } from '../own.ts';

export const EFFECTS = ['read', 'check', 'write', 'exec', 'search', 'fetch', 'spawn', 'other'] as const;
/**
 * - read: observes state (a file, a process's full log, an entity) without changing it;
 * - check: observes a state that changes by itself and is awaited (a process poll, a sub-agent or
 *   CI status, `sleep 30 && gh pr checks`): repeated while the agent waits, each result deciding
 *   the next step. Never a reread, never "unused output"; repeated unchanged, a poll loop;
 * - write: changes a named resource (file, entity, message channel, todo list);
 * - exec: runs something whose effects are unknown (treat as possibly changing anything);
 * - search: queries an index (web search, grep/glob over a tree);
 * - fetch: retrieves a URL;
 * - spawn: starts a sub-agent;
 * - other: no effect on shared state (think, calculate, ask the user, final answer).
 */
export type Effect = (typeof EFFECTS)[number];

type Args = Record<string, unknown>;

export interface ToolSpec {
  /** Argument keys renamed to one spelling, so aliases of the same call hash equal. */
  aliases?: Readonly<Record<string, string>>;
  /** Keys that do not change what the call does (timeouts, display labels): left out of the text. */
  drop?: readonly string[];
  /** The keys holding a shell command and its working directory, for shell tools. */
  shell?: { command: string; workdir?: string };
  effect: Effect | ((args: Args) => Effect);
  resource?: (args: Args) => string | null;
}

/** Keys whose string values are file paths, normalised wherever they occur in the arguments. */
export const PATH_KEYS = new Set([
  'path', 'file_path', 'filePath', 'filepath', 'file', 'filename', 'notebook_path', 'absolute_path',
  'target_file', 'workdir', 'cwd', 'dir', 'directory',
]);
/** Keys whose string values are URLs. */
export const URL_KEYS = new Set(['url', 'uri', 'href', 'targetUrl', 'target_url']);

function str(args: Args, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = args[k];
    if (typeof v === 'string' && v.trim() !== '') return v;
    if (typeof v === 'number') return String(v);
  }
  return null;
}

const pathOf = (...keys: string[]) => (args: Args) => {
  const p = str(args, ...keys);
  return p === null ? null : normalisePath(p);
};
const urlOf = (...keys: string[]) => (args: Args) => {
  const u = str(args, ...keys);
  return u === null ? null : normaliseUrl(u);
};
const prefixed = (prefix: string, ...keys: string[]) => (args: Args) => {
  const v = str(args, ...keys);
  return v === null ? null : `${prefix}:${v}`;
};
const fixed = (resource: string) => () => resource;
/** Effect by the `action` argument: actions that check, actions that read, anything else. */
const byAction = (actions: { check?: RegExp; read?: RegExp }, otherwise: Effect) => (args: Args): Effect => {
  const action = str(args, 'action') ?? '';
  if (actions.check?.test(action)) return 'check';
  return actions.read?.test(action) ? 'read' : otherwise;
};

/** Shell tools: effect from the command, resource = the command as run (with its directory). */
export function shellEffect(args: Args, spec: NonNullable<ToolSpec['shell']>): { effect: Effect; resource: string | null } {
  const command = str(args, spec.command);
  if (command === null) return { effect: 'exec', resource: null };
  if (classifyShellCommand(command) !== 'read') return { effect: 'exec', resource: null };
  const workdir = spec.workdir ? str(args, spec.workdir) : null;
  // `git status` with workdir /repo is `cd /repo && git status` typed out: one resource.
  const resource = workdir ? `cd ${workdir} && ${command}` : command;
  return { effect: isStatusCheckCommand(command) ? 'check' : 'read', resource };
}

/** First file a patch touches (`*** Update File: x` in OpenClaw/Codex patches, `+++ b/x` in diffs). */
function patchTarget(args: Args): string | null {
  const patch = str(args, 'input', 'patch');
  const m = patch ? (/^\*\*\* (?:Update|Add|Delete) File: (.+)$/m.exec(patch) ?? /^\+\+\+ (?:b\/)?(.+)$/m.exec(patch)) : null;
  return m ? normalisePath(m[1]!) : null;
}

const OPENCLAW_FILE_ALIASES = { file_path: 'path', old_string: 'oldText', new_string: 'newText' } as const;

/** OpenClaw built-in tools (pi-coding-agent fs tools accept Claude-style key aliases). */
const OPENCLAW: Readonly<Record<string, ToolSpec>> = {
  read: { aliases: OPENCLAW_FILE_ALIASES, effect: 'read', resource: pathOf('path') },
  write: { aliases: OPENCLAW_FILE_ALIASES, effect: 'write', resource: pathOf('path') },
  edit: { aliases: OPENCLAW_FILE_ALIASES, effect: 'write', resource: pathOf('path') },
  apply_patch: { effect: 'write', resource: patchTarget },
  ls: { effect: 'read', resource: pathOf('path') },
  find: { effect: 'search', resource: pathOf('path') },
  grep: { effect: 'search', resource: pathOf('path') },
  exec: { shell: { command: 'command', workdir: 'workdir' }, drop: ['timeout', 'yieldMs'], effect: 'exec' },
  bash: { shell: { command: 'command', workdir: 'workdir' }, drop: ['timeout', 'yieldMs'], effect: 'exec' },
  // Background exec sessions: `poll` and `list` check a running process (new output only, or the
  // list), `log` reads its whole output, write/kill/send-keys act on it. Each action is its own
  // resource under the process (`process:<id>/log`), so a `log` after a `poll` is not a reread,
  // while an action on the process (`process:<id>`) still changes what they see. A poll's
  // `timeout` is how long it waits, not what it asks: polls that wait longer are the same poll.
  process: {
    drop: ['timeout'],
    effect: byAction({ check: /^(list|poll)$/, read: /^log$/ }, 'exec'),
    resource: (a) => {
      const process = prefixed('process', 'sessionId')(a) ?? 'process';
      const action = str(a, 'action');
      return action && /^(list|poll|log)$/.test(action) ? `${process}/${action}` : process;
    },
  },
  web_search: { effect: 'search' },
  web_fetch: { effect: 'fetch', resource: urlOf('url') },
  browser: { effect: (a) => (str(a, 'targetUrl', 'url') ? 'fetch' : 'other'), resource: urlOf('targetUrl', 'url') },
  sessions_spawn: { effect: 'spawn' },
  // Listing sub-agents is how a parent checks on the ones it started.
  subagents: { effect: byAction({ check: /^list$/ }, 'write'), resource: (a) => prefixed('session', 'target')(a) ?? 'subagents' },
  sessions_list: { effect: 'check', resource: fixed('sessions') },
  agents_list: { effect: 'read', resource: fixed('agents') },
  session_status: { effect: 'check', resource: prefixed('session', 'sessionKey') },
  sessions_history: { effect: 'read', resource: prefixed('session', 'sessionKey') },
  sessions_send: { effect: 'write', resource: prefixed('session', 'sessionKey', 'label') },
  message: {
    effect: byAction({ read: /^(read|search|list|history|info|channel-info|member-info|reactions|pins|permissions)$/ }, 'write'),
    resource: (a) => {
      const target = str(a, 'target', 'to', 'channelId');
      return target ? `message:${str(a, 'channel') ?? '*'}:${target}` : null;
    },
  },
  memory_search: { effect: 'search' },
  memory_get: { effect: 'read', resource: pathOf('path') },
};

/** Claude Code tools. */
const CLAUDE_CODE: Readonly<Record<string, ToolSpec>> = {
  Read: { effect: 'read', resource: pathOf('file_path') },
  NotebookRead: { effect: 'read', resource: pathOf('notebook_path') },
  LS: { effect: 'read', resource: pathOf('path') },
  Write: { effect: 'write', resource: pathOf('file_path') },
  Edit: { effect: 'write', resource: pathOf('file_path') },
  MultiEdit: { effect: 'write', resource: pathOf('file_path') },
  NotebookEdit: { effect: 'write', resource: pathOf('notebook_path') },
  // `description` is a display label and `timeout` a limit: the same command with a new label is
  // the same call.
  Bash: { shell: { command: 'command' }, drop: ['description', 'timeout'], effect: 'exec' },
  // Output of a background shell: checked while it runs.
  BashOutput: { effect: 'check', resource: prefixed('process', 'bash_id') },
  KillShell: { effect: 'exec', resource: prefixed('process', 'shell_id') },
  KillBash: { effect: 'exec', resource: prefixed('process', 'shell_id') },
  Glob: { effect: 'search', resource: pathOf('path') },
  Grep: { effect: 'search', resource: pathOf('path') },
  WebFetch: { effect: 'fetch', resource: urlOf('url') },
  WebSearch: { effect: 'search' },
  Task: { effect: 'spawn' },
  Agent: { effect: 'spawn' },
  TaskOutput: { drop: ['timeout'], effect: 'check', resource: prefixed('task', 'task_id') },
  TodoWrite: { effect: 'write', resource: fixed('todos') },
  TodoRead: { effect: 'read', resource: fixed('todos') },
  ExitPlanMode: { effect: 'other' },
  EnterPlanMode: { effect: 'other' },
  AskUserQuestion: { effect: 'other' },
  Skill: { effect: 'other' },
  SlashCommand: { effect: 'other' },
};

/** Verbs that open a tool name, by effect. Checked in this order. */
const LEADING_VERBS: ReadonlyArray<[Effect, RegExp]> = [
  ['spawn', /^(spawn|delegate)$/],
  ['exec', /^(exec|execute|run|bash|shell|sh|terminal|eval|python)$/],
  ['search', /^(search|find|grep|glob|query|lookup)$/],
  ['fetch', /^(fetch|browse|scrape|download|navigate|crawl)$/],
  ['check', /^(poll|wait|await)$/],
  ['read', /^(get|read|list|show|view|describe|load|cat|ls|head|tail|retrieve|inspect|count|stat|check)$/],
  ['write', /^(write|create|update|delete|remove|set|put|post|patch|add|insert|book|cancel|send|save|edit|modify|upload|move|rename|mkdir|append|replace|apply|submit|commit|push|reset|clear|deploy|install|pay|refund|assign|close|merge|publish|schedule)$/],
];

/** Words anywhere in a name, when no leading verb decided (`duckduckgo_search`, `code_interpreter`). */
const ANY_WORD: ReadonlyArray<[Effect, RegExp]> = [
  ['spawn', /^(spawn|subagent|subagents)$/],
  ['exec', /^(exec|shell|bash|terminal|interpreter)$/],
  ['search', /^(search|grep|glob|query)$/],
  ['fetch', /^(fetch|browser|scrape|crawl)$/],
];

/** `mcp__server__get_issue` → `get_issue`; `getReservationDetails` → get, reservation, details. */
export function nameWords(toolName: string): string[] {
  const base = toolName.replace(/^mcp__[^_]+(?:_[^_]+)*?__/, '');
  return base
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/**
 * The entity a call reads or writes, from its id arguments: `reservation_id` → `reservation:<id>`.
 * When several ids are given, the entity the tool is named after wins
 * (`update_reservation_flights(reservation_id, payment_id)` → the reservation).
 */
function entityResource(words: string[], args: Args): string | null {
  const ids: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(args)) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const m = /^(.+?)(?:_id|_ID|Id|ID)$/.exec(key);
    if (m) ids.push([m[1]!.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase(), String(value)]);
  }
  if (!ids.length) return null;
  ids.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const named = ids.find(([entity]) => entity.split('_').every((part) => words.includes(part)));
  const [entity, id] = named ?? ids[0]!;
  return `${entity}:${id}`;
}

function genericSpec(toolName: string): ToolSpec {
  const words = nameWords(toolName);
  const first = words[0] ?? '';
  const effect =
    LEADING_VERBS.find(([, re]) => re.test(first))?.[0] ??
    ANY_WORD.find(([, re]) => words.some((w) => re.test(w)))?.[0] ??
    'other';
  const shell = effect === 'exec' ? { command: 'command' } : undefined;
  return {
    effect,
    ...(shell ? { shell } : {}),
    resource: (args) => {
      if (effect === 'other' || effect === 'spawn') return null;
      return pathOf(...PATH_KEYS)(args) ?? urlOf(...URL_KEYS)(args) ?? entityResource(words, args);
    },
  };
}

/** The spec of a tool: exact known name, then a lowercase known name, then by the words in it. */
export function toolSpec(toolName: string): ToolSpec {
  return (
    own(OPENCLAW, toolName) ??
    own(CLAUDE_CODE, toolName) ??
    own(OPENCLAW, toolName.toLowerCase()) ??
    genericSpec(toolName)
  );
}

/** Normalises the string values under path, URL and query keys, at any depth. */
export function normaliseValues(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && PATH_KEYS.has(key)) return normalisePath(value);
    if (key !== undefined && URL_KEYS.has(key)) return normaliseUrl(value);
    if (key === 'query') return collapseWhitespace(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => normaliseValues(v));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseValues(v, k)]));
  return value;
}
