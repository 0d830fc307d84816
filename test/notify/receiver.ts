/** A real webhook receiver for tests: a `node:http` server on 127.0.0.1, port 0, that records what it gets. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A listening receiver. */
export interface Receiver {
  url: string;
  received: Received[];
  /** Statuses for the next answers, in order; once used up, `then`. */
  answers: number[];
  /** The status once `answers` is used up. @default 204 */
  then: number;
  /** Whether to leave requests unanswered. */
  hang: boolean;
  /** How many requests were cut before an answer. */
  aborted: number;
  /** Stops listening and cuts every connection. */
  close(): Promise<void>;
}

/** Starts a receiver. */
export async function startReceiver(): Promise<Receiver> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      receiver.received.push({
        method: req.method ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      });
      if (receiver.hang) {
        res.on('close', () => {
          if (!res.writableEnded) receiver.aborted += 1;
        });
        return;
      }
      res.statusCode = receiver.answers.shift() ?? receiver.then;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/hook`,
    received: [],
    answers: [],
    then: 204,
    hang: false,
    aborted: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return receiver;
}

/** Resolves once `condition` holds, checking every 5 ms; rejects after `timeoutMs`. */
export function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (condition()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`condition not met within ${timeoutMs} ms`));
      setTimeout(check, 5);
    };
    check();
  });
}

/** Waits `ms` of real time. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
