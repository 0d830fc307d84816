/**
 * `WORKERS` processes behind one port: the primary accepts every connection and hands it to a
 * worker through `@socket.io/sticky`, which keeps each socket.io session on the worker that opened
 * it (long-polling needs it) and otherwise gives a new connection to the worker with the fewest.
 * The workers are ordinary statusdrill processes of a cluster (see `cluster-node.ts`): one leads,
 * the others follow. A worker is handed connections only once it says it is ready (a connection
 * handed to a worker still loading would be lost), and the primary listens once one is. A worker
 * that dies is replaced; on SIGTERM every worker drains, then the primary exits.
 */
import cluster, { type Worker } from 'node:cluster';
import { createServer, type Server } from 'node:http';
import { setupMaster } from '@socket.io/sticky';
import type { Logger } from '../logger.js';
import { HandOvers } from './hand-over.js';
import { isReady } from './ready.js';

/** A worker that dies sooner than this after it started counts as failing to start. */
const EARLY_EXIT_MS = 5_000;
/** How long a replacement waits after a run of early exits, at most. */
const MAX_BACKOFF_MS = 30_000;

/** The primary: its server (to listen on the public port) and how to stop it. */
export interface Primary {
  server: Server;
  /** Resolves once a worker is ready: then the server may listen. */
  ready: Promise<void>;
  /** Tells every worker to drain, and resolves once all have exited (or `deadlineMs` passed). */
  stop(deadlineMs: number): Promise<void>;
}

/** Forks `workers` workers running `entry` (this same program) and keeps that many alive. */
export function startPrimary(options: { workers: number; logger: Logger }): Primary {
  const { logger } = options;
  const server = createServer();
  // The first bytes of each connection travel to the worker as a Buffer, which JSON would not keep.
  cluster.setupPrimary({ serialization: 'advanced' });
  setupMaster(server, { loadBalancingMethod: 'least-connection' });
  let stopping = false;
  let earlyExits = 0;
  const started = new Map<number, number>();
  const workers = new Map<number, Worker>();
  let firstReady: () => void = () => undefined;
  const ready = new Promise<void>((done) => (firstReady = done));
  const pool = cluster.workers!;
  const handOvers = new HandOvers();
  handOvers.follow(server);

  const fork = (): void => {
    const worker = cluster.fork();
    handOvers.watch(worker.id, worker);
    started.set(worker.id, Date.now());
    workers.set(worker.id, worker);
    // `@socket.io/sticky` chooses among `cluster.workers`: out of it until the worker is ready.
    delete pool[worker.id];
    worker.on('message', (message: unknown) => {
      if (!isReady(message) || worker.isDead()) return;
      pool[worker.id] = worker;
      firstReady();
    });
  };
  cluster.on('exit', (worker: Worker, code, signal) => {
    const lived = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    workers.delete(worker.id);
    delete pool[worker.id];
    handOvers.workerGone(worker.id);
    if (stopping) return;
    earlyExits = lived < EARLY_EXIT_MS ? earlyExits + 1 : 0;
    const delay = Math.min(MAX_BACKOFF_MS, earlyExits === 0 ? 0 : 500 * 2 ** (earlyExits - 1));
    logger.warn(
      { worker: worker.process.pid, code, signal },
      `a worker stopped: another takes its place${delay > 0 ? ` in ${delay} ms` : ''}`,
    );
    setTimeout(fork, delay).unref();
  });
  for (let i = 0; i < options.workers; i += 1) fork();

  return {
    server,
    ready,
    stop: (deadlineMs) => {
      stopping = true;
      const all = [...workers.values()];
      server.close();
      server.closeAllConnections();
      return new Promise<void>((done) => {
        let left = all.length;
        if (left === 0) return done();
        const timer = setTimeout(() => {
          for (const w of all) if (!w.isDead()) w.process.kill('SIGKILL');
          done();
        }, deadlineMs);
        for (const w of all) {
          w.once('exit', () => {
            left -= 1;
            if (left === 0) {
              clearTimeout(timer);
              done();
            }
          });
          w.process.kill('SIGTERM');
        }
      });
    },
  };
}
