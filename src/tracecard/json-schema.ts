// A minimal JSON Schema (2020-12 subset) checker, enough for schema/tracecard.schema.json without a
// new dependency. It refuses any keyword it does not implement, so the schema cannot quietly rely on
// one that would be ignored.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type JsonSchema = { [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs']);
const SUPPORTED = new Set([
  ...ANNOTATIONS,
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'minimum',
  'maximum',
  'minLength',
  'minItems',
  'pattern',
  '$ref',
]);

export const TRACECARD_SCHEMA_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema', 'tracecard.schema.json');

export function loadTraceCardSchema(): JsonSchema {
  return JSON.parse(fs.readFileSync(TRACECARD_SCHEMA_PATH, 'utf8')) as JsonSchema;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeOf(value) === 'object';
}

/** Returns every violation as `<json path>: <message>`; an empty list means valid. */
export function validateJson(value: unknown, schema: JsonSchema, root: JsonSchema = schema, at = '$'): string[] {
  for (const keyword of Object.keys(schema)) {
    if (!SUPPORTED.has(keyword)) throw new Error(`json-schema: unsupported keyword "${keyword}" at ${at}`);
  }
  if (typeof schema.$ref === 'string') {
    const match = /^#\/\$defs\/(.+)$/.exec(schema.$ref);
    const target = match ? (root.$defs as Record<string, JsonSchema> | undefined)?.[match[1]!] : undefined;
    if (!target) throw new Error(`json-schema: unresolved $ref ${schema.$ref}`);
    return validateJson(value, target, root, at);
  }
  const errors: string[] = [];
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  if (types.length && !types.some((t) => typeMatches(value, t))) return [`${at}: expected ${types.join('|')}, got ${typeOf(value)}`];
  if ('const' in schema && value !== schema.const) errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${at}: ${value} < minimum ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${at}: ${value} > maximum ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${at}: does not match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (isObject(schema.items)) value.forEach((item, i) => errors.push(...validateJson(item, schema.items as JsonSchema, root, `${at}[${i}]`)));
  }
  if (isObject(value)) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in value)) errors.push(`${at}: missing "${key}"`);
    for (const [key, item] of Object.entries(value)) {
      const sub = properties[key];
      if (sub) errors.push(...validateJson(item, sub, root, `${at}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property "${key}"`);
    }
  }
  return errors;
}
