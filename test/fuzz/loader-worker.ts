/**
 * The loader under the watchdog: a worker thread that judges one input at a time and answers
 * with its verdict. A warning the loader makes Node print is a failure too: the server's log is
 * JSON, and a stray line on standard error escapes it.
 */
import { parentPort } from 'node:worker_threads';
import { judgeLoader, type LoaderVerdict } from './loader-check.js';

/** What the watchdog sends. */
export interface LoaderRequest {
  id: number;
  bytes: Uint8Array;
  file: string;
  boundMs: number;
}

/** What the worker answers. */
export interface LoaderReply {
  id: number;
  verdict: LoaderVerdict;
}

const port = parentPort;
if (port === null) throw new Error('loader-worker.ts runs as a worker thread (see loader-watchdog.ts)');

const warnings: string[] = [];
process.removeAllListeners('warning');
process.on('warning', (warning) => warnings.push(`${warning.name}: ${warning.message}`));

port.on('message', ({ id, bytes, file, boundMs }: LoaderRequest) => {
  warnings.length = 0;
  // Decoded as readFile(file, 'utf8') decodes a file from disk: invalid sequences become U+FFFD.
  const verdict = judgeLoader(Buffer.from(bytes).toString('utf8'), file, boundMs);
  // Warnings are emitted on the next tick: wait for them before answering.
  setImmediate(() => {
    const reply: LoaderReply =
      warnings.length > 0 && verdict.kind !== 'failure'
        ? {
            id,
            verdict: { kind: 'failure', ms: verdict.ms, reason: `the loader made Node warn: ${warnings.join('; ')}` },
          }
        : { id, verdict };
    port.postMessage(reply);
  });
});
port.postMessage('ready');
