/**
 * `createApp(config, deps)`: the express app and its HTTP server, ready to listen. No side
 * effect at import; `server/index.ts` listens and tests listen on port 0.
 */
import express from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import type { Server } from 'socket.io';
import { resolve } from 'node:path';
import type { Config } from './config.js';
import { PROJECT_ROOT } from './config.js';
import type { Logger } from './logger.js';
import type { LibraryEntry } from './scenario/library.js';
import type { RunRegistry } from './runs/registry.js';
import { pageRoutes } from './web/pages.js';
import { apiRoutes } from './web/api-routes.js';
import { attachStatusSocket, type Relay } from './web/status-socket.js';
import { LiveRenderer } from './web/live-renderer.js';
import { errorHandler, notFound } from './web/error-handler.js';
import { CONTROL_NAMESPACE, STATUS_NAMESPACE } from './events.js';
import { Store } from './store/store.js';
import type { TimeSource } from './replay/time-source.js';
import { wakeOverdue } from './replay/scheduler.js';
import { buildControl, takeCharge, type ChargeReport, type Control } from './control/build-control.js';
import { openDatabase } from './store/database.js';
import { authenticate, bearerLimiter, failedLoginLimiter, forgeryGuard, subscriptionLimiter } from './web/auth.js';
import { authRoutes } from './web/auth-routes.js';
import { controlApi } from './web/control-api.js';
import { controlPages } from './web/control-pages.js';
import { reportRoutes } from './web/report-routes.js';
import { attachControlSocket } from './web/control-socket.js';
import { subscribeRoutes } from './web/subscribe-routes.js';
import { watchSlowViewers } from './web/slow-viewers.js';
import { securityHeaders } from './web/security-headers.js';
import { statusFastPath } from './web/status-fast-path.js';
import { accessLog } from './web/access-log.js';
import { localPublicRuns, type PublicRuns } from './status/public-run.js';
import { socketServers } from './web/socket-servers.js';
import { CONTROL_SOCKET_PATH, passControlPlane, peerToken, unlessPeer } from './web/control-plane.js';
import { proxyUpgrades } from './web/leader-proxy.js';
import { HTTP_LIMITS, isControlPath, requestRateLimiter } from './web/limits.js';

/** Time given to the disconnect packets to leave before connections are cut on close. */
const DISCONNECT_FLUSH_MS = 50;

/** What the app is built from, besides configuration. */
export interface AppDeps {
  logger: Logger;
  /** The scenario library, loaded and checked. */
  library: readonly LibraryEntry[];
  /** The runs this app serves; `close()` closes them. */
  runs: RunRegistry;
  /** Id of the run served at `/api/v2/` and the feeds' root paths, if any. */
  defaultRun: string | undefined;
  /** The facilitator's secret (see `server/access/admin-token.ts`). */
  adminToken: string;
  /** Wall time for sessions, codes, schedules and webhook retries. @default the system's */
  time?: TimeSource;
  /** Where join codes and approval settings are kept beyond the process (the runs' own persistence is the registry's). */
  store?: Store;
  /** What the public surfaces serve. @default the registry's runs */
  publicRuns?: PublicRuns;
  /** This process's part in a cluster (see `server/cluster/cluster-node.ts`); alone when absent. */
  cluster?: ClusterLink;
}

/** What the app needs of its cluster. */
export interface ClusterLink extends Relay {
  /** Whether this process leads (owns the runs and serves the control plane) now. */
  readonly leading: boolean;
  /** Where the leader listens for the other processes. */
  leaderAddress(): { host: string; port: number } | undefined;
  /** The runs the public surfaces serve, whatever the role: they replace `publicRuns`. */
  readonly runs: PublicRuns;
  /** Redis connections for socket.io's adapter. */
  readonly commands: object;
  readonly subscriber: object;
  /** Told of what Redis refused. */
  redisError(error: unknown): void;
}

/** The running parts of statusdrill. */
export interface App {
  app: express.Express;
  httpServer: HttpServer;
  /** Viewers' socket.io server (`/status`). */
  io: Server;
  /** The console's and desks' socket.io server (`/control`, at `/control.io`). */
  controlIo: Server;
  /** What the console's operations work with (for tests that drive them directly). */
  control: Control;
  /**
   * Takes charge of the runs as `holder`: fences the database for this process, brings back what
   * was not ended, starts the default run. Once, by the process that owns the runs (see
   * `server/control/build-control.ts`).
   */
  takeCharge(holder: string): ChargeReport;
  /** Stops accepting connections, closes every open one, and closes the runs. */
  close(): Promise<void>;
}

