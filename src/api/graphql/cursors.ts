// Opaque Relay cursors: base64url JSON of the sort key and id of a row, tagged with the ordering
// they belong to, so a cursor from one ordering is refused by another instead of skipping rows.
import { z } from 'zod';
import type { Keyset } from '../../graph/sessions.ts';
import { badInput } from './errors.ts';

const CursorSchema = z.object({ o: z.string(), k: z.union([z.string(), z.number()]), i: z.string() });

export function encodeCursor(ordering: string, key: string | number, id: string): string {
  return Buffer.from(JSON.stringify({ o: ordering, k: key, i: id }), 'utf8').toString('base64url');
}

/** The keyset a cursor points after; BAD_USER_INPUT when it is malformed or of another ordering. */
export function decodeCursor(cursor: string | null | undefined, ordering: string): Keyset<string | number> | null {
  if (cursor === null || cursor === undefined) return null;
  let parsed: z.infer<typeof CursorSchema>;
  try {
    parsed = CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw badInput('`after` is not a cursor this API issued; pass an endCursor from a previous page');
  }
  if (parsed.o !== ordering) throw badInput(`\`after\` is a cursor of another ordering (${parsed.o}); start again without it`);
  return { key: parsed.k, id: parsed.i };
}
