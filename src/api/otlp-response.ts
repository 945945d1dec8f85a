// The OTLP/HTTP answer: ExportTraceServiceResponse with partial_success when spans were rejected,
// in the encoding of the request (protobuf or JSON), as the OTLP specification requires.
import protobuf from 'protobufjs';

export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

/** ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1 } */
export function encodeProtobufResponse(partial: PartialSuccess | undefined): Uint8Array {
  const writer = protobuf.Writer.create();
  if (partial && partial.rejectedSpans > 0) {
    const inner = protobuf.Writer.create();
    inner.uint32((1 << 3) | 0).int64(partial.rejectedSpans); // rejected_spans = 1
    inner.uint32((2 << 3) | 2).string(partial.errorMessage); // error_message = 2
    writer.uint32((1 << 3) | 2).bytes(inner.finish()); // partial_success = 1
  }
  return writer.finish();
}

export function jsonResponse(partial: PartialSuccess | undefined): Record<string, unknown> {
  if (!partial || partial.rejectedSpans === 0) return {};
  return { partialSuccess: { rejectedSpans: String(partial.rejectedSpans), errorMessage: partial.errorMessage } };
}
