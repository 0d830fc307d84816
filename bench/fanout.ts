/**
 * The fan-out benchmark: `viewers` viewers (in processes of their own, at a lower priority) follow
 * the La Poste run on statusdrill's `/status`, and the same number follow a raw `ws` server that
 * sends the same bytes; a change is applied `changes` times, one after the other. For each:
 * connection rate, memory per viewer, and the time from the change being applied to the last
 * viewer holding it. The caller may keep statusdrill's viewers connected for more (`keep`).
 */
import type { ChildProcess } from 'node:child_process';
import { summarize, type Summary } from './clock-support.js';
import { CLIENT_NICENESS, call, startChild, stopChild } from './children.js';
import type { Connected, ConnectRequest, Reached } from './fanout-viewers-child.js';
import type { Memory } from './ipc.js';
import type { Change } from './statusdrill-child.js';

/** How the fan-out benchmark runs. */
export interface FanoutOptions {
  changes: number;
  viewersPerProcess: number;
  /** Connections in flight at once in each viewer process. */
  concurrency: number;
}

/** What one server did for `viewers` viewers. */
export interface FanoutResult {
  viewers: number;
  connectionsPerSecond: number;
  /** Server memory per viewer: `heapUsed + external` after a full collection, and the resident size. */
  bytesPerViewer: { heapExternal: number; rss: number };
  /** From the change applied to the last viewer holding it. */
  lastViewerMs: Summary;
  /**
   * The server's own CPU time: per connection (the handshake to the first snapshot) and per
   * change (rendering, encoding and writing to every viewer). Unlike times, it does not grow when
   * other processes take the machine's cores.
   */
  serverCpu: { usPerConnection: number; msPerChange: number };
  /** Changes some viewer never received within 10 s. */
  incomplete: number;
  outOfOrder: number;
  gaps: number;
  disconnects: number;
  frameBytes: number | undefined;
}

/** A server under test and its viewers, connected. */
export interface Followed {
  result: FanoutResult;
  server: ChildProcess;
  viewerProcesses: ChildProcess[];
  /** Applies one change and waits for every viewer; returns the time to the last one (ms), or NaN. */
  change: () => Promise<number>;
  /** Tallies the viewers' checks into `result`, closes them. */
  finish: () => Promise<FanoutResult>;
}

const REACH_TIMEOUT_MS = 10_000;

/** Connects `viewers` viewers of `kind` to `server` (a started child) and measures them. */
export async function follow(
  server: ChildProcess,
  target: { kind: ConnectRequest['kind']; url: string; run: string },
  viewers: number,
  options: FanoutOptions,
): Promise<Followed> {
  const before = await call<Memory>(server, 'memory');
  const cpuBefore = await call<number>(server, 'cpu');
  const processes = Math.ceil(viewers / options.viewersPerProcess);
  const viewerProcesses = Array.from({ length: processes }, () =>
    startChild('fanout-viewers-child.ts', CLIENT_NICENESS),
  );
  const connected = await Promise.all(
    viewerProcesses.map((child, i) =>
      call<Connected>(child, 'connect', {
        ...target,
        count: Math.min(options.viewersPerProcess, viewers - i * options.viewersPerProcess),
        concurrency: options.concurrency,
      } satisfies ConnectRequest),
    ),
  );
  const connectCpuMs = (await call<number>(server, 'cpu')) - cpuBefore;
  const seconds =
    (Math.max(...connected.map((c) => c.finishedMs)) - Math.min(...connected.map((c) => c.startedMs))) / 1000;
  if ((await call<number>(server, 'viewers')) !== viewers)
    throw new Error(`${target.kind}: not every viewer connected`);
  await new Promise((done) => setTimeout(done, 1_000));
  const after = await call<Memory>(server, 'memory');
  const result: FanoutResult = {
    viewers,
    connectionsPerSecond: viewers / seconds,
    bytesPerViewer: {
      heapExternal: (after.heapExternal - before.heapExternal) / viewers,
      rss: (after.rss - before.rss) / viewers,
    },
    lastViewerMs: summarize([]),
    serverCpu: { usPerConnection: (connectCpuMs * 1000) / viewers, msPerChange: Number.NaN },
    incomplete: 0,
    outOfOrder: 0,
    gaps: 0,
    disconnects: 0,
    frameBytes: undefined,
  };
  const change = async (): Promise<number> => {
    const { version, atMs } = await call<Change>(server, 'change');
    const reached = await Promise.all(
      viewerProcesses.map((child) => call<Reached>(child, 'reached', { version, timeoutMs: REACH_TIMEOUT_MS })),
    );
    const complete = reached.every(
      (r, i) => r.received === Math.min(options.viewersPerProcess, viewers - i * options.viewersPerProcess),
    );
    if (!complete) result.incomplete += 1;
    return complete ? Math.max(...reached.map((r) => r.lastMs)) - atMs : Number.NaN;
  };
  const finish = async (): Promise<FanoutResult> => {
    const tallies = await Promise.all(
      viewerProcesses.map((child) =>
        call<{ outOfOrder: number; gaps: number; disconnects: number; frameBytes: number | undefined }>(child, 'tally'),
      ),
    );
    for (const t of tallies) {
      result.outOfOrder += t.outOfOrder;
      result.gaps += t.gaps;
      result.disconnects += t.disconnects;
      result.frameBytes ??= t.frameBytes;
    }
    await Promise.all(
      viewerProcesses.map(async (child) => {
        await call(child, 'close').catch(() => undefined);
        await stopChild(child);
      }),
    );
    return result;
  };
  return { result, server, viewerProcesses, change, finish };
}

/** Applies `count` changes one after the other, each once every viewer has the previous one. */
export async function changeInTurn(followed: Followed, count: number): Promise<void> {
  const times: number[] = [];
  let cpu = 0;
  for (let i = 0; i < count; i += 1) {
    const before = await call<number>(followed.server, 'cpu');
    const ms = await followed.change();
    cpu += (await call<number>(followed.server, 'cpu')) - before;
    if (!Number.isNaN(ms)) times.push(ms);
    await new Promise((done) => setTimeout(done, 100));
  }
  followed.result.lastViewerMs = summarize(times);
  followed.result.serverCpu.msPerChange = cpu / count;
}
