/**
 * The process entry: reads the environment, loads the scenario library, listens, and handles
 * signals. The only file that touches `process.env`, `listen` and signal handlers.
 *
 * Alone (the default), the process owns its runs. With `REDIS_URL` it is a process of a cluster
 * (see `server/cluster/cluster-node.ts`): it listens, joins, and takes charge of the runs when it
 * becomes the leader. With `WORKERS` above 1 it is the primary of that many such processes behind
 * one port (see `server/cluster/primary.ts`), and each worker runs this file again.
 */
import cluster from 'node:cluster';
import { hostname } from 'node:os';
import { relative } from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from './config.js';
import { ConfigError } from './errors.js';
import { createLogger, type Logger } from './logger.js';
import type { App } from './app.js';
import type { LibraryEntry } from './scenario/library.js';
import type { AdminToken } from './access/admin-token.js';
import type { Store } from './store/store.js';
import type { Charge } from './store/fence.js';
import type { ClusterNode } from './cluster/cluster-node.js';
import { READY } from './cluster/ready.js';

/** How long closing may take before the process exits anyway. */
const DRAIN_MS = 10_000;

let config: Config;
try {
  config = loadConfig(process.env, Boolean(process.stdout.isTTY));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`statusdrill: ${error.message}\n`);
  process.exit(2);
}
const logger = createLogger(config);
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception');
  process.exit(1);
});

/** Stops the process with a message on standard error, for what the operator must fix. */
function exitWith(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`statusdrill: ${error.message}\n`);
  process.exit(2);
}

/** Finds or makes the admin token, and says where it is kept. */
async function adminToken(announce: boolean): Promise<AdminToken> {
  const { resolveAdminToken } = await import('./access/admin-token.js');
  const admin = await resolveAdminToken({ envToken: config.adminToken, dataDir: config.dataDir }).catch(exitWith);
  if (admin.source === 'file' && announce)
    logger.info(`admin token: kept in ${relative(process.cwd(), admin.file ?? '')}`);
  return admin;
}

/** Shows a token generated just now, once, with where to use it. */
function showGenerated(admin: AdminToken, base: string): void {
  if (admin.source !== 'generated') return;
  // On the terminal only: never through the logger, whose lines may be shipped elsewhere.
  process.stdout.write(
    `\n  Facilitator console: ${base}/console\n  Admin token (generated, kept in ${admin.file ?? ''}): ${admin.token}\n\n`,
  );
}

if (config.workers > 1 && cluster.isPrimary) await primary();
else await serve();

/** The primary of `WORKERS` processes: the token first (the workers read it), then the workers. */
async function primary(): Promise<void> {
  const admin = await adminToken(true);
  const { startPrimary } = await import('./cluster/primary.js');
  const running = startPrimary({ workers: config.workers, logger });
  await running.ready;
  running.server.listen(config.port, config.host, () => {
    const { port } = running.server.address() as AddressInfo;
    const base = config.publicUrl ?? `http://localhost:${port}`;
    logger.info(`statusdrill listening on http://localhost:${port} (${config.workers} processes)`);
    logger.info(`facilitator console: ${base}/console`);
    showGenerated(admin, base);
  });
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`${reason}: closing every process`);
    void running.stop(DRAIN_MS + 2_000).then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT received'));
  process.on('SIGTERM', () => stop('SIGTERM received'));
}

