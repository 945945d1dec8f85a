// GraphQL enum names ↔ the values the graph stores. Explicit tables, so a stored value the API
// does not know is caught here (and shown as null) instead of failing serialisation.
/** Case and `-`/`_` folded away, so `claude-code`, `CLAUDE_CODE` and `Claude_Code` meet. */
const fold = (text: string) => text.trim().toLowerCase().replace(/-/g, '_');

function table<E extends string>(pairs: Record<E, string>) {
  const toStored = new Map<string, string>(Object.entries(pairs) as Array<[string, string]>);
  const toEnum = new Map<string, E>((Object.entries(pairs) as Array<[E, string]>).map(([e, v]) => [v, e]));
  const folded = new Map<string, string>((Object.entries(pairs) as Array<[E, string]>).flatMap(([e, v]) => [[fold(e), v], [fold(v), v]]));
  return {
    /** The stored values, in declaration order (for messages and docs). */
    values: [...toStored.values()],
    /**
     * Stored value for text that is either the enum name or the stored value, in any case (the
     * export parameters take both: `source=claude-code` and `source=CLAUDE_CODE`); null when neither.
     */
    fromEither: (text: string): string | null => folded.get(fold(text)) ?? null,
    /** Enum name → stored value (inputs). */
    stored: (name: E | null | undefined): string | null => (name ? (toStored.get(name) ?? null) : null),
    /** Stored value → enum name (outputs); null when unknown. */
    name: (value: string | null | undefined): E | null => (value ? (toEnum.get(value) ?? null) : null),
  };
}

export const SessionSource = table({ OPENCLAW: 'openclaw', CLAUDE_CODE: 'claude-code', OTLP: 'otlp', EVENTS: 'events', TAU_BENCH: 'tau-bench', LANGFUSE: 'langfuse', SWE_AGENT: 'swe-agent' });
export const SessionStatus = table({ OPEN: 'open', COMPLETED: 'completed', FAILED: 'failed' });
export const SessionRole = table({ MAIN: 'main', SUBAGENT: 'subagent', WARMUP: 'warmup', COMPACTION: 'compaction', INTERNAL: 'internal' });
export const OutcomeResult = table({ SUCCESS: 'success', FAILURE: 'failure' });
export const SpanKind = table({ AGENT: 'AGENT', LLM: 'LLM', TOOL: 'TOOL', SUBAGENT: 'SUBAGENT', OTHER: 'OTHER' });
export const SpanStatus = table({ OK: 'ok', ERROR: 'error' });
export const CostSource = table({ REPORTED: 'reported', COMPUTED: 'computed', OVERRIDE: 'override', UNPRICED: 'unpriced' });
export const CostBasis = table({ OWN: 'own', ATTRIBUTED: 'attributed' });
export const RedundancyKind = table({
  EXACT_DUPLICATE: 'exact_duplicate',
  REREAD: 'reread',
  FAILED_RETRY: 'failed_retry',
  REPEATED_LLM_REQUEST: 'repeated_llm_request',
  DUPLICATE_SUBAGENT: 'duplicate_subagent',
  POLL_LOOP: 'poll_loop',
  HANDOFF: 'handoff',
});
export const RollupDimension = table({
  MODEL: 'model',
  PROVIDER: 'provider',
  AGENT: 'agent',
  SKILL: 'skill',
  SESSION: 'session',
  SOURCE: 'source',
  DAY: 'day',
  WEEK: 'week',
  HOUR: 'hour',
  TOOL: 'tool',
});
export const SessionOrderField = table({
  STARTED_AT: 'startedAt',
  TOTAL_COST_USD: 'totalCostUsd',
  OWN_COST_USD: 'ownCostUsd',
  SPAN_COUNT: 'spanCount',
});

export type EnumName<T> = T extends { stored(name: infer E): unknown } ? NonNullable<E> : never;
