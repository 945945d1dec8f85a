// JSON-shaped request → OTLP/protobuf bytes, with the same descriptor the decoder uses. The server
// never encodes requests; this exists so tests, the benchmark and example senders can produce real
// protobuf bodies without a generated OTLP package.
import { exportTraceServiceRequestType } from './proto/trace-descriptor.ts';
import type { ExportTraceServiceRequestLike } from './types.ts';

const ID_FIELDS = ['traceId', 'spanId', 'parentSpanId'] as const;

function withByteIds(request: ExportTraceServiceRequestLike): unknown {
  return {
    resourceSpans: request.resourceSpans.map((rs) => ({
      ...rs,
      scopeSpans: (rs.scopeSpans ?? []).map((ss) => ({
        ...ss,
        spans: (ss.spans ?? []).map((span) => {
          const copy: Record<string, unknown> = { ...span };
          for (const field of ID_FIELDS) {
            const hex = span[field];
            if (typeof hex === 'string') copy[field] = Buffer.from(hex, 'hex');
          }
          return copy;
        }),
      })),
    })),
  };
}

export function encodeOtlpProtobuf(request: ExportTraceServiceRequestLike): Buffer {
  const type = exportTraceServiceRequestType();
  // fromObject converts decimal-string int64/fixed64 values and nested AnyValues.
  const message = type.fromObject(withByteIds(request) as Record<string, unknown>);
  return Buffer.from(type.encode(message).finish());
}
