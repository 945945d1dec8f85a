// POST /v1/traces (OTLP/HTTP, protobuf or JSON, gzip allowed) and POST /v1/events (ClawTrace plugin
// events: one envelope, a JSON array, or NDJSON). Bad records are rejected with their location; the
// rest of the request still lands; duplicates are harmless.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Rejection } from '../domain/model.ts';
import { markEventSessionsDirty, storeEvents } from '../graph/events.ts';
import { ingestBatch } from '../ingest/pipeline.ts';
import { validateBatch } from '../ingest/validate.ts';
import { boundKey } from '../domain/bound-key.ts';
import { eventsToBatch, parseEventsBody, sessionIdOf } from '../sources/events/index.ts';
import { convertOtlpRequest, decodeOtlpRequest } from '../sources/otlp/index.ts';
import type { AppContext } from './context.ts';
import { HttpError, readBody, sendJson } from './http.ts';
import { encodeProtobufResponse, jsonResponse } from './otlp-response.ts';

type IngestContext = AppContext;

function summariseRejections(rejections: Rejection[]): string {
  const shown = rejections.slice(0, 20).map((r) => `${r.location}: ${r.reason}`);
  if (rejections.length > 20) shown.push(`… and ${rejections.length - 20} more`);
  return shown.join('\n');
}

export async function postTraces(ctx: IngestContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const projectId = await ctx.projectFor(req);
  const contentType = (req.headers['content-type'] ?? 'application/x-protobuf').split(';')[0]!.trim().toLowerCase();
  const isProtobuf = contentType === 'application/x-protobuf' || contentType === 'application/protobuf';
  if (!isProtobuf && contentType !== 'application/json') {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type ${contentType} is not OTLP (use application/x-protobuf or application/json)`);
  }
  const body = await readBody(req);
  let decoded;
  try {
    decoded = decodeOtlpRequest(body, contentType);
  } catch (error) {
    throw new HttpError(400, 'BAD_OTLP', `Could not decode the OTLP ${isProtobuf ? 'protobuf' : 'JSON'} body: ${(error as Error).message}`);
  }
  const { batch, rejectedSpans } = convertOtlpRequest(decoded.request, { origin: 'POST /v1/traces' });
  // Acknowledged once the spans are written and their sessions marked dirty; the finaliser
  // recomputes them off the request path (DESIGN §5).
  const summary = await ingestBatch(ctx.graph, projectId, batch, ctx.pricer, { finalise: false, window: ctx.finaliser?.window() });
  ctx.finaliser?.nudge();
  // Spans the adapter dropped, plus any record the model validation refused afterwards.
  const rejectedAfterConversion = summary.rejections.length - batch.rejections.length;
  const partial = summary.rejections.length
    ? { rejectedSpans: rejectedSpans + Math.max(0, rejectedAfterConversion), errorMessage: summariseRejections(summary.rejections) }
    : undefined;
  if (isProtobuf) {
    const bytes = encodeProtobufResponse(partial);
    res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': bytes.length });
    res.end(bytes);
  } else {
    sendJson(res, 200, jsonResponse(partial));
  }
}

export async function postEvents(ctx: IngestContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const projectId = await ctx.projectFor(req);
  const text = (await readBody(req)).toString('utf8');
  const { events, rejections } = parseEventsBody(text);
  const created = await storeEvents(
    ctx.graph,
    projectId,
    events.map((e) => ({ id: e.event.eventId, traceId: e.event.traceId, tsMs: e.event.tsMs, json: JSON.stringify(e) })),
  );
  // Spans are assembled by the finaliser from every stored event of a trace (src/ingest/
  // reassemble-events.ts), so halves of a span that came in different requests, in any order or
  // at the same time, end up as one span. Here: the trace's session is marked dirty, and this
  // request's events are checked on their own so their problems are answered now.
  const sessionIds = [...new Set(events.map((e) => boundKey(sessionIdOf(e.event.traceId))))].sort();
  await markEventSessionsDirty(ctx.graph, projectId, sessionIds, ctx.finaliser?.window());
  ctx.finaliser?.nudge();
  // The checks the finaliser's assembly and validation will make, run on this request's events now.
  const allRejections = [...rejections, ...validateBatch(eventsToBatch(events)).rejections];
  sendJson(res, allRejections.length && events.length === 0 ? 400 : 200, {
    accepted: events.length,
    stored: created,
    duplicates: events.length - created,
    rejected: allRejections.length,
    rejections: allRejections.slice(0, 100),
    sessions: sessionIds,
  });
}
