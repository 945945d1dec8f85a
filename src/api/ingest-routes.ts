// POST /v1/traces (OTLP/HTTP, protobuf or JSON, gzip allowed) and POST /v1/events (ClawTrace plugin
// events: one envelope, a JSON array, or NDJSON). Bad records are rejected with their location; the
// rest of the request still lands; duplicates are harmless.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Rejection } from '../domain/model.ts';
import { eventsForTraces, storeEvents } from '../graph/events.ts';
import { ingestBatch } from '../ingest/pipeline.ts';
import { eventsToBatch, parseEventsBody } from '../sources/events/index.ts';
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
  const summary = await ingestBatch(ctx.graph, projectId, batch, ctx.pricer);
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
  // Re-assemble every touched trace from all its stored events, so spans whose halves came in
  // different requests (or out of order) are complete and identical however they arrived.
  const traceIds = [...new Set(events.map((e) => e.event.traceId))].sort();
  const stored = (await eventsForTraces(ctx.graph, projectId, traceIds)).map((json) => JSON.parse(json));
  const batch = eventsToBatch(stored);
  const summary = await ingestBatch(ctx.graph, projectId, batch, ctx.pricer);
  const allRejections = [...rejections, ...summary.rejections];
  sendJson(res, allRejections.length && events.length === 0 ? 400 : 200, {
    accepted: events.length,
    stored: created,
    duplicates: events.length - created,
    rejected: allRejections.length,
    rejections: allRejections.slice(0, 100),
    sessions: summary.sessionIds,
  });
}
