/**
 * A progress bar on stderr, drawn only on a terminal and at most ten times a second, so a pipe
 * or a CI log stays clean.
 */
export interface Progress {
  update(done: number, note?: string): void;
  finish(note?: string): void;
}

export function createProgress(label: string, total: number | undefined, stream: NodeJS.WriteStream = process.stderr): Progress {
  const enabled = Boolean(stream.isTTY);
  const startedMs = Date.now();
  let lastDrawMs = 0;
  const draw = (done: number, note = '') => {
    const elapsedS = (Date.now() - startedMs) / 1000;
    const rate = elapsedS > 0 ? Math.round(done / elapsedS) : 0;
    let bar = '';
    if (total !== undefined && total > 0) {
      const frac = Math.min(1, done / total);
      const width = 28;
      const filled = Math.round(frac * width);
      bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% `;
    }
    stream.write(`\r${label} ${bar}${done.toLocaleString('en-US')}${total ? `/${total.toLocaleString('en-US')}` : ''} (${rate.toLocaleString('en-US')}/s) ${note}\x1b[K`);
  };
  return {
    update(done, note) {
      if (!enabled) return;
      const nowMs = Date.now();
      if (nowMs - lastDrawMs < 100) return;
      lastDrawMs = nowMs;
      draw(done, note);
    },
    finish(note) {
      if (!enabled) return;
      stream.write(`\r${label} done ${note ?? ''}\x1b[K\n`);
    },
  };
}
