/**
 * A background pass that never overlaps itself: `run()` while a pass is in flight joins that pass.
 * `start()` runs it every `intervalMs` on an unref'd timer; `stop()` ends the timer and waits for
 * the pass in flight. The pass handles its own errors (a rejected pass is returned as is).
 */
export function singleFlight<T>(pass: () => Promise<T>, intervalMs: number) {
  let running: Promise<T> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const run = (): Promise<T> => {
    if (running) return running;
    const current = (async () => {
      await Promise.resolve(); // so that `running` is set before a pass with nothing to do ends
      return pass();
    })();
    running = current;
    void current.finally(() => { if (running === current) running = undefined; }).catch(() => undefined);
    return current;
  };
  return {
    run,
    start(): void {
      if (timer) return;
      timer = setInterval(() => { void run(); }, intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
