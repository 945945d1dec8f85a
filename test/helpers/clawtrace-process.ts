// The real ClawTrace server (src/main.ts) as a separate OS process, so a test can SIGKILL it
// mid-request and start it again on the same port. One node process (tsx loaded with --import),
// so the pid killed is the server itself, not a wrapper.
import { spawn, type ChildProcess } from 'node:child_process';
import { PROJECT_ROOT } from './corpora.ts';

export interface ClawTraceProcess {
  url: string;
  pid: number;
  /** Everything the server printed, for failure messages. */
  log(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startClawTraceProcess(options: {
  neo4jUri: string;
  port: number;
  timeoutMs?: number;
  /** Extra environment (e.g. finaliser timing). */
  env?: Record<string, string>;
  /**
   * Whether this engine POSTs webhooks. Off by default: the suite's engines share one Neo4j, and an
   * engine delivers every project's alerts, so it would race the delivery tests' own workers.
   */
  delivery?: boolean;
}): Promise<ClawTraceProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CLAWTRACE_DELIVERY: options.delivery ? 'on' : 'off', ...options.env, NEO4J_URI: options.neo4jUri, CLAWTRACE_PORT: String(options.port), CLAWTRACE_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`ClawTrace exited during start-up:\n${output}`);
    if (/\[clawtrace\] ready/.test(output)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`ClawTrace did not start within the time limit:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid!,
    log: () => output,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
