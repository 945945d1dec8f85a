// OTLP/HTTP trace ingest, pure: body bytes → request → NormalisedBatch.
//
//   decodeOtlpRequest(body, contentType)  throws OtlpDecodeError when the body cannot be read at all
//   otlpToBatch(request)                  bad spans become Rejections; the rest converts
//   convertOtlpRequest(request)           the same, plus rejectedSpans for OTLP partial success
import type { NormalisedBatch } from '../../domain/model.ts';
import { decodeOtlpJson } from './decode-json.ts';
import { decodeOtlpProtobuf } from './decode-protobuf.ts';
import { convertOtlpRequest } from './to-batch.ts';
import { OtlpDecodeError, type ExportTraceServiceRequestLike } from './types.ts';

export { convertOtlpRequest, type OtlpConversion, type OtlpConvertOptions } from './to-batch.ts';
export { encodeOtlpProtobuf } from './encode-protobuf.ts';
export { OTLP_TRACE_DESCRIPTOR, exportTraceServiceRequestType } from './proto/trace-descriptor.ts';
export * from './types.ts';

const PROTOBUF_TYPES = new Set(['application/x-protobuf', 'application/protobuf']);

export function decodeOtlpRequest(body: Buffer, contentType: string): { request: ExportTraceServiceRequestLike } {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  // A gzip body that reached us undecompressed means Content-Encoding was missing: say so, rather
  // than report it as corrupt JSON or protobuf.
  if (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b) {
    throw new OtlpDecodeError('COMPRESSED_BODY', 'The body is gzip-compressed but was not declared so; send "Content-Encoding: gzip"');
  }
  if (type === 'application/json') return { request: decodeOtlpJson(body) };
  if (PROTOBUF_TYPES.has(type)) return { request: decodeOtlpProtobuf(body) };
  throw new OtlpDecodeError('UNSUPPORTED_CONTENT_TYPE', `Content-Type "${type}" is not OTLP; use application/x-protobuf or application/json`);
}

export function otlpToBatch(request: ExportTraceServiceRequestLike): NormalisedBatch {
  return convertOtlpRequest(request).batch;
}
