/**
 * The parent's side of benchmark child processes: forks them in process groups of their own,
 * at a chosen CPU priority, sends them requests and waits for the replies, and kills every one
 * of them, with anything they started, on exit, on error and on Ctrl-C.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { resolve } from 'node:path';
import type { Reply } from './ipc.js';

/** Niceness of client processes: they stand for other machines, so the server gets the CPU first. */
export const CLIENT_NICENESS = 19;

const living = new Set<ChildProcess>();
let nextId = 1;
const waiting = new Map<number, { done: (result: unknown) => void; fail: (error: Error) => void }>();

/**
 * Gives `pid` a lower CPU priority. A detached child leads a session of its own, and where the
 * kernel groups sessions for scheduling (`/proc/sys/kernel/sched_autogroup_enabled`, on by default
 * on desktop and most VM kernels), a process's niceness only ranks it against the processes of its
 * own session: each session gets an equal share of the CPU, whatever its processes' niceness. So
 * the niceness goes to the session's group too (`/proc/PID/autogroup`; see `man 7 sched`), or the
 * clients would take as much CPU as the server they load.
 */
function lowerPriority(pid: number, niceness: number): void {
  setPriority(pid, niceness);
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(niceness));
  } catch {
    // No autogroups here (another OS, or a kernel without them): the niceness alone ranks it.
  }
}

/** Kills every child still alive and its process group. Safe to call more than once. */
export function killChildren(): void {
  for (const child of living) {
    if (child.pid === undefined) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is gone already
    }
  }
  living.clear();
}

let guarded = false;
/** Kills the children when this process ends in any way it can notice. */
function guard(): void {
  if (guarded) return;
  guarded = true;
  process.on('exit', killChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killChildren();
      process.stderr.write(`\nbench: ${signal}, every child process killed\n`);
      process.exit(130);
    });
  }
}

/**
 * Forks `file` (a TypeScript module of `bench/`) with `--expose-gc`, in a process group of its
 * own, at `niceness` (0 for servers, `CLIENT_NICENESS` for clients).
 */
export function startChild(file: string, niceness = 0): ChildProcess {
  guard();
  const child = fork(resolve(import.meta.dirname, file), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (child.pid !== undefined && niceness !== 0) lowerPriority(child.pid, niceness);
  living.add(child);
  child.on('message', (reply: Reply) => {
    const pending = waiting.get(reply.id);
    if (pending === undefined) return;
    waiting.delete(reply.id);
    if (reply.ok) pending.done(reply.result);
    else pending.fail(new Error(`${file}: ${reply.error}`));
  });
  child.on('exit', (code, signal) => {
    living.delete(child);
    if (code !== 0 && signal !== 'SIGKILL') process.stderr.write(`bench: ${file} exited (${code ?? signal})\n`);
  });
  return child;
}

/** Sends a request to a child and waits for its reply, `timeoutMs` at most. */
export function call<T>(child: ChildProcess, type: string, payload?: unknown, timeoutMs = 120_000): Promise<T> {
  const id = nextId++;
  return new Promise<T>((done, fail) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      fail(new Error(`no answer to "${type}" within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const onExit = (): void => {
      waiting.delete(id);
      clearTimeout(timer);
      fail(new Error(`the child died before answering "${type}"`));
    };
    child.once('exit', onExit);
    waiting.set(id, {
      done: (result) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        done(result as T);
      },
      fail: (error) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        fail(error);
      },
    });
    child.send({ id, type, payload });
  });
}

/** Ends a child: asks it to go by closing its channel, kills its group if it lingers. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  if (child.connected) child.disconnect();
  const timer = setTimeout(() => {
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }, 3_000);
  await exited;
  clearTimeout(timer);
}

/** Runs a benchmark script of `bench/` to its end, its output shown; rejects unless it exits 0. */
export async function runScript(file: string): Promise<void> {
  const child = startChild(file);
  const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
  if (code !== 0) throw new Error(`${file} exited with ${code}`);
}
