// OTLP/protobuf body → the same JSON-shaped request the JSON decoder yields: ids become lowercase
// hex (OTLP/JSON's convention), 64-bit integers decimal strings, other bytes base64.
import { exportTraceServiceRequestType } from './proto/trace-descriptor.ts';
import { OtlpDecodeError, type ExportTraceServiceRequestLike } from './types.ts';

function base64ToHex(value: unknown): unknown {
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('hex') : value;
}

function hexIds(request: ExportTraceServiceRequestLike): void {
  for (const rs of request.resourceSpans) {
    for (const ss of rs.scopeSpans ?? []) {
      for (const span of ss.spans ?? []) {
        const s = span as unknown as Record<string, unknown>;
        for (const field of ['traceId', 'spanId', 'parentSpanId']) {
          if (field in s) s[field] = base64ToHex(s[field]);
        }
      }
    }
  }
}

export function decodeOtlpProtobuf(body: Buffer): ExportTraceServiceRequestLike {
  const type = exportTraceServiceRequestType();
  let message;
  try {
    message = type.decode(body);
  } catch (error) {
    throw new OtlpDecodeError('INVALID_PROTOBUF', `The body is not a valid OTLP ExportTraceServiceRequest protobuf: ${(error as Error).message}`);
  }
  const object = type.toObject(message, { longs: String, bytes: String, defaults: false, arrays: true }) as { resourceSpans?: unknown[] };
  const request = { resourceSpans: object.resourceSpans ?? [] } as ExportTraceServiceRequestLike;
  hexIds(request);
  return request;
}
