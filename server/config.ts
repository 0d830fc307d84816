/**
 * Typed configuration, validated once at start-up. `server/index.ts` passes `process.env` in;
 * nothing else reads the environment. Defaults are documented in the README's table.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { WAKE_LEAD_MS } from './replay/time-source.js';

/** The project root, where `scenarios/`, `views/` and `public/` live. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..');

/** Variables whose values must never appear in a message. */
const SECRET_VARIABLES = new Set(['STATUSDRILL_ADMIN_TOKEN', 'REDIS_URL']);

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A number of requests per address per minute, 0 for no limit. */
const perMinute = z.coerce
  .number({ error: 'a whole number of requests per minute, 0 to turn the limit off' })
  .int('a whole number of requests per minute, 0 to turn the limit off')
  .min(0, 'a whole number of requests per minute, 0 to turn the limit off');

const EnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'a port number from 0 to 65535' })
    .int('a port number from 0 to 65535')
    .min(0, 'a port number from 0 to 65535')
    .max(65535, 'a port number from 0 to 65535')
    .default(3000),
  HOST: z.string().min(1).optional(),
  SCENARIOS_DIR: z.string().min(1).default(resolve(PROJECT_ROOT, 'scenarios')),
  DEFAULT_SCENARIO: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'a scenario id such as la-poste-ddos-2025-12-22')
    .default('la-poste-ddos-2025-12-22'),
  DEFAULT_SPEED: z.coerce
    .number({ error: 'a speed from 0.1 to 10000' })
    .min(0.1, 'a speed from 0.1 to 10000')
    .max(10_000, 'a speed from 0.1 to 10000')
    .default(60),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'an http(s) URL such as https://status.example.org' }).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json'], { error: 'pretty or json' }).optional(),
  DATA_DIR: z.string().min(1).default(resolve(PROJECT_ROOT, 'data')),
  STATUSDRILL_ADMIN_TOKEN: z
    .string()
    .min(16, 'a secret of at least 16 characters (e.g. openssl rand -base64 24)')
    .max(256, 'a secret of at most 256 characters')
    .optional(),
  RESUME: z.enum(['playing', 'paused'], { error: 'playing or paused' }).default('playing'),
  LOGIN_RATE_LIMIT: z.coerce
    .number({ error: 'a whole number of attempts, 0 to turn the limit off' })
    .int('a whole number of attempts, 0 to turn the limit off')
    .min(0, 'a whole number of attempts, 0 to turn the limit off')
    .default(10),
  API_RATE_LIMIT: perMinute.default(1200),
  PUBLIC_RATE_LIMIT: perMinute.default(6000),
  TRUST_PROXY: z.coerce
    .number({ error: 'the number of reverse proxies in front of statusdrill (0 when it faces clients)' })
    .int('the number of reverse proxies in front of statusdrill (0 when it faces clients)')
    .min(0, 'the number of reverse proxies in front of statusdrill (0 when it faces clients)')
    .max(10, 'the number of reverse proxies in front of statusdrill (0 when it faces clients)')
    .default(0),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'a Redis URL such as redis://127.0.0.1:6379' }).optional(),
  WORKERS: z.coerce
    .number({ error: 'a number of processes from 1 to 64' })
    .int('a number of processes from 1 to 64')
    .min(1, 'a number of processes from 1 to 64')
    .max(64, 'a number of processes from 1 to 64')
    .default(1),
  CLUSTER_HOST: z.string().min(1).optional(),
  WAKE_LEAD_MS: z.coerce
    .number({ error: 'a number of milliseconds from 0 to 20' })
    .min(0, 'a number of milliseconds from 0 to 20')
    .max(20, 'a number of milliseconds from 0 to 20')
    .default(WAKE_LEAD_MS),
});

/** The server's configuration. */
export interface Config {
  /** TCP port to listen on. @default 3000 */
  port: number;
  /** Interface to listen on; every interface when unset. */
  host: string | undefined;
  /** Folder the scenario library is loaded from. @default `<project>/scenarios` */
  scenariosDir: string;
  /** Id of the scenario served by default. @default "la-poste-ddos-2025-12-22" */
  defaultScenario: string;
  /** Speed of the default run. @default 60 */
  defaultSpeed: number;
  /** Public address of the site, for absolute links in feeds and the API; taken from each request when unset. */
  publicUrl: string | undefined;
  /** Log level. @default "info" */
  logLevel: (typeof LOG_LEVELS)[number];
  /** Log as readable lines or as JSON. @default "pretty" on a terminal, "json" otherwise */
  logFormat: 'pretty' | 'json';
  /** Folder for what statusdrill keeps (the generated admin token). @default `<project>/data` */
  dataDir: string;
  /** The facilitator's secret; generated and kept in `dataDir` when unset. Never logged. */
  adminToken: string | undefined;
  /** After a restart, whether runs that were playing go on playing (at the story time they would have reached) or come back paused. @default "playing" */
  resume: 'playing' | 'paused';
  /** Failed sign-ins and join attempts allowed per address per 15 minutes; 0 turns the limit off. @default 10 */
  loginRateLimit: number;
  /** Requests to the control API allowed per address per minute; 0 turns the limit off. @default 1200 */
  apiRateLimit: number;
  /** Requests to the public pages, API, feeds and assets allowed per address per minute; 0 turns the limit off. @default 6000 */
  publicRateLimit: number;
  /** Reverse proxies in front of the server whose `X-Forwarded-For` is believed, so limits count each client. @default 0 */
  trustProxy: number;
  /** Redis shared by the processes of a cluster; one process alone when unset. Never logged. */
  redisUrl: string | undefined;
  /** Processes `npm start` runs behind one port (a primary with sticky sessions, and this many workers); more than one needs `redisUrl`. @default 1 */
  workers: number;
  /** The interface a process of a cluster listens on for the others, and says it does. @default HOST, or 127.0.0.1 */
  clusterHost: string;
  /** How long before a run's entry falls due its timer goes off, the rest waited out awake; 0: by the timer alone. @default 4 */
  wakeLeadMs: number;
}

/** Reads the configuration from an environment; throws a `ConfigError` naming every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, isTty = false): Config {
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      // A secret is never echoed, not even a wrong one.
      const got = SECRET_VARIABLES.has(name)
        ? `${String(set[name]?.length ?? 0)} characters`
        : JSON.stringify(set[name]);
      return `${name}: expected ${issue.message}, got ${got}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.WORKERS > 1 && e.REDIS_URL === undefined)
    throw new ConfigError(
      `invalid configuration:\n  WORKERS: expected 1 without REDIS_URL (processes share their runs through Redis), got ${e.WORKERS}`,
    );
  return {
    port: e.PORT,
    host: e.HOST,
    scenariosDir: resolve(e.SCENARIOS_DIR),
    defaultScenario: e.DEFAULT_SCENARIO,
    defaultSpeed: e.DEFAULT_SPEED,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (isTty ? 'pretty' : 'json'),
    dataDir: resolve(e.DATA_DIR),
    adminToken: e.STATUSDRILL_ADMIN_TOKEN,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    apiRateLimit: e.API_RATE_LIMIT,
    publicRateLimit: e.PUBLIC_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY,
    resume: e.RESUME,
    redisUrl: e.REDIS_URL,
    workers: e.WORKERS,
    clusterHost:
      e.CLUSTER_HOST ?? (e.HOST === undefined || e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST),
    wakeLeadMs: e.WAKE_LEAD_MS,
  };
}
