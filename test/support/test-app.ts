/** Builds the app for tests, with a silent logger and a library loaded from a folder. */
import { createApp, type App } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { loadLibrary } from '../../server/scenario/library.js';
import { RunRegistry } from '../../server/runs/registry.js';
import { startDefaultRun } from '../../server/runs/default-run.js';
import { systemTimeSource, type TimeSource } from '../../server/replay/time-source.js';
import type { Store } from '../../server/store/store.js';

/** The admin token of test apps. */
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** What a test app is made of, for tests that drive its runs. */
export interface TestApp extends App {
  runs: RunRegistry;
}

/**
 * An app over the scenarios in `scenariosDir` (default: the project's), not listening. The
 * default run starts unless `defaultRun: false`; `time` drives the runs (default: real time).
 */
export async function createTestApp(
  overrides: Partial<Config> = {},
  options: { defaultRun?: boolean; time?: TimeSource; store?: Store } = {},
): Promise<TestApp> {
  const config = { ...loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), ...overrides };
  const library = await loadLibrary(config.scenariosDir);
  const runs = new RunRegistry({ time: options.time ?? systemTimeSource });
  const defaultRun = options.defaultRun === false ? undefined : startDefaultRun(runs, library, config);
  const app = createApp(config, {
    logger: silentLogger(),
    library,
    runs,
    defaultRun: defaultRun?.id,
    adminToken: ADMIN_TOKEN,
    ...(options.time === undefined ? {} : { time: options.time }),
    ...(options.store === undefined ? {} : { store: options.store }),
  });
  app.takeCharge('test');
  return { ...app, runs };
}
