/**
 * Runs the loader in a worker thread under a watchdog. A hang inside synchronous code cannot be
 * interrupted from its own thread, so the watchdog waits for the verdict from this one and, when
 * none comes in time, terminates the worker, reports the input as a hang and starts a new worker.
 */
import { Worker } from 'node:worker_threads';
import type { LoaderVerdict } from './loader-check.js';
import type { LoaderReply, LoaderRequest } from './loader-worker.js';

/**
 * Time the verdict's own checks (replaying a valid scenario to its end, comparing keys) may add to
 * the loader's: the loader's time is held to the bound exactly, inside the worker.
 */
const CHECK_GRACE_MS = 1_000;
/** How long a new worker may take to load TypeScript and the loader on a busy machine. */
const START_TIMEOUT_MS = 60_000;

// Workers do not inherit tsx's loader in every Node version: the worker registers it itself.
const BOOTSTRAP = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => {
  tsx.register();
  return import(${JSON.stringify(new URL('./loader-worker.ts', import.meta.url).href)});
});`;

/** The loader behind a watchdog. */
export class LoaderWatchdog {
  private worker: Promise<Worker> | undefined;
  private nextId = 0;
  /** Workers started after a hang or a crash. */
  restarts = 0;

  constructor(private readonly boundMs: number) {}

  /** The verdict on loading `bytes` as `file`; a hang or a dead worker is a failure verdict. */
  async judge(bytes: Uint8Array, file: string): Promise<LoaderVerdict> {
    const worker = await this.start();
    const id = ++this.nextId;
    return new Promise((done) => {
      const finish = (verdict: LoaderVerdict, discard: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (discard) {
          this.worker = undefined;
          this.restarts += 1;
          void worker.terminate();
        }
        done(verdict);
      };
      const onMessage = (reply: LoaderReply): void => {
        if (reply.id === id) finish(reply.verdict, false);
      };
      const onError = (error: Error): void =>
        finish(
          { kind: 'failure', ms: Number.NaN, reason: `the loader's worker died: ${error.stack ?? error.message}` },
          true,
        );
      const onExit = (code: number): void =>
        finish({ kind: 'failure', ms: Number.NaN, reason: `the loader's worker exited with code ${code}` }, true);
      const timer = setTimeout(
        () =>
          finish(
            {
              kind: 'failure',
              ms: this.boundMs,
              reason: `no verdict within ${this.boundMs + CHECK_GRACE_MS} ms: the loader hung (its worker was terminated)`,
              timing: true,
            },
            true,
          ),
        this.boundMs + CHECK_GRACE_MS,
      );
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ id, bytes, file, boundMs: this.boundMs } satisfies LoaderRequest);
    });
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) await (await worker).terminate();
  }

  private start(): Promise<Worker> {
    this.worker ??= new Promise<Worker>((done, fail) => {
      const worker = new Worker(BOOTSTRAP, {
        eval: true,
        // The server loads scenarios on its main thread, whose stack is about 1 MB; a worker's
        // default 4 MB would hide the stack overflows the server would meet. A memory cap turns an
        // expansion that escapes the alias limit into a reported crash rather than a swapping machine.
        resourceLimits: { stackSizeMb: 1, maxOldGenerationSizeMb: 512 },
      });
      const timer = setTimeout(() => {
        void worker.terminate();
        fail(new Error(`the loader's worker did not start within ${START_TIMEOUT_MS} ms`));
      }, START_TIMEOUT_MS);
      worker.once('message', () => {
        clearTimeout(timer);
        done(worker);
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        fail(error);
      });
    });
    return this.worker;
  }
}
