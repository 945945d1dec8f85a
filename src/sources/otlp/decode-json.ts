// OTLP/JSON body → request. The OTLP spec requires lowerCamelCase field names and hex ids; the
// protobuf JSON mapping also allows the original snake_case names, which some hand-written
// exporters send, so those are folded to camelCase here. Object keys in OTLP/JSON are always
// field names (attribute keys are values of `key`), so renaming every key is safe.
import { OtlpDecodeError, type ExportTraceServiceRequestLike } from './types.ts';

function camelCase(key: string): string {
  return key.includes('_') ? key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()) : key;
}

function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    // No OTLP field is called __proto__; assigning it would replace the object's prototype.
    if (key !== '__proto__') out[camelCase(key)] = camelCaseKeys(inner);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Pre-1.0 exporters sent `instrumentationLibrarySpans` / `instrumentationLibrary`: same content. */
function foldLegacyScopes(resourceSpans: unknown[]): void {
  for (const rs of resourceSpans) {
    if (!isRecord(rs) || rs.scopeSpans !== undefined || !Array.isArray(rs.instrumentationLibrarySpans)) continue;
    rs.scopeSpans = rs.instrumentationLibrarySpans.map((ils: unknown) =>
      isRecord(ils) && ils.scope === undefined ? { ...ils, scope: ils.instrumentationLibrary } : ils,
    );
  }
}

export function decodeOtlpJson(body: Buffer): ExportTraceServiceRequestLike {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new OtlpDecodeError('EMPTY_BODY', 'The request body is empty (expected an ExportTraceServiceRequest)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError('INVALID_JSON', `The body is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(parsed)) {
    throw new OtlpDecodeError('NOT_OTLP', 'The body is JSON but not an object; expected {"resourceSpans":[...]}');
  }
  let request: Record<string, unknown>;
  try {
    request = camelCaseKeys(parsed) as Record<string, unknown>;
  } catch (error) {
    // Only a pathologically nested body gets here (stack exhaustion); no real export does.
    throw new OtlpDecodeError('NOT_OTLP', `The JSON body could not be read: ${(error as Error).message}`);
  }
  // An absent list is an empty request in proto3 JSON; anything else must be an array.
  const resourceSpans = request.resourceSpans ?? [];
  if (!Array.isArray(resourceSpans)) {
    throw new OtlpDecodeError('NOT_OTLP', `"resourceSpans" must be an array, got ${typeof resourceSpans}`);
  }
  foldLegacyScopes(resourceSpans);
  // Elements are validated span by span in the converter, so one bad span cannot sink the request.
  return { resourceSpans } as ExportTraceServiceRequestLike;
}