/** Builds the app: security headers, limits, static files, pages, errors. */
export function createApp(config: Config, deps: AppDeps): App {
  const app = express();
  app.disable('x-powered-by');
  app.set('views', resolve(PROJECT_ROOT, 'views'));
  app.set('view engine', 'ejs');
  // Templates are compiled once, whatever NODE_ENV says.
  app.set('view cache', true);
  app.use(accessLog(deps.logger));
  app.use(securityHeaders());
  // Behind reverse proxies, the client's address is the one they forwarded, so limits count clients.
  if (config.trustProxy > 0) app.set('trust proxy', config.trustProxy);
  const publicLimiter = requestRateLimiter(config.publicRateLimit, 'requests', config.trustProxy);
  const apiLimiter = requestRateLimiter(config.apiRateLimit, 'control requests', config.trustProxy);
  const cluster = deps.cluster;
  // In a cluster, the process that passed a request on counted its client against these limits.
  const peer = cluster === undefined ? undefined : peerToken(deps.adminToken);
  // The control API is `/api/…`; the default run's Statuspage API at `/api/v2/…` is public.
  app.use(
    unlessPeer(peer, (req, res, next) =>
      (isControlPath(req.path) ? apiLimiter : publicLimiter).handler(req, res, next),
    ),
  );
  app.use('/public', express.static(resolve(PROJECT_ROOT, 'public'), { maxAge: '1h', index: false }));
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, scenarios: deps.library.filter((entry) => entry.result.ok).length });
  });
  const publicRuns = cluster?.runs ?? deps.publicRuns ?? localPublicRuns(deps.runs);
  app.use(apiRoutes({ runs: publicRuns, defaultRun: deps.defaultRun, publicUrl: config.publicUrl }));
  app.use(pageRoutes({ library: deps.library, runs: publicRuns, config }));

  // Without a database (tests, benchmarks), what belongs to runs is kept in one in memory.
  const ownStore = deps.store === undefined ? new Store(openDatabase(':memory:')) : undefined;
  const control = buildControl(config, deps, (deps.store ?? ownStore)!.items);
  const auth = { adminToken: deps.adminToken, sessions: control.sessions, codes: control.codes, runs: deps.runs };
  const limiter = unlessPeer(peer, failedLoginLimiter(config.loginRateLimit));
  // Subscriptions are simulated, but a flood of them would still fill the facilitator's outbox.
  const subscriptions = unlessPeer(peer, subscriptionLimiter(config.loginRateLimit * 3));
  if (cluster !== undefined)
    app.use(
      passControlPlane({
        leading: () => cluster.leading,
        leader: () => cluster.leaderAddress(),
        token: peer!,
        logger: deps.logger,
        limiters: { login: limiter, subscription: subscriptions },
      }),
    );
  app.use('/r/:run/subscribe', subscriptions);
  app.use(subscribeRoutes({ runs: deps.runs, notifications: (run) => control.notifications.find(run) }));
  app.use(authRoutes({ ...auth, limiter, secureCookies: config.publicUrl?.startsWith('https:') === true }));
  app.use('/api', bearerLimiter(limiter));
  app.use(authenticate(auth));
  app.use('/api', forgeryGuard());
  app.use(controlApi(control));
  app.use(controlPages({ runs: deps.runs }));
  app.use(reportRoutes({ runs: deps.runs, notes: control.notes, shares: control.shares }));
  app.use(notFound);
  app.use(errorHandler(deps.logger));

  // The status page and summary.json, asked for by everyone at once, skip express (not when every
  // request must be logged: the fast path keeps no access log).
  const fast = deps.logger.isLevelEnabled('debug')
    ? undefined
    : statusFastPath(config, { runs: publicRuns, defaultRun: deps.defaultRun }, publicLimiter);
  // Each request first lets a run whose next entry is due apply it (see `wakeOverdue`): under a
  // crowd, the story keeps its time, and no page is answered from a state behind the clock.
  const httpServer = createServer({ maxHeaderSize: HTTP_LIMITS.maxHeaderSize }, (req, res) => {
    wakeOverdue();
    if (fast === undefined) void app(req, res);
    else fast(req, res, () => void app(req, res));
  });
  httpServer.maxHeadersCount = HTTP_LIMITS.maxHeadersCount;
  httpServer.headersTimeout = HTTP_LIMITS.headersTimeout;
  httpServer.requestTimeout = HTTP_LIMITS.requestTimeout;
  const sockets = socketServers(
    httpServer,
    cluster && { commands: cluster.commands, subscriber: cluster.subscriber, onError: (e) => cluster.redisError(e) },
  );
  const { io, controlIo } = sockets;
  attachStatusSocket(io, {
    runs: publicRuns,
    renderer: new LiveRenderer(),
    logger: deps.logger,
    ...(cluster === undefined ? {} : { relay: cluster }),
  });
  const slowViewers = watchSlowViewers(io.of(STATUS_NAMESPACE), { logger: deps.logger });
  const stopControlSocket = attachControlSocket(controlIo, { ...control, auth, logger: deps.logger });
  if (cluster === undefined) sockets.attachControl();
  else
    proxyUpgrades(httpServer, `${CONTROL_SOCKET_PATH}/`, () => cluster.leaderAddress(), deps.logger, {
      active: () => !cluster.leading,
      token: peer!,
    });
  return {
    app,
    httpServer,
    io,
    controlIo,
    control,
    takeCharge: (holder) => {
      sockets.attachControl();
      return takeCharge(config, deps, control, holder);
    },
    close: () =>
      new Promise<void>((done, fail) => {
        stopControlSocket();
        slowViewers.stop();
        control.schedules.close();
        control.notifications.close();
        deps.runs.close();
        ownStore?.close();
        if (!httpServer.listening) {
          void sockets.closeControl();
          void io.close();
          return done();
        }
        // Viewers and consoles are told first, so their pages reconnect by themselves (after a
        // random second or two) rather than hear the connection drop; then every socket.io client
        // and the HTTP server close, and open HTTP connections are cut.
        io.of(STATUS_NAMESPACE).disconnectSockets(true);
        controlIo.of(CONTROL_NAMESPACE).disconnectSockets(true);
        setTimeout(() => {
          void sockets.closeControl();
          void io.close((error) => (error === undefined ? done() : fail(error)));
          httpServer.closeAllConnections();
        }, DISCONNECT_FLUSH_MS);
      }),
  };
}
