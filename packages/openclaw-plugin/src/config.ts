// The plugin's settings (plugins.entries.clawtrace.config in openclaw.json), with defaults.
// Validated by hand: the plugin runs inside OpenClaw's process and ships with no dependencies.
// OpenClaw already checks the shape against openclaw.plugin.json; this only fills defaults and
// refuses values that would make the sender misbehave (a zero batch, a negative interval).
import os from 'node:os';
import path from 'node:path';

export interface CaptureConfig {
  /** Base URL of ClawTrace; events go to `${endpoint}/v1/events`. */
  endpoint: string;
  apiKey?: string;
  /** Events per POST. */
  batchSize: number;
  /** A partial batch is sent after this long. */
  flushIntervalMs: number;
  /** In-memory bound; past it new events go straight to the spool instead of memory. */
  maxQueue: number;
  requestTimeoutMs: number;
  /** Unsent batches wait here (one NDJSON file each) until ClawTrace answers again. */
  spoolDir: string;
  /** Past this many bytes of spool, new batches are dropped (and counted). */
  maxSpoolBytes: number;
  /** First delay before re-sending the spool; doubles on each failure up to 60 s. */
  retryIntervalMs: number;
  captureArgs: boolean;
  captureResults: boolean;
  redactKeys: RegExp[];
  maxStringChars: number;
  maxPayloadChars: number;
  /** Budget enforcement (issue 21): off = record only; warn = tell the agent; block = also refuse. */
  enforce: EnforceMode;
  /** How often the budget state of recently active sessions is asked for (only when enforce is not off). */
  budgetPollMs: number;
}

export const ENFORCE_MODES = ['off', 'warn', 'block'] as const;
export type EnforceMode = (typeof ENFORCE_MODES)[number];

export const DEFAULT_REDACT_KEYS = ['pass(word)?', 'secret', 'token', 'api[-_]?key', 'authorization', 'cookie', 'private[-_]?key', 'credential'];

export class ConfigError extends Error {}

type Raw = Record<string, unknown>;

function int(raw: Raw, key: string, fallback: number, min: number): number {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ConfigError(`clawtrace: config.${key} must be an integer >= ${min} (got ${JSON.stringify(value)})`);
  }
  return value;
}

function bool(raw: Raw, key: string, fallback: boolean): boolean {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new ConfigError(`clawtrace: config.${key} must be true or false`);
  return value;
}

function text(raw: Raw, key: string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ConfigError(`clawtrace: config.${key} must be a string`);
  return value;
}

function patterns(raw: Raw): RegExp[] {
  const value = raw.redactKeys ?? DEFAULT_REDACT_KEYS;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new ConfigError('clawtrace: config.redactKeys must be a list of regular expressions');
  }
  return value.map((source) => {
    try {
      return new RegExp(source, 'i');
    } catch (error) {
      throw new ConfigError(`clawtrace: config.redactKeys has an invalid pattern ${JSON.stringify(source)}: ${(error as Error).message}`);
    }
  });
}

function enforceMode(raw: Raw): EnforceMode {
  const value = raw.enforce ?? 'off';
  if (!ENFORCE_MODES.includes(value as EnforceMode)) throw new ConfigError(`clawtrace: config.enforce must be one of ${ENFORCE_MODES.join(', ')} (got ${JSON.stringify(value)})`);
  return value as EnforceMode;
}

/** `env` supplies CLAWTRACE_URL / CLAWTRACE_API_KEY / CLAWTRACE_SPOOL_DIR when the config leaves them out. */
export function readConfig(input: unknown, env: NodeJS.ProcessEnv = process.env): CaptureConfig {
  const raw: Raw = input && typeof input === 'object' && !Array.isArray(input) ? (input as Raw) : {};
  const endpoint = (text(raw, 'endpoint') ?? env.CLAWTRACE_URL ?? 'http://127.0.0.1:4318').replace(/\/+$/, '');
  try {
    new URL(endpoint);
  } catch {
    throw new ConfigError(`clawtrace: config.endpoint is not a URL: ${endpoint}`);
  }
  const apiKey = text(raw, 'apiKey') ?? env.CLAWTRACE_API_KEY;
  return {
    endpoint,
    ...(apiKey ? { apiKey } : {}),
    batchSize: int(raw, 'batchSize', 200, 1),
    flushIntervalMs: int(raw, 'flushIntervalMs', 1000, 10),
    maxQueue: int(raw, 'maxQueue', 10_000, 1),
    requestTimeoutMs: int(raw, 'requestTimeoutMs', 10_000, 100),
    spoolDir: text(raw, 'spoolDir') ?? env.CLAWTRACE_SPOOL_DIR ?? path.join(os.homedir(), '.openclaw', 'clawtrace-spool'),
    maxSpoolBytes: int(raw, 'maxSpoolBytes', 256 * 1024 * 1024, 0),
    retryIntervalMs: int(raw, 'retryIntervalMs', 2000, 10),
    captureArgs: bool(raw, 'captureArgs', true),
    captureResults: bool(raw, 'captureResults', true),
    redactKeys: patterns(raw),
    maxStringChars: int(raw, 'maxStringChars', 4000, 0),
    maxPayloadChars: int(raw, 'maxPayloadChars', 16_000, 64),
    enforce: enforceMode(raw),
    budgetPollMs: int(raw, 'budgetPollMs', 5000, 50),
  };
}
