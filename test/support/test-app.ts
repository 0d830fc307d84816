/** Builds the app for tests, with a silent logger and a library loaded from a folder. */
import { createApp, type App } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { loadLibrary } from '../../server/scenario/library.js';

/** An app over the scenarios in `scenariosDir` (default: the project's), not listening. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<App> {
  const config = { ...loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), ...overrides };
  return createApp(config, { logger: silentLogger(), library: await loadLibrary(config.scenariosDir) });
}
