/**
 * The process entry: reads the environment, loads the scenario library, listens, and handles
 * signals. The only file that touches `process.env`, `listen` and signal handlers.
 */
import { hostname } from 'node:os';
import { relative } from 'node:path';
import { createApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { ConfigError } from './errors.js';
import { createLogger } from './logger.js';
import { loadLibrary } from './scenario/library.js';
import { formatProblem } from './scenario/problems.js';
import { RunRegistry } from './runs/registry.js';
import { systemTimeSource } from './replay/time-source.js';
import { resolveAdminToken, type AdminToken } from './access/admin-token.js';
import { openDatabase } from './store/database.js';
import { Store } from './store/store.js';
import { storePersistence, StorageError } from './store/persistence.js';
import { FENCED_MESSAGE, type Charge } from './store/fence.js';
import { storeArchive } from './store/archive.js';

let config: Config;
try {
  config = loadConfig(process.env, Boolean(process.stdout.isTTY));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`statusdrill: ${error.message}\n`);
  process.exit(2);
}
const logger = createLogger(config);

const library = await loadLibrary(config.scenariosDir);
for (const entry of library) {
  const file = relative(process.cwd(), entry.file);
  if (entry.result.ok) {
    logger.info({ scenario: entry.id }, `scenario loaded: ${file}`);
  } else {
    const problems = entry.result.problems.map((p) => formatProblem({ ...p, file: relative(process.cwd(), p.file) }));
    logger.error(
      { scenario: entry.id, problems },
      `scenario skipped: ${file} has ${problems.length} problem(s)\n  ${problems.join('\n  ')}`,
    );
  }
}
if (!library.some((entry) => entry.result.ok)) logger.warn(`no valid scenario in ${config.scenariosDir}`);
else if (!library.some((entry) => entry.result.ok && entry.id === config.defaultScenario)) {
  logger.warn(`DEFAULT_SCENARIO "${config.defaultScenario}" is not a valid scenario of ${config.scenariosDir}`);
}

let store: Store;
try {
  store = new Store(openDatabase(config.dataDir));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`statusdrill: ${error.message}\n`);
  process.exit(2);
}
const runs = new RunRegistry({
  time: systemTimeSource,
  onError: (error, context) =>
    error instanceof StorageError
      ? logger.error({ err: error, ...context }, 'the database refused a record of a run: the run goes on without it')
      : logger.error({ err: error, ...context }, 'a timeline entry failed and was skipped'),
  persistence: storePersistence(store.runs),
  archive: storeArchive(store.runs, library, systemTimeSource),
});
const defaultRun = library.some((entry) => entry.result.ok && entry.id === config.defaultScenario)
  ? config.defaultScenario
  : undefined;

let admin: AdminToken;
try {
  admin = await resolveAdminToken({ envToken: config.adminToken, dataDir: config.dataDir });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`statusdrill: ${error.message}\n`);
  process.exit(2);
}
if (admin.source === 'file') logger.info(`admin token: kept in ${relative(process.cwd(), admin.file ?? '')}`);

const server = createApp(config, { logger, library, runs, defaultRun, adminToken: admin.token, store });
server.httpServer.listen(config.port, config.host, () => {
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  // Only once listening: a second server started by mistake on the same port must not take the
  // database from the first. Nothing is served before this returns.
  const charge = server.takeCharge(`${hostname()}:${process.pid}`);
  if (charge.restored > 0) logger.info(`${charge.restored} run(s) restored (${config.resume})`);
  if (charge.defaultRun !== undefined) logger.info(`default run: ${charge.defaultRun} at ${config.defaultSpeed}x`);
  watchCharge(charge.charge);
  const base = config.publicUrl ?? `http://localhost:${port}`;
  logger.info(`statusdrill listening on http://localhost:${port}`);
  logger.info(`facilitator console: ${base}/console`);
  if (admin.source === 'generated') {
    // Shown once, on the terminal only: never through the logger, whose lines may be shipped elsewhere.
    process.stdout.write(
      `\n  Facilitator console: ${base}/console\n  Admin token (generated, kept in ${admin.file ?? ''}): ${admin.token}\n\n`,
    );
  }
});

/**
 * Stops the process when another one takes charge of its database: its writes are refused from
 * then on, and it must not go on showing runs it no longer owns.
 */
function watchCharge(charge: Charge | undefined): void {
  if (charge === undefined) return;
  const timer = setInterval(() => {
    if (stopping || charge.held()) return;
    clearInterval(timer);
    logger.fatal(`${FENCED_MESSAGE} (${config.dataDir}): stopping`);
    stop('another process took charge', 1);
  }, 1_000);
  timer.unref();
}

/** How long closing may take before the process exits anyway. */
const DRAIN_MS = 10_000;

let stopping = false;
/**
 * Closes in order: no new connection, viewers and consoles told (their sockets are closed, so
 * they reconnect by themselves), schedules and webhook retries stopped, runs' timers stopped, then
 * the database closed (its journal folded back into the file). Everything acknowledged was on disk
 * already: a restart resumes every run where it would be.
 */
const stop = (reason: string, code = 0): void => {
  if (stopping) return;
  stopping = true;
  logger.info(`${reason}: closing`);
  setTimeout(() => {
    logger.error(`still closing after ${DRAIN_MS / 1000} s: exiting now`);
    process.exit(1);
  }, DRAIN_MS).unref();
  server.close().then(
    () => {
      store.close();
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
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception');
  process.exit(1);
});
