/** The server as a child process, started as `npm start` starts it, for tests of restarts and crashes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../../server/config.js';

/** A running server process and its base URL. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Its JSON log lines so far. */
  lines: Array<{ level: number; msg: string }>;
  /** Everything it wrote so far, standard output and error, as written. */
  output: () => string;
}

/** Starts `server/index.ts` with `env` and waits until it listens (10 s at most). */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(PROJECT_ROOT, 'server/index.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: ServerProcess['lines'] = [];
  let stderr = '';
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    output += chunk.toString();
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start:\n${stderr}`)), 10_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const parsed = JSON.parse(line) as { level: number; msg: string };
      lines.push(parsed);
      const port = /^statusdrill listening on http:\/\/localhost:(\d+)/.exec(parsed.msg)?.[1];
      if (port !== undefined) {
        clearTimeout(timer);
        done(`http://127.0.0.1:${port}`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited with ${code}:\n${stderr}`));
    });
  });
  return { child, url, lines, output: () => output };
}

/** Kills a server process (SIGKILL by default) and waits until it is gone. */
export async function killServer(server: ServerProcess | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (server === undefined || server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = once(server.child, 'exit');
  server.child.kill(signal);
  await exited;
}
