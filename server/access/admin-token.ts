/**
 * The facilitator's secret: `STATUSDRILL_ADMIN_TOKEN` when set; otherwise a token generated on
 * first start and kept in the data folder (readable by its owner only), so it survives restarts.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { newSecret } from './secrets.js';

/** Name of the file, in the data folder, that holds a generated token. */
export const ADMIN_TOKEN_FILE = 'admin-token';

/** Shortest admin token accepted from the environment or the file. */
export const MIN_TOKEN_LENGTH = 16;

/** The admin token, and whether it was generated just now (the only time it is shown). */
export interface AdminToken {
  token: string;
  source: 'env' | 'file' | 'generated';
  /** The file holding it, for a stored or generated token. */
  file?: string;
}

/** Finds or makes the admin token. */
export async function resolveAdminToken(options: {
  envToken: string | undefined;
  dataDir: string;
}): Promise<AdminToken> {
  if (options.envToken !== undefined) return { token: options.envToken, source: 'env' };
  const file = join(options.dataDir, ADMIN_TOKEN_FILE);
  const stored = await readStored(file);
  if (stored !== undefined) {
    if (stored.length < MIN_TOKEN_LENGTH)
      throw new ConfigError(`${file}: the admin token must have at least ${MIN_TOKEN_LENGTH} characters`);
    return { token: stored, source: 'file', file };
  }
  const token = newSecret(24);
  await mkdir(options.dataDir, { recursive: true });
  // `wx`: never overwrite a token another process has just written.
  await writeFile(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { token, source: 'generated', file };
}

async function readStored(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`${file}: cannot read the admin token (${(error as Error).message})`);
  }
}
