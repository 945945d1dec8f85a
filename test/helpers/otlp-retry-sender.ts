// OTLP/HTTP JSON batches of GenAI chat spans, and a sender that retries the way OpenTelemetry's
// OTLP exporters do (on connection errors, 429, 502, 503, 504, honouring Retry-After) — but
// until a deadline instead of giving up after a few tries, so a test can check that nothing is
// lost once the server is back. Each batch has fixed span ids: re-sending it is idempotent.

export interface OtlpBatch {
  body: string;
  spanIds: string[];
  costUsd: number;
  inputTokens: number;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** `spans` GenAI chat spans in one conversation; ids derive from (run, batch, span) so they are stable. */
export function otlpBatch(run: number, batch: number, spans: number): OtlpBatch {
  const traceId = `${hex(run, 8)}${hex(batch, 8)}${'0'.repeat(16)}`;
  const now = BigInt(Date.now()) * 1_000_000n;
  const spanIds: string[] = [];
  let costUsd = 0;
  let inputTokens = 0;
  const otlpSpans = Array.from({ length: spans }, (_, i) => {
    const spanId = `${hex(batch, 8)}${hex(i + 1, 8)}`;
    spanIds.push(spanId);
    const input = 100 + i;
    const cost = 0.001 * (i + 1);
    costUsd += cost;
    inputTokens += input;
    return {
      traceId,
      spanId,
      name: 'chat fake-model',
      kind: 3,
      startTimeUnixNano: String(now + BigInt(i) * 1_000_000n),
      endTimeUnixNano: String(now + BigInt(i) * 1_000_000n + 500_000n),
      attributes: [
        { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
        { key: 'gen_ai.request.model', value: { stringValue: 'fake-model' } },
        { key: 'gen_ai.provider.name', value: { stringValue: 'fake' } },
        { key: 'gen_ai.conversation.id', value: { stringValue: `otlp-${run}-${batch}` } },
        { key: 'gen_ai.usage.input_tokens', value: { intValue: String(input) } },
        { key: 'gen_ai.usage.output_tokens', value: { intValue: '7' } },
        { key: 'gen_ai.usage.cost', value: { doubleValue: cost } },
      ],
    };
  });
  const body = JSON.stringify({
    resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'reliability-test' } }] }, scopeSpans: [{ scope: { name: 'test' }, spans: otlpSpans }] }],
  });
  return { body, spanIds, costUsd, inputTokens };
}

export interface RetryStats {
  batches: number;
  attempts: number;
  /** Batches that needed more than one attempt (their spans may have been stored twice: harmless). */
  retriedBatches: number;
  statuses: Record<string, number>;
}

const RETRYABLE = new Set([429, 502, 503, 504]);

export async function sendWithRetry(url: string, batch: OtlpBatch, apiKey: string, stats: RetryStats, deadline: number): Promise<void> {
  let attempt = 0;
  stats.batches += 1;
  for (;;) {
    attempt += 1;
    stats.attempts += 1;
    let wait = Math.min(100 * 2 ** attempt, 2000);
    try {
      const res = await fetch(`${url}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: batch.body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      stats.statuses[res.status] = (stats.statuses[res.status] ?? 0) + 1;
      if (res.ok) break;
      if (!RETRYABLE.has(res.status)) throw new Error(`OTLP batch refused with HTTP ${res.status}`);
      const after = Number(res.headers.get('retry-after'));
      if (Number.isFinite(after) && after > 0) wait = Math.min(after * 1000, 5000);
    } catch (error) {
      if ((error as Error).message.startsWith('OTLP batch refused')) throw error;
      stats.statuses.network = (stats.statuses.network ?? 0) + 1;
    }
    if (Date.now() > deadline) throw new Error(`OTLP batch not accepted before the deadline after ${attempt} attempts`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  if (attempt > 1) stats.retriedBatches += 1;
}
