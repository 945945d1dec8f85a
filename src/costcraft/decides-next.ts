// Steps whose result decides what the agent does next (DESIGN §7, output use): a poll or status
// check (effect `check`: was the process done, did CI pass, is the sub-agent finished), a test,
// build, lint or type-check run, `git status`. Their output is used even when none of its words
// reappear: the agent read "still running" and waited, read "3 failed" and fixed the code. The
// overlap heuristic cannot see that, so these steps count as used.
import { canonicaliseArgs, parseArgs } from '../domain/canonical/index.ts';

/** Commands that run the project's checks: the verdict is what the agent acts on. */
const VERDICT_COMMANDS: readonly RegExp[] = [
  /\b(npm|pnpm|yarn|bun)\s+(run\s+)?(test|lint|typecheck|type-check|check|build|verify)\b/,
  /\b(npx\s+)?(vitest|jest|mocha|pytest|tox|rspec|phpunit|tsc|eslint|ruff|mypy|pyright|flake8|golangci-lint)\b/,
  /\b(cargo\s+(test|check|build|clippy)|go\s+(test|vet|build)|mix\s+(test|compile|format\s+--check-formatted)|dotnet\s+(test|build))\b/,
  /\bmake\s+(test|check|lint)\b/,
  /\bgit\s+status\b/,
];

/** The shell command of a call, if it has one (`command` argument, or a bare string). */
function commandOf(args: unknown): string | null {
  const value = parseArgs(args);
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const command = (value as Record<string, unknown>).command;
    if (typeof command === 'string') return command;
  }
  return null;
}

/** True when the step's result decides the next step (see the file comment). */
export function decidesNextStep(toolName: string | null, argsCanonical: string | null): boolean {
  if (!toolName) return false;
  if (canonicaliseArgs(toolName, argsCanonical ?? '{}').effect === 'check') return true;
  const command = commandOf(argsCanonical);
  return command !== null && VERDICT_COMMANDS.some((re) => re.test(command));
}
