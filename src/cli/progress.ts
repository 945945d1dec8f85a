// A progress bar on a terminal; plain lines otherwise (CI logs, pipes), so logs stay readable.

export interface Progress {
  tick(label: string): void;
  done(): void;
}

export function createProgress(total: number, title: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  let count = 0;
  const started = Date.now();
  if (!stream.isTTY) {
    return {
      tick(label) {
        count++;
        stream.write(`${title} ${count}/${total} ${label}\n`);
      },
      done() {
        stream.write(`${title} done: ${count}/${total} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      },
    };
  }
  const width = 30;
  const render = (label: string) => {
    const filled = total === 0 ? width : Math.round((count / total) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const columns = stream.columns ?? 100;
    const line = `${title} ${bar} ${count}/${total} ${label}`;
    stream.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
  };
  return {
    tick(label) {
      count++;
      render(label);
    },
    done() {
      render(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      stream.write('\n');
    },
  };
}
