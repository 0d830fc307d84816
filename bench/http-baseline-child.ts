/**
 * The HTTP baselines of the benchmark, alone in their process: a bare `node:http` handler (the
 * machine's limit) and a bare express handler, each answering a request for a path with the
 * answer statusdrill gave for it, the same status, headers and body bytes, captured beforehand.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { answerRequests } from './ipc.js';

/** One answer as statusdrill gave it, for the URL (path and query) it was asked for. */
export interface CapturedAnswer {
  url: string;
  status: number;
  /** Header names and values, in order, as `writeHead` takes them (`Content-Length` included). */
  headers: string[];
  bodyBase64: string;
}

const servers: Server[] = [];
const listen = async (server: Server): Promise<string> => {
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

answerRequests({
  start: async ({ answers }: { answers: CapturedAnswer[] }) => {
    const byUrl = new Map(answers.map((a) => [a.url, { ...a, body: Buffer.from(a.bodyBase64, 'base64') }]));
    const node = createServer((req, res) => {
      const answer = byUrl.get(req.url ?? '');
      if (answer === undefined) res.writeHead(404).end();
      else res.writeHead(answer.status, answer.headers).end(answer.body);
    });
    const app = express();
    app.disable('x-powered-by');
    app.disable('etag');
    app.get('/{*splat}', (req, res) => {
      const answer = byUrl.get(req.originalUrl);
      if (answer === undefined) {
        res.sendStatus(404);
        return;
      }
      for (let i = 0; i < answer.headers.length; i += 2) res.setHeader(answer.headers[i]!, answer.headers[i + 1]!);
      res.status(answer.status).send(answer.body);
    });
    return { node: await listen(node), express: await listen(createServer(app)) };
  },
  close: async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    }
  },
});
