// A background job every so often: one pass at a time, failures logged (never swallowed), stopped
// cleanly by waiting for a pass that is running.
export interface Loop {
  stop(): Promise<void>;
}

export type LoopLogger = (event: { loop: string; err: unknown }) => void;

export const stderrLogger: LoopLogger = ({ loop, err }) => {
  process.stderr.write(
    `${JSON.stringify({ level: 50, time: Date.now(), msg: `background loop ${loop} failed`, err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) })}\n`,
  );
};

export function startLoop(opts: { name: string; everyMs: number; run: () => Promise<unknown>; log?: LoopLogger }): Loop {
  const log = opts.log ?? stderrLogger;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = opts
      .run()
      .then(
        () => undefined,
        (err: unknown) => log({ loop: opts.name, err }),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, opts.everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
