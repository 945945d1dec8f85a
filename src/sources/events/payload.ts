// Lenient payload reading: a field of the wrong type is dropped and reported, the rest of the
// payload (and the event) is still used. Plugins of different versions send different extras.
import type { Rejection } from '../../domain/model.ts';
import { EventPayloadSchema, type EventPayload } from './schema.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Removes the value at `path` (objects only); returns false when there is nothing to remove. */
function removeAt(target: Record<string, unknown>, path: readonly PropertyKey[]): boolean {
  let node: unknown = target;
  for (const key of path.slice(0, -1)) {
    if (!isRecord(node)) return false;
    node = node[key as string];
  }
  const last = path[path.length - 1];
  if (!isRecord(node) || last === undefined || !Object.hasOwn(node, String(last))) return false;
  delete node[String(last)];
  return true;
}

export function readPayload(raw: unknown, where: string, rejections: Rejection[]): EventPayload {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) {
    rejections.push({ location: `${where} field payload`, reason: 'payload must be an object; ignored' });
    return {};
  }
  const copy = structuredClone(raw);
  // Each pass removes every offending field; nested fields (usage.input) are removed on their own.
  for (let pass = 0; pass < 4; pass += 1) {
    const parsed = EventPayloadSchema.safeParse(copy);
    if (parsed.success) return parsed.data;
    let removed = false;
    for (const issue of parsed.error.issues) {
      const path = issue.path.length ? issue.path : ['(payload)'];
      rejections.push({ location: `${where} field payload.${path.map(String).join('.')}`, reason: `${issue.message}; field ignored` });
      removed = removeAt(copy, issue.path) || removed;
    }
    if (!removed) break;
  }
  return {};
}
