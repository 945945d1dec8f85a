// Where spend crosses a threshold, found in a session tree's priced spans in time order (their end,
// or start when they have no end). Pure: the evaluation (evaluate.ts) feeds it what the graph holds
// after finalisation, so the same spans always give the same crossings whatever order they came in.

export interface TimedCost {
  spanId: string;
  sessionId: string;
  /** Epoch ms the span's cost was incurred (its end; its start when it has none). */
  atMs: number;
  costUsd: number;
}

export interface Crossing {
  span: TimedCost;
  /** The figure at the crossing: cumulative spend, or spend within the rate window. */
  observedUsd: number;
}

/** Epoch ms of a span's end (or start); null when it has neither or they do not parse. */
export function spanTimeMs(startedAt: string | null | undefined, endedAt: string | null | undefined): number | null {
  const ms = Date.parse(endedAt ?? startedAt ?? '');
  return Number.isFinite(ms) ? ms : null;
}

/**
 * The span at which spend starting from `startUsd` reaches `thresholdUsd`, adding `spans` in order;
 * null when it never does. The observed figure is the cumulative spend at that span.
 */
export function cumulativeCrossing(spans: TimedCost[], startUsd: number, thresholdUsd: number): Crossing | null {
  let total = startUsd;
  for (const span of spans) {
    total += span.costUsd;
    if (total >= thresholdUsd) return { span, observedUsd: total };
  }
  return null;
}

/**
 * Crossings of a spend rate: the spend of the spans within the last `windowMs` (a sliding window
 * ending at each span) reaching `thresholdUsd`. A crossing is a rise from below the threshold to
 * at or above it; one that comes less than `cooldownMs` after the previous crossing is not
 * reported (a rate hovering around the threshold pages once, not every minute).
 */
export function rateCrossings(spans: TimedCost[], windowMs: number, thresholdUsd: number, cooldownMs: number): Crossing[] {
  const crossings: Crossing[] = [];
  let windowSum = 0;
  let first = 0;
  let above = false;
  let lastAtMs: number | null = null;
  for (const span of spans) {
    windowSum += span.costUsd;
    while (spans[first]!.atMs <= span.atMs - windowMs) windowSum -= spans[first++]!.costUsd;
    if (windowSum < thresholdUsd) {
      above = false;
      continue;
    }
    if (!above && (lastAtMs === null || span.atMs >= lastAtMs + cooldownMs)) {
      crossings.push({ span, observedUsd: windowSum });
      lastAtMs = span.atMs;
    }
    above = true;
  }
  return crossings;
}
