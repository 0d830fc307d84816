/**
 * The side of a benchmark child process: a clock shared by every process of the machine, and
 * the answering of the parent's requests over IPC. See `children.ts` for the parent's side.
 */

/**
 * Milliseconds on the machine's monotonic clock. `process.hrtime` reads `CLOCK_MONOTONIC`, one
 * clock for every process of a Linux machine, so a time taken in the server and one taken in a
 * client process can be subtracted; `performance.now()` cannot (each process has its own origin),
 * and `Date.now()` can jump.
 */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** A request from the parent: its id, its type, and what comes with it. */
export interface Request {
  id: number;
  type: string;
  payload?: unknown;
}

/** What a child answers a request with. */
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Handlers of a child's requests, by type. */
export type Handlers = Record<string, (payload: never) => unknown>;

/**
 * Answers the parent's requests with `handlers`, one reply per request (a handler may be async),
 * and ends the process when the parent goes away, so that no child outlives its benchmark.
 */
export function answerRequests(handlers: Handlers): void {
  process.on('message', (request: Request) => {
    const handler = handlers[request.type];
    const reply = (message: Reply): void => {
      if (process.connected) process.send?.(message);
    };
    if (handler === undefined) {
      reply({ id: request.id, ok: false, error: `unknown request "${request.type}"` });
      return;
    }
    Promise.resolve()
      .then(() => handler(request.payload as never))
      .then(
        (result) => reply({ id: request.id, ok: true, result }),
        (error: unknown) => reply({ id: request.id, ok: false, error: String((error as Error)?.stack ?? error) }),
      );
  });
  process.on('disconnect', () => process.exit(0));
}

/** The server-side memory of this process after a full collection (needs `--expose-gc`). */
export interface Memory {
  /** `heapUsed + external`: JavaScript objects and the buffers they hold. */
  heapExternal: number;
  rss: number;
}

/** Collects garbage (twice, for weak references) and measures memory, in bytes. */
export function memoryAfterGc(): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  gc();
  gc();
  const { heapUsed, external, rss } = process.memoryUsage();
  return { heapExternal: heapUsed + external, rss };
}

/** CPU time this process has used, user and system, in ms: what a server spent, whatever else ran. */
export const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
