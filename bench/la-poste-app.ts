/**
 * The La Poste run served by a whole statusdrill app, built in this process as `server/index.ts`
 * builds it, with every rate limit lifted (they would limit the load tests themselves) and a
 * silent logger, listening on a free port of 127.0.0.1. Shared by the soak and the benchmarks.
 */
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { newSecret } from '../server/access/secrets.js';
import { silentLogger } from '../server/logger.js';
import type { Run } from '../server/replay/run.js';
import { RunRegistry } from '../server/runs/registry.js';
import { loadLibrary } from '../server/scenario/library.js';
import { benchTime } from './clock-support.js';

/** The scenario of the benchmarks: the DDoS of 22 December 2025. */
export const LA_POSTE = 'la-poste-ddos-2025-12-22';

/** A listening app and its run, the app's default run. */
export interface LaPosteApp {
  app: App;
  run: Run;
  url: string;
}

/** Builds and starts the app; the run, `id`, is replayed at `speed`, paused at the start. */
export async function startLaPosteApp(id: string, speed: number): Promise<LaPosteApp> {
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '0',
    API_RATE_LIMIT: '0',
    PUBLIC_RATE_LIMIT: '0',
  });
  const library = await loadLibrary(config.scenariosDir);
  const laPoste = library.find((e) => e.id === LA_POSTE)?.result;
  if (!laPoste?.ok) throw new Error('the La Poste scenario must load');
  const runs = new RunRegistry({ time: benchTime });
  const run = runs.create({ scenario: laPoste.scenario, mode: 'replay', speed, id });
  const app = createApp(config, { logger: silentLogger(), library, runs, defaultRun: run.id, adminToken: newSecret() });
  await new Promise<void>((done) => app.httpServer.listen(0, '127.0.0.1', done));
  return { app, run, url: `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}` };
}
