// Progress of a long CLI command. On a terminal: one line redrawn in place, a bar per step (an
// import reads files, writes spans, finalises sessions), fitted to the terminal's width — the label
// is cut, never the counts or the closing "done in 10.4 s". Elsewhere (CI logs, pipes): plain lines,
// one per tick (a file, a batch of spans), never redrawn, so logs stay readable.
import { displayWidth, fit, pad } from './text-width.ts';

/** What progress writes to: process.stderr, or a fake with `columns` / `isTTY` in tests. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** What a tick shows: a text (cut in the middle when too long), or a function given the room left. */
export type Label = string | ((room: number) => string);

export interface Progress {
  /** Advances the current step by `by` (default 1) and shows `label` (what was just done). */
  tick(label: Label, by?: number): void;
  /**
   * Switches to the step `name` of `total` units (`files`, `spans`): a step shown again keeps its
   * count and takes the new total (an import learns how many spans to write as it reads files).
   */
  step(name: string, total: number, unit: string): void;
  /** Ends the progress with a summary (default: each step's count) and the time taken. */
  done(summary?: string): void;
}

interface Step {
  name: string;
  unit: string;
  total: number;
  count: number;
}

const DEFAULT_COLUMNS = 80;

export function createProgress(total: number, title: string, stream: ProgressStream = process.stderr, now: () => number = Date.now): Progress {
  const started = now();
  const steps = new Map<string, Step>();
  let current: Step = { name: '', unit: '', total, count: 0 };
  steps.set('', current);
  const tty = Boolean(stream.isTTY);
  // A line filling the last column makes some terminals wrap before the \r: keep one free.
  const width = () => Math.max(20, (stream.columns || DEFAULT_COLUMNS) - (tty ? 1 : 0));

  const head = () => [title, current.name].filter(Boolean).join(' ');
  const counts = () => `${Math.min(current.count, current.total)}/${current.total}${current.unit ? ` ${current.unit}` : ''}`;
  const bar = (room: number) => {
    const size = Math.max(10, Math.min(30, Math.floor(width() / 4)));
    if (room < size + 1) return '';
    const filled = current.total === 0 ? size : Math.round((Math.min(current.count, current.total) / current.total) * size);
    return `${'█'.repeat(filled)}${'░'.repeat(size - filled)} `;
  };
  /** `fixed` stays whole; `label` gets what room is left. */
  const compose = (fixed: string, label: Label) => {
    const room = width() - displayWidth(fixed) - 1;
    const text = room > 0 ? fit(typeof label === 'function' ? label(room) : label, room, 'middle') : '';
    return text ? `${fixed} ${text}` : fit(fixed, width());
  };
  const line = (label: Label) => {
    if (!tty) return compose(`${head()} ${counts()}`, label);
    const start = `${head()} `;
    return compose(`${start}${bar(width() - displayWidth(start) - displayWidth(counts()))}${counts()}`, label);
  };
  const show = (text: string) => stream.write(tty ? `\r${pad(text, width())}` : `${text}\n`);

  return {
    tick(label, by = 1) {
      current.count += by;
      show(line(label));
    },
    step(name, stepTotal, unit) {
      const next = steps.get(name) ?? { name, unit, total: stepTotal, count: 0 };
      next.total = stepTotal;
      steps.set(name, next);
      if (next === current) return;
      current = next;
      if (tty) show(line(''));
    },
    done(summary) {
      const counted = [...steps.values()].filter((s) => s.name !== '' || s.total > 0 || steps.size === 1);
      const text =
        summary ??
        counted.map((s) => (s.unit ? `${s.count} ${s.unit}` : `${Math.min(s.count, s.total)}/${s.total}`)).join(', ');
      const tail = `${text ? ',' : ''} done in ${((now() - started) / 1000).toFixed(1)} s`;
      // The summary (then the title) is cut to make room; the time never is.
      show(`${fit([title, text].filter(Boolean).join(' '), width() - displayWidth(tail))}${tail}`);
      if (tty) stream.write('\n');
    },
  };
}
