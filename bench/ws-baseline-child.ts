/**
 * The raw WebSocket baseline of the fan-out benchmark, alone in its process: a bare `ws` server
 * that sends each client, on connection, the bytes of statusdrill's snapshot frame, and
 * broadcasts those of its `status:changed` frame (with the version set) to every client with the
 * usual loop, encoded once and written to each.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { answerRequests, cpuMs, memoryAfterGc, monotonicMs } from './ipc.js';
import type { Change, Frames } from './statusdrill-child.js';

let wss: WebSocketServer | undefined;
let server: Server | undefined;
let frame = '';
let snapshot: Buffer = Buffer.alloc(0);
let version = 0;

/** The frame of statusdrill's change, at `v`: the version is the only thing that differs. */
const atVersion = (text: string, v: number): string => text.replace(/"version":\d+/, `"version":${v}`);

answerRequests({
  start: async (frames: Frames) => {
    frame = frames.change;
    // The first broadcast carries the change frame's own version, one after the snapshot's.
    version = Number(/"version":(\d+)/.exec(frames.change)?.[1] ?? 1) - 1;
    snapshot = Buffer.from(frames.snapshot);
    server = createServer();
    wss = new WebSocketServer({ server, perMessageDeflate: false });
    wss.on('connection', (socket) => socket.send(snapshot));
    const listening = server;
    await new Promise<void>((done) => listening.listen(0, '127.0.0.1', done));
    return { url: `ws://127.0.0.1:${(listening.address() as AddressInfo).port}` };
  },
  change: (): Change => {
    const atMs = monotonicMs();
    version += 1;
    const bytes = Buffer.from(atVersion(frame, version));
    for (const client of wss?.clients ?? []) client.send(bytes, { binary: false });
    return { version, atMs };
  },
  viewers: () => wss?.clients.size ?? 0,
  memory: memoryAfterGc,
  cpu: cpuMs,
  close: async () => {
    for (const client of wss?.clients ?? []) client.terminate();
    await new Promise<void>((done) => (wss === undefined ? done() : wss.close(() => done())));
    await new Promise<void>((done) => (server === undefined ? done() : server.close(() => done())));
  },
});
