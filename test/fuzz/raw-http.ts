/**
 * A request sent exactly as the fuzz wrote it: bytes of the body, content type and query string
 * untouched by any client library, with a deadline after which the server is said to have hung.
 */
import { Agent, request } from 'node:http';

/** A request of the fuzz. */
export interface RawRequest {
  method: string;
  /** Path and query string, already encoded (or deliberately not). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** What came back: an answer, or why none did. */
export type RawAnswer =
  { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer } | { error: string };

/** Sends requests to one server over a few kept-alive connections. */
export class RawClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 4 });

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  /** Sends `req`; no answer within the client's deadline is an error answer. */
  send(req: RawRequest): Promise<RawAnswer> {
    return new Promise((done) => {
      const target = new URL(this.url);
      let settled = false;
      const finish = (answer: RawAnswer): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        done(answer);
      };
      const length = req.body === undefined ? {} : { 'Content-Length': String(req.body.length) };
      const outgoing = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.path,
          headers: { ...req.headers, ...length },
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', (error) => finish({ error: `reading the answer: ${error.message}` }));
        },
      );
      const timer = setTimeout(() => {
        outgoing.destroy();
        finish({ error: `no answer within ${this.timeoutMs} ms` });
      }, this.timeoutMs);
      outgoing.on('error', (error) => finish({ error: `the connection failed: ${error.message}` }));
      outgoing.end(req.body);
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}
