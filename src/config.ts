// Environment configuration, validated once with zod so a typo fails at start with a clear message.
import { z } from 'zod';

const EnvSchema = z.object({
  NEO4J_URI: z.string().url().optional(),
  NEO4J_USER: z.string().optional(),
  NEO4J_USERNAME: z.string().optional(),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().optional(),
  /** Bolt port of the local Neo4j started when NEO4J_URI is unset. */
  NEO4J_BOLT_PORT: z.coerce.number().int().min(1).max(65535).default(7687),
  CLAWTRACE_HOST: z.string().default('127.0.0.1'),
  /** 4318 is the OTLP/HTTP default, so OpenTelemetry exporters reach /v1/traces unconfigured. */
  CLAWTRACE_PORT: z.coerce.number().int().min(0).max(65535).default(4318),
  /** The engine's address as people reach it (behind a proxy): the base of explorer links in alerts. */
  CLAWTRACE_PUBLIC_URL: z.string().url().optional(),
  // `off`: this engine process POSTs no webhooks (a replica left to serve reads; the other
  // engines on the same Neo4j deliver every project's alerts).
  CLAWTRACE_DELIVERY: z.enum(['on', 'off']).default('on'),
  /** Optional YAML file of per-model price overrides (DESIGN §6). */
  CLAWTRACE_PRICES: z.string().optional(),
  /**
   * How long the finaliser lets a session's burst of requests settle before recomputing it (ms),
   * and the longest it waits after the first pending write. Raise them to finalise less often
   * under heavy load; the defaults keep freshness under a second.
   */
  CLAWTRACE_FINALISE_SETTLE_MS: z.coerce.number().int().min(0).max(600_000).default(100),
  CLAWTRACE_FINALISE_MAX_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(400),
  /**
   * Sessions the finaliser claims (and recomputes together) per round: larger rounds amortise
   * each query over more sessions, smaller ones finalise each session sooner.
   */
  CLAWTRACE_FINALISE_BATCH: z.coerce.number().int().min(1).max(500).default(50),
  /** The API key `clawtrace mcp` (stdio) acts with: its project, instead of --project / local. */
  CLAWTRACE_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return parsed.data;
}
