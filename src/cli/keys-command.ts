// `clawtrace keys create --project NAME` prints a new API key once (only its hash is stored);
// `clawtrace keys list` shows the keys' non-secret prefixes; `clawtrace keys revoke PREFIX` deletes one.
// The first key ends local mode, also for an engine already running, and that surprises: so creating
// it says what changes and where the data written without a key went.
import { anyApiKeyExists, createApiKey, listApiKeys, revokeApiKey } from '../graph/api-keys.ts';
import { KEY_CACHE_MS, LOCAL_RECHECK_MS } from '../api/auth.ts';
import { LOCAL_PROJECT } from '../api/context.ts';
import { withGraph } from './connect.ts';

const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export async function runKeysCreate(opts: { project: string; name?: string }): Promise<number> {
  if (!PROJECT_NAME.test(opts.project)) {
    console.error('clawtrace keys: --project takes 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');
    return 2;
  }
  const { created, first } = await withGraph(async (graph) => {
    const first = !(await anyApiKeyExists(graph));
    return { created: await createApiKey(graph, opts.project, opts.name ?? null), first };
  });
  // The key alone on stdout, so `KEY=$(clawtrace keys create --project x)` works; the rest on stderr.
  console.error(`API key ${created.prefix}… for project "${created.projectId}". It is shown only now; store it safely.`);
  if (first) console.error(firstKeyNotice(created.projectId));
  console.log(created.key);
  return 0;
}

/** What the first key changes: local mode ends, and keyless data stays in project `local`. */
export function firstKeyNotice(projectId: string): string {
  const reach =
    projectId === LOCAL_PROJECT
      ? `this key (project "${LOCAL_PROJECT}") reaches it.`
      : `to reach it, use a key for project "${LOCAL_PROJECT}" (clawtrace keys create --project ${LOCAL_PROJECT}).`;
  return [
    'This is the first API key, so local mode ends: every request now needs a key, also on loopback,',
    `and engines already running stop answering requests without one within ${LOCAL_RECHECK_MS / 1000} s (the explorer,`,
    'notebooks and OTLP exporters included: send "Authorization: Bearer <key>"; for OTLP,',
    'OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer%20<key>").',
    `Data written without a key so far stays in project "${LOCAL_PROJECT}"; ${reach}`,
  ].join('\n');
}

export async function runKeysList(opts: { project?: string }): Promise<number> {
  const keys = await withGraph((graph) => listApiKeys(graph, opts.project ?? null));
  if (keys.length === 0) console.error('No API keys: the server runs in local mode on loopback only.');
  for (const k of keys) console.log(`${k.prefix}…\t${k.projectId}\t${k.createdAt}\t${k.name ?? ''}`);
  return 0;
}

export async function runKeysRevoke(prefix: string): Promise<number> {
  const handle = prefix.replace(/…$/, '');
  const revoked = await withGraph((graph) => revokeApiKey(graph, handle));
  if (revoked === 0) {
    console.error(`No API key with prefix ${handle} (see clawtrace keys list)`);
    return 1;
  }
  console.error(`Revoked ${handle}…; running servers stop accepting it within ${KEY_CACHE_MS / 1000} s.`);
  return 0;
}
