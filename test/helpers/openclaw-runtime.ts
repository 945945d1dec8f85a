// Runs the real `openclaw` npm package from a test. OpenClaw needs Node >= 24.16; the `node@24`
// npm package puts that binary at node_modules/.bin/node. Both live in test/openclaw-runtime (its
// own package.json, installed by `npm test` on its first run), so the project itself stays on Node 20;
// OPENCLAW_PACKAGE_DIR / OPENCLAW_NODE point elsewhere.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './corpora.ts';

/** The separate install of OpenClaw and Node 24 (`npm ci --prefix test/openclaw-runtime`). */
const RUNTIME_DIR = path.join(PROJECT_ROOT, 'test', 'openclaw-runtime');

export interface OpenClawRuntime {
  packageDir: string;
  node: string;
  version: string;
}

export function findOpenClaw(): OpenClawRuntime {
  const packageDir = process.env.OPENCLAW_PACKAGE_DIR ?? path.join(RUNTIME_DIR, 'node_modules', 'openclaw');
  const node = process.env.OPENCLAW_NODE ?? path.join(RUNTIME_DIR, 'node_modules', '.bin', 'node');
  const manifest = path.join(packageDir, 'package.json');
  if (!fs.existsSync(manifest) || !fs.existsSync(node)) {
    throw new Error(
      `The real OpenClaw is needed for this test: expected ${manifest} and a Node 24 binary at ${node}. ` +
        'Install them with `npm ci --prefix test/openclaw-runtime` (`npm test` does, through its pretest script) or set OPENCLAW_PACKAGE_DIR and OPENCLAW_NODE.',
    );
  }
  const version = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
  return { packageDir, node, version };
}

export interface OpenClawHome {
  root: string;
  stateDir: string;
  workspace: string;
  configPath: string;
}

/**
 * A throw-away OpenClaw home: state dir, workspace, and an openclaw.json whose only model is the
 * fake server, with the ClawTrace plugin loaded from packages/openclaw-plugin.
 */
export function makeOpenClawHome(root: string, options: { modelBaseUrl: string; pluginConfig: Record<string, unknown> }): OpenClawHome {
  const home: OpenClawHome = {
    root,
    stateDir: path.join(root, 'state'),
    workspace: path.join(root, 'workspace'),
    configPath: path.join(root, 'openclaw.json'),
  };
  fs.mkdirSync(home.stateDir, { recursive: true });
  fs.mkdirSync(home.workspace, { recursive: true });
  fs.writeFileSync(path.join(home.workspace, 'hello.txt'), 'hello from the workspace\n');
  const config = {
    agents: { defaults: { model: { primary: 'fake/fake-model' }, workspace: home.workspace } },
    // Direct tool schemas, so the scripted model can call read and sessions_spawn by name.
    tools: { toolSearch: false },
    models: {
      mode: 'replace',
      providers: {
        fake: {
          baseUrl: options.modelBaseUrl,
          apiKey: 'test-key',
          api: 'openai-completions',
          models: [
            {
              id: 'fake-model',
              name: 'Fake model',
              reasoning: false,
              input: ['text'],
              // USD per million tokens: OpenClaw prices every call and writes the cost in the transcript.
              cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
              contextWindow: 128000,
              maxTokens: 4096,
            },
          ],
        },
      },
    },
    plugins: {
      load: { paths: [path.join(PROJECT_ROOT, 'packages', 'openclaw-plugin')] },
      entries: { clawtrace: { enabled: true, hooks: { allowConversationAccess: true }, config: options.pluginConfig } },
    },
  };
  fs.writeFileSync(home.configPath, JSON.stringify(config, null, 2));
  return home;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** One agent turn in-process (`openclaw agent --local`): plugins load fully and their hooks fire. */
export function runOpenClawAgent(runtime: OpenClawRuntime, home: OpenClawHome, message: string, timeoutMs = 240_000): Promise<RunResult> {
  const env = { ...process.env, HOME: home.root, OPENCLAW_STATE_DIR: home.stateDir, OPENCLAW_CONFIG_PATH: home.configPath, NO_COLOR: '1' };
  const args = [path.join(runtime.packageDir, 'openclaw.mjs'), 'agent', '--local', '--agent', 'main', '--message', message, '--json'];
  return run(runtime.node, args, env, home.workspace, timeoutMs);
}

/**
 * Writes the sessions OpenClaw stored in SQLite as <sessionId>.jsonl files under `outDir`, with
 * Node 24's own SQLite: a cross-check for ClawTrace's direct import of the store.
 */
export async function exportTranscripts(runtime: OpenClawRuntime, home: OpenClawHome, outDir: string): Promise<void> {
  const db = path.join(home.stateDir, 'agents', 'main', 'agent', 'openclaw-agent.sqlite');
  const script = path.join(PROJECT_ROOT, 'test', 'helpers', 'openclaw-transcript-export.mjs');
  const result = await run(runtime.node, [script, db, outDir], process.env, home.root, 60_000);
  if (result.code !== 0) throw new Error(`transcript export failed: ${result.stderr}`);
}
