// Line diff between two skill versions, in unified form (`-` removed, `+` added, ` ` kept, with
// @@ hunk headers and 2 lines of context), from a longest-common-subsequence table. Skill files are
// small (a budget of ~1k tokens), so the O(n·m) table is cheap and the output is deterministic.

type Op = { op: ' ' | '-' | '+'; line: string; a: number; b: number };

function lcsOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ op: ' ', line: a[i++]!, a: i, b: ++j });
    else if (j < m && (i === n || table[i]![j + 1]! >= table[i + 1]![j]!)) ops.push({ op: '+', line: b[j++]!, a: i, b: j });
    else ops.push({ op: '-', line: a[i++]!, a: i, b: j });
  }
  return ops;
}

const splitLines = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

export interface DiffStats {
  added: number;
  removed: number;
}

export function diffStats(before: string, after: string): DiffStats {
  const ops = lcsOps(splitLines(before), splitLines(after));
  return { added: ops.filter((o) => o.op === '+').length, removed: ops.filter((o) => o.op === '-').length };
}

/** Unified diff of `before` → `after`; '' when they are equal. */
export function unifiedDiff(before: string, after: string, labels = { from: 'previous', to: 'new' }, context = 2): string {
  const ops = lcsOps(splitLines(before), splitLines(after));
  const changed = ops.map((o, i) => (o.op === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  const hunks: Array<[number, number]> = [];
  for (const i of changed) {
    const start = Math.max(0, i - context);
    const end = Math.min(ops.length - 1, i + context);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else hunks.push([start, end]);
  }
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  for (const [start, end] of hunks) {
    const slice = ops.slice(start, end + 1);
    const aStart = slice.find((o) => o.op !== '+')?.a ?? slice[0]!.a;
    const bStart = slice.find((o) => o.op !== '-')?.b ?? slice[0]!.b;
    const aLen = slice.filter((o) => o.op !== '+').length;
    const bLen = slice.filter((o) => o.op !== '-').length;
    const range = (startLine: number, length: number) => (length === 1 ? `${startLine}` : `${startLine},${length}`);
    out.push(`@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@`);
    for (const o of slice) out.push(`${o.op}${o.line}`);
  }
  return out.join('\n') + '\n';
}
