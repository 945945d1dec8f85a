// What every analyst returns: the drafts it proposed (admitted or rejected later, by patch.ts) and
// how the analysis went: a failed analysis is recorded, never turned into a rule.
import type { AnalystLabel } from '../patch.ts';

export interface RetryCounts {
  /** 429 answers retried. */
  rateLimited: number;
  /** 5xx / overloaded / connection errors retried. */
  serverErrors: number;
  /** Outputs that failed validation (malformed JSON, schema) and were asked again. */
  invalidOutputs: number;
}

export interface AnalysisReport {
  /** `success` / `error` (Claude), `offline` (templates), `measured` (redundancy templates in CLAUDE mode). */
  analyst: 'success' | 'error' | 'offline' | 'measured';
  label: AnalystLabel;
  model: string | null;
  /** The session analysed (Claude analysts look at one session each). */
  sessionId: string | null;
  status: 'ok' | 'failed';
  drafts: unknown[];
  error: string | null;
  turns: number;
  retries: RetryCounts;
  durationMs: number;
}

export const noRetries = (): RetryCounts => ({ rateLimited: 0, serverErrors: 0, invalidOutputs: 0 });
