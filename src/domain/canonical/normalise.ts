// Normal forms of the argument values that name resources: file paths and URLs. Two spellings of
// the same file (`./src//a/../b.ts`, `src/b.ts`) must be one resource, or rereads go unseen.
import path from 'node:path';

/**
 * POSIX path normal form: `.` and `..` segments resolved, repeated and trailing slashes removed,
 * a leading `./` dropped. Relative paths stay relative (the working directory is not known here);
 * `..` that climbs above a relative start is kept. `~` is left as written.
 */
export function normalisePath(p: string): string {
  const trimmed = p.trim();
  if (trimmed === '') return '';
  const n = path.posix.normalize(trimmed);
  if (n === '/' || n === '.' || n === './') return n === '/' ? '/' : '.';
  return n.replace(/\/+$/, '').replace(/^\.\//, '');
}

/**
 * URL normal form (WHATWG): scheme and host lowercased, default port dropped, percent-encoding
 * normalised, fragment dropped (it never reaches the server). The query is kept as written:
 * parameter order can matter to a server. Anything that does not parse is only trimmed.
 */
export function normaliseUrl(u: string): string {
  const trimmed = u.trim();
  try {
    const url = new URL(trimmed);
    url.hash = '';
    return url.href;
  } catch {
    return trimmed;
  }
}

/** Runs of whitespace as one space, trimmed: for free-text values such as search queries. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
