// A pass that a server process runs again and again (the mail worker, the registration mails, the renewal run, the
// introductions' follow-ups): the next pass is timed from the end of the previous one, so passes never overlap in a
// process; a failed pass is logged and the next one runs as planned; `stop()` waits for a pass in progress. Passes
// that may run in several processes at once claim their rows in the database themselves.

export type Periodic = { stop(): Promise<void> };

export function startPeriodic(
  pass: (stopping: () => boolean) => Promise<unknown>,
  opts: {
    intervalMs: number;
    /** Delay before the first pass (default: one interval). */
    firstAfterMs?: number;
    log: { error(obj: object, msg: string): void };
    /** Named in the log line of a failed pass, e.g. "mail worker". */
    what: string;
  },
): Periodic {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const stopping = () => stopped;
  const tick = () => {
    running = pass(stopping)
      .catch((err) => opts.log.error({ err }, `${opts.what} pass failed`))
      .finally(() => {
        if (!stopped) {
          timer = setTimeout(tick, opts.intervalMs);
          timer.unref();
        }
      });
  };
  timer = setTimeout(tick, opts.firstAfterMs ?? opts.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
