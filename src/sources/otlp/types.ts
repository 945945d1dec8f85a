// The OTLP trace request in its JSON shape (camelCase fields, hex ids, int64 as strings), which is
// also what the protobuf decoder produces, so one converter serves both encodings.
//
// These types describe what a well-formed request looks like (tests and helpers build them). The
// converter never trusts them: every span is re-validated, because a request body is user input.

export interface AnyValueLike {
  stringValue?: string;
  boolValue?: boolean;
  /** int64: a decimal string in OTLP/JSON; numbers are accepted too. */
  intValue?: string | number;
  doubleValue?: number | string;
  arrayValue?: { values?: AnyValueLike[] };
  kvlistValue?: { values?: KeyValueLike[] };
  /** base64 in OTLP/JSON. */
  bytesValue?: string;
}

export interface KeyValueLike {
  key: string;
  value?: AnyValueLike;
}

export interface SpanEventLike {
  timeUnixNano?: string | number;
  name?: string;
  attributes?: KeyValueLike[];
}

export interface SpanLike {
  /** 32 lowercase hex characters (16 bytes). */
  traceId: string;
  /** 16 lowercase hex characters (8 bytes). */
  spanId: string;
  /** Empty or absent for a root span. */
  parentSpanId?: string;
  traceState?: string;
  flags?: number;
  name?: string;
  /** SpanKind enum: 0..5, or its name (`SPAN_KIND_CLIENT`). */
  kind?: number | string;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: KeyValueLike[];
  events?: SpanEventLike[];
  /** StatusCode: 0 unset, 1 ok, 2 error, or its name (`STATUS_CODE_ERROR`). */
  status?: { code?: number | string; message?: string };
}

export interface ScopeSpansLike {
  scope?: { name?: string; version?: string; attributes?: KeyValueLike[] };
  spans?: SpanLike[];
  schemaUrl?: string;
}

export interface ResourceSpansLike {
  resource?: { attributes?: KeyValueLike[] };
  scopeSpans?: ScopeSpansLike[];
  schemaUrl?: string;
}

/** `ExportTraceServiceRequest` (opentelemetry/proto/collector/trace/v1). */
export interface ExportTraceServiceRequestLike {
  resourceSpans: ResourceSpansLike[];
}

export type OtlpDecodeErrorCode = 'EMPTY_BODY' | 'INVALID_JSON' | 'NOT_OTLP' | 'INVALID_PROTOBUF' | 'UNSUPPORTED_CONTENT_TYPE' | 'COMPRESSED_BODY';

/** A body that cannot be decoded at all (as opposed to single bad spans, which become Rejections). */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
  constructor(
    readonly code: OtlpDecodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}
