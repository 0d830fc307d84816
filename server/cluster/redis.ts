/**
 * Connections to Redis. Commands fail at once while the connection is down (no offline queue), so
 * nothing waits on a Redis that is gone: callers see an error and carry on without it; the client
 * reconnects by itself, with a growing delay up to two seconds.
 */
import { createClient } from 'redis';

/** Makes a client of `url`, not yet connected. */
function makeClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000) },
  });
}

/** A connected client. */
export type RedisClient = ReturnType<typeof makeClient>;

/** Connects to `url`; `onError` hears every connection error (a client without a listener would crash the process). */
export async function connectRedis(url: string, onError: (error: Error) => void): Promise<RedisClient> {
  const client = makeClient(url);
  client.on('error', (error: Error) => onError(error));
  await client.connect();
  return client;
}
