/**
 * A real Redis for tests: Debian's `redis-server` started on a free port of 127.0.0.1, with no
 * persistence, as a child process that `stop()` ends. `.ci/run` installs the package.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** Where Debian's `redis-server` package puts the server. */
export const REDIS_SERVER = '/usr/bin/redis-server';

/** A running Redis. */
export interface TestRedis {
  url: string;
  port: number;
  child: ChildProcess;
  /** Stops it (SIGKILL when `abrupt`) and waits until it is gone. */
  stop(abrupt?: boolean): Promise<void>;
}

/** A TCP port free on 127.0.0.1 now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** Starts Redis on `port` (a free one by default); fails, never skips, when it is not installed. */
export async function startRedis(port?: number): Promise<TestRedis> {
  if (!existsSync(REDIS_SERVER))
    throw new Error(`redis-server not found at ${REDIS_SERVER}: apt-get install -y redis-server (.ci/run does it)`);
  const chosen = port ?? (await freePort());
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        done();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    child,
    stop: async (abrupt = false) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(abrupt ? 'SIGKILL' : 'SIGTERM');
      await exited;
    },
  };
}
