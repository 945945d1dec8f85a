// Repository: API keys. Only the SHA-256 hash of a key is stored; the key itself is shown once,
// when it is created, and cannot be recovered from the graph.
import { createHash, randomBytes } from 'node:crypto';
import type { Graph } from './driver.ts';

/** Recognisable in logs and secret scanners; the rest is 256 random bits. */
export const KEY_PREFIX = 'ctk_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface CreatedKey {
  /** The secret: print it once, it is not stored. */
  key: string;
  /** A short, non-secret handle for listing keys. */
  prefix: string;
  projectId: string;
}

export async function createApiKey(graph: Graph, projectId: string, name: string | null = null, now = new Date()): Promise<CreatedKey> {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const prefix = key.slice(0, KEY_PREFIX.length + 8);
  await graph.write('auth/create-key', { hash: hashApiKey(key), projectId, prefix, name, createdAt: now.toISOString() });
  return { key, prefix, projectId };
}

/** The project of a presented key, or null when no such key exists. */
export async function projectForKey(graph: Graph, key: string): Promise<string | null> {
  const [row] = await graph.read('auth/project-for-key', { hash: hashApiKey(key) });
  return row ? String(row.projectId) : null;
}

export async function anyApiKeyExists(graph: Graph): Promise<boolean> {
  const [row] = await graph.read('auth/any-key');
  return row?.exists === true;
}

export interface ApiKeyInfo {
  prefix: string;
  projectId: string;
  name: string | null;
  createdAt: string;
}

export async function listApiKeys(graph: Graph, projectId: string | null = null): Promise<ApiKeyInfo[]> {
  const rows = await graph.read('auth/list-keys', { projectId });
  return rows.map((r) => ({
    prefix: String(r.prefix),
    projectId: String(r.projectId),
    name: (r.name as string | null) ?? null,
    createdAt: String(r.createdAt),
  }));
}

/** Deletes the key with this prefix; returns how many keys were deleted (0 or 1). */
export async function revokeApiKey(graph: Graph, prefix: string): Promise<number> {
  const [row] = await graph.write('auth/revoke-key', { prefix });
  return Number(row?.revoked ?? 0);
}