/** One statusdrill process: alone, or a process of a cluster. */
async function serve(): Promise<void> {
  const [
    { createApp },
    { loadLibrary },
    { RunRegistry },
    { systemTime },
    { openDatabase },
    { Store },
    { storePersistence, StorageError },
    { FENCED_MESSAGE },
    { storeArchive },
    { ClusterNode },
    { setupWorker },
  ] = await Promise.all([
    import('./app.js'),
    import('./scenario/library.js'),
    import('./runs/registry.js'),
    import('./replay/time-source.js'),
    import('./store/database.js'),
    import('./store/store.js'),
    import('./store/persistence.js'),
    import('./store/fence.js'),
    import('./store/archive.js'),
    import('./cluster/cluster-node.js'),
    import('@socket.io/sticky'),
  ]);
  const worker = cluster.isWorker;
  const library = await loadLibrary(config.scenariosDir);
  // The workers of a primary say it once, through the first one.
  if (!worker || cluster.worker?.id === 1) await reportLibrary(library, logger);

  let store: Store;
  try {
    store = new Store(openDatabase(config.dataDir));
  } catch (error) {
    exitWith(error);
  }
  const time = systemTime(config.wakeLeadMs);
  const runs = new RunRegistry({
    time,
    onError: (error, context) =>
      error instanceof StorageError
        ? logger.error({ err: error, ...context }, 'the database refused a record of a run: the run goes on without it')
        : logger.error({ err: error, ...context }, 'a timeline entry failed and was skipped'),
    persistence: storePersistence(store.runs),
    archive: storeArchive(store.runs, library, time),
  });
  const defaultRun = library.some((entry) => entry.result.ok && entry.id === config.defaultScenario)
    ? config.defaultScenario
    : undefined;
  const publicBase = (port: number): string => config.publicUrl ?? `http://localhost:${port}`;
  const admin = await adminToken(!worker);

  const name = `${hostname()}:${process.pid}`;
  let node: ClusterNode | undefined;
  if (config.redisUrl !== undefined) {
    node = await ClusterNode.join({ redisUrl: config.redisUrl, name, library, time, logger }, runs).catch(
      (error: unknown) => {
        // The URL may hold a password: it is never written out.
        logger.fatal({ err: error }, 'cannot reach Redis at REDIS_URL');
        process.exit(1);
      },
    );
    // What the leader published, before anyone is served from it.
    await node.load().catch((error: unknown) => {
      logger.fatal({ err: error }, 'cannot read the runs of the cluster from Redis');
      process.exit(1);
    });
  }
  const server = createApp(config, {
    logger,
    library,
    runs,
    defaultRun,
    adminToken: admin.token,
    store,
    ...(node === undefined ? {} : { cluster: node }),
  });

  const takeCharge = (): void => {
    const charge = server.takeCharge(name);
    if (charge.restored > 0) logger.info(`${charge.restored} run(s) restored (${config.resume})`);
    if (charge.defaultRun !== undefined) logger.info(`default run: ${charge.defaultRun} at ${config.defaultSpeed}x`);
    watchCharge(charge.charge, () => stop('another process took charge of the runs', 1));
  };
  const listening = (): void => {
    const { port } = server.httpServer.address() as AddressInfo;
    if (node === undefined) {
      // Only once listening: a second server started by mistake on the same port must not take
      // the database from the first. Nothing is served before this returns.
      takeCharge();
    } else {
      node.on('promoted', takeCharge);
      node.on('deposed', (reason) => {
        logger.fatal(`another process leads the cluster (${reason}): this one stops`);
        stop('deposed', 1);
      });
      node.start({ host: config.clusterHost, port });
    }
    if (worker) {
      logger.info(`worker ${process.pid} listening for the cluster on ${config.clusterHost}:${port}`);
      // Handed clients only once it can pass a facilitator's request on to the leader.
      void (node?.leaderKnown() ?? Promise.resolve()).then(() => process.send?.(READY));
      return;
    }
    logger.info(`statusdrill listening on http://localhost:${port}`);
    logger.info(`facilitator console: ${publicBase(port)}/console`);
    showGenerated(admin, publicBase(port));
  };
  if (worker) {
    // The primary hands this worker its clients once it says it is ready; the others reach it here.
    setupWorker(server.io);
    server.httpServer.listen({ port: 0, host: config.clusterHost, exclusive: true }, listening);
  } else server.httpServer.listen(config.port, config.host, listening);

  let stopping = false;
  /**
   * Closes in order: no new connection, viewers and consoles told (their sockets are closed, so
   * they reconnect by themselves), schedules and webhook retries stopped, runs' timers stopped, the
   * lease given up, then the database closed (its journal folded back into the file). Everything
   * acknowledged was on disk already: a restart, or another process of a cluster, resumes every run
   * where it would be.
   */
  const stop = (reason: string, code = 0): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`${reason}: closing`);
    setTimeout(() => {
      logger.error(`still closing after ${DRAIN_MS / 1000} s: exiting now`);
      process.exit(1);
    }, DRAIN_MS).unref();
    closeAll(server, node, store).then(
      () => {
        logger.info('closed: every run is kept, and a restart resumes it');
        process.exit(code);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while closing');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT received'));
  process.on('SIGTERM', () => stop('SIGTERM received'));
  // A worker whose primary is gone has no clients left to serve.
  if (worker) process.on('disconnect', () => stop('the primary is gone', 1));

  /**
   * Stops the process when another one takes charge of its database: its writes are refused from
   * then on, and it must not go on showing runs it no longer owns.
   */
  function watchCharge(charge: Charge | undefined, lost: () => void): void {
    if (charge === undefined) return;
    const timer = setInterval(() => {
      if (stopping || charge.held()) return;
      clearInterval(timer);
      logger.fatal(`${FENCED_MESSAGE} (${config.dataDir}): stopping`);
      lost();
    }, 1_000);
    timer.unref();
  }
}

async function closeAll(server: App, node: ClusterNode | undefined, store: Store): Promise<void> {
  await server.close();
  await node?.stop();
  store.close();
}

/** Says which scenarios loaded, and every problem of those that did not. */
async function reportLibrary(library: readonly LibraryEntry[], log: Logger): Promise<void> {
  const { formatProblem } = await import('./scenario/problems.js');
  for (const entry of library) {
    const file = relative(process.cwd(), entry.file);
    if (entry.result.ok) {
      log.info({ scenario: entry.id }, `scenario loaded: ${file}`);
    } else {
      const problems = entry.result.problems.map((p) => formatProblem({ ...p, file: relative(process.cwd(), p.file) }));
      log.error(
        { scenario: entry.id, problems },
        `scenario skipped: ${file} has ${problems.length} problem(s)\n  ${problems.join('\n  ')}`,
      );
    }
  }
  if (!library.some((entry) => entry.result.ok)) log.warn(`no valid scenario in ${config.scenariosDir}`);
  else if (!library.some((entry) => entry.result.ok && entry.id === config.defaultScenario)) {
    log.warn(`DEFAULT_SCENARIO "${config.defaultScenario}" is not a valid scenario of ${config.scenariosDir}`);
  }
}
