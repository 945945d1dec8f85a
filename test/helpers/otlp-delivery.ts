// Delivering generated OTLP spans to real engines the ways real exporters do: everything in one
// request; in end order (children before parents, as a BatchSpanProcessor exports) split over many
// requests; from several senders at once; with whole requests sent again (an exporter retry after a
// lost response); through two engine processes on one Neo4j. A plan is fixed by the seed; the
// interleaving of concurrent senders is whatever the scheduler makes of it.
import { endOrder, splitRandom, toRequest, type GenSpan } from '../../bench/otlp-sessions.ts';
import { encodeOtlpProtobuf } from '../../src/sources/otlp/index.ts';

export interface Engine {
  url: string;
  key: string;
}

export interface Send {
  /** Index into the engines the plan is run against. */
  engine: number;
  spans: GenSpan[];
  protobuf: boolean;
}

/** One queue per sender; each sender sends its queue in order, all senders at once. */
export type Plan = Send[][];

export type DeliveryName = 'one-batch' | 'end-order-split' | 'concurrent' | 'resent' | 'two-engines';

function requests(spans: GenSpan[], random: () => number): Send[] {
  return splitRandom(endOrder(spans), random, 2, 24).map((chunk) => ({ engine: 0, spans: chunk, protobuf: random() < 0.5 }));
}

/** Deals requests to `senders` queues at random, keeping each queue in end order. */
function deal(sends: Send[], senders: number, random: () => number): Plan {
  const queues: Plan = Array.from({ length: senders }, () => []);
  for (const send of sends) queues[Math.floor(random() * senders)]!.push(send);
  return queues.filter((q) => q.length > 0);
}

/** Inserts a copy of about a third of the requests somewhere after the original. */
function withResends(sends: Send[], random: () => number, otherEngine: (engine: number) => number = (e) => e): Send[] {
  const out = [...sends];
  for (const send of sends) {
    if (random() >= 0.35) continue;
    const at = out.indexOf(send) + 1 + Math.floor(random() * (out.length - out.indexOf(send)));
    out.splice(at, 0, { ...send, engine: otherEngine(send.engine), protobuf: random() < 0.5 });
  }
  return out;
}

export function deliveryPlan(name: DeliveryName, spans: GenSpan[], random: () => number): Plan {
  switch (name) {
    case 'one-batch':
      return [[{ engine: 0, spans, protobuf: true }]];
    case 'end-order-split':
      return [requests(spans, random)];
    case 'concurrent':
      return deal(requests(spans, random), 4 + Math.floor(random() * 5), random);
    case 'resent':
      return [withResends(requests(spans, random), random)];
    case 'two-engines': {
      const sends = requests(spans, random).map((s) => ({ ...s, engine: random() < 0.5 ? 0 : 1 }));
      return deal(withResends(sends, random, (e) => 1 - e), 4 + Math.floor(random() * 5), random);
    }
  }
}

const RETRYABLE = new Set([429, 502, 503, 504]);

/**
 * POSTs one request to /v1/traces, retrying like OpenTelemetry's OTLP exporters (429, 502, 503,
 * 504, refused connections; Retry-After honoured). Any other failure, or a span the engine
 * rejected, fails the caller: the generated spans are all valid.
 */
export async function postSpans(engine: Engine, spans: GenSpan[], protobuf: boolean): Promise<{ attempts: number }> {
  const request = toRequest(spans);
  const body = protobuf ? encodeOtlpProtobuf(request) : Buffer.from(JSON.stringify(request));
  const headers = { 'content-type': protobuf ? 'application/x-protobuf' : 'application/json', authorization: `Bearer ${engine.key}` };
  for (let attempt = 1; ; attempt++) {
    let status = 0;
    let text = '';
    let retryAfter: string | null = null;
    try {
      const res = await fetch(`${engine.url}/v1/traces`, { method: 'POST', headers, body });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      text = protobuf && res.ok ? '' : await res.text();
      if (protobuf && res.ok) await res.arrayBuffer();
    } catch (error) {
      text = (error as Error).message;
    }
    if (status === 200) {
      if (!protobuf) {
        const answer = JSON.parse(text) as { partialSuccess?: { rejectedSpans?: string | number; errorMessage?: string } };
        if (Number(answer.partialSuccess?.rejectedSpans ?? 0) > 0) throw new Error(`${engine.url} rejected spans: ${answer.partialSuccess?.errorMessage}`);
      }
      return { attempts: attempt };
    }
    if ((status !== 0 && !RETRYABLE.has(status)) || attempt >= 30) throw new Error(`${engine.url}/v1/traces answered ${status || 'no response'} (attempt ${attempt}): ${text.slice(0, 500)}`);
    const wait = retryAfter ? Number(retryAfter) * 1000 : 100 * attempt;
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 2000)));
  }
}

export interface DeliveryStats {
  requests: number;
  attempts: number;
  senders: number;
}

/** Runs a plan: every sender at once, each with small random pauses so their requests interleave. */
export async function deliver(plan: Plan, engines: Engine[], random: () => number): Promise<DeliveryStats> {
  const pauses = plan.map((queue) => queue.map(() => Math.floor(random() * 15)));
  let attempts = 0;
  await Promise.all(
    plan.map(async (queue, q) => {
      for (const [i, send] of queue.entries()) {
        if (plan.length > 1) await new Promise((resolve) => setTimeout(resolve, pauses[q]![i]));
        attempts += (await postSpans(engines[send.engine]!, send.spans, send.protobuf)).attempts;
      }
    }),
  );
  return { requests: plan.reduce((n, q) => n + q.length, 0), attempts, senders: plan.length };
}
