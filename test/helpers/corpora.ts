// The real traces in ../shared/corpora, read in place (never copied into the project).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPORA = path.resolve(PROJECT_ROOT, '..', 'shared', 'corpora');

export function corpus(...parts: string[]): string {
  const full = path.join(CORPORA, ...parts);
  if (!fs.existsSync(full)) throw new Error(`Corpus path missing: ${full} (tests expect ../shared/corpora beside the project)`);
  return full;
}
