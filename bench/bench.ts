/**
 * `npm run bench`: every benchmark, side by side, in one run. The engine's clock benchmark
 * (`clock.ts`); the publish benchmark (`publish.ts`); the HTTP benchmark (`http.ts`); the fan-out benchmark (`fanout.ts`) at each number
 * of viewers; and the scheduler under load, in statusdrill's process, during the HTTP benchmark,
 * during the largest fan-out, and while the largest fan-out and HTTP load run together. Prints a
 * table per benchmark and one of the targets, writes `bench/results/<name>.json`.
 * Exits 1 when a benchmark could not run, 2 when every one ran but a target was missed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { summarize } from './clock-support.js';
import { CLIENT_NICENESS, call, killChildren, runScript, startChild, stopChild } from './children.js';
import { changeInTurn, follow, type FanoutOptions, type FanoutResult } from './fanout.js';
import { httpBench, httpTargets, type HttpOptions } from './http.js';
import type { LoadRequest, LoadResult } from './load-child.js';
import type { Frames } from './statusdrill-child.js';
import type { ViewerKind } from './fanout-viewers-child.js';
import { fanoutChecks, httpChecks, latenessCheck, targetsTable, type TargetCheck } from './targets.js';
import { num } from './table.js';
import { causesTable, fanoutTable, httpTable, latenessTable } from './result-tables.js';
import { PhaseProbe, type PhaseLateness } from './phase-probe.js';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const only = new Set(env('BENCH_ONLY', 'clock,publish,http,fanout').split(','));
const http: HttpOptions = {
  seconds: Number(env('BENCH_HTTP_SECONDS', '10')),
  warmUpSeconds: 2,
  connections: Number(env('BENCH_HTTP_CONNECTIONS', '100')),
  workers: Number(env('BENCH_HTTP_WORKERS', '0')),
  encoding: env('BENCH_HTTP_ENCODING', 'br') === 'identity' ? 'identity' : 'br',
};
const viewerCounts = env('BENCH_VIEWERS', '1000,5000,10000').split(',').map(Number);
const fanout: FanoutOptions = {
  changes: Number(env('BENCH_CHANGES', '20')),
  viewersPerProcess: Number(env('BENCH_VIEWERS_PER_PROCESS', '1000')),
  concurrency: Number(env('BENCH_CONNECT_CONCURRENCY', '20')),
};
/** How statusdrill's viewers speak socket.io: the protocol over `ws`, or socket.io-client (heavier). */
const client: ViewerKind = env('BENCH_CLIENT', 'socket.io') === 'socket.io-client' ? 'socket.io-client' : 'socket.io';
/** Length of the last phase: the largest fan-out, a change every `LOADED_CHANGE_MS`, and HTTP load. */
const LOADED_SECONDS = Number(env('BENCH_LOADED_SECONDS', '10'));
const LOADED_CHANGE_MS = 250;
const RESULTS = resolve(import.meta.dirname, 'results');

const log = (line: string): void => void process.stdout.write(`${line}\n`);
const write = async (name: string, data: unknown): Promise<void> => {
  await mkdir(RESULTS, { recursive: true });
  const meta = { node: process.version, date: new Date().toISOString(), cpus: (await import('node:os')).cpus().length };
  await writeFile(resolve(RESULTS, `${name}.json`), `${JSON.stringify({ ...meta, ...(data as object) }, null, 2)}\n`);
};
const checks: TargetCheck[] = [];
const lateness: PhaseLateness[] = [];
/** The machine's timer floor, idle in a process of its own, probed beside statusdrill. */
let timerFloor: ReturnType<typeof startChild> | undefined;
/** A phase's probes; its samples go to the lateness table. */
const phaseProbe = (server: ReturnType<typeof startChild>, phase: string): PhaseProbe => {
  timerFloor ??= startChild('timer-floor-child.ts');
  const probe = new PhaseProbe(phase, server, timerFloor);
  lateness.push(probe.lateness);
  return probe;
};

/** Starts statusdrill's server process. */
async function statusdrill(): Promise<{ child: ReturnType<typeof startChild>; url: string; run: string }> {
  const child = startChild('statusdrill-child.ts');
  const { url, run } = await call<{ url: string; run: string }>(child, 'start');
  return { child, url, run };
}

async function runHttp(): Promise<void> {
  const server = await statusdrill();
  try {
    log(
      `\nHTTP: ${http.connections} connections, ${http.seconds} s per URL and server in two halves, each after ${http.warmUpSeconds} s of warm-up, Accept-Encoding: ${http.encoding === 'br' ? 'gzip, deflate, br' : 'none'}`,
    );
    const rows = await httpBench(
      server,
      http,
      phaseProbe(server.child, 'HTTP benchmark (statusdrill under load)'),
      log,
    );
    log(httpTable(rows));
    checks.push(...httpChecks(rows));
    await write('http', { options: http, rows });
  } finally {
    await stopChild(server.child);
  }
}

/** Fan-out at `viewers`, raw ws first, then statusdrill; at the largest count, the loaded phase too. */
async function runFanout(viewers: number, largest: boolean): Promise<{ ws: FanoutResult; drill: FanoutResult }> {
  const server = await statusdrill();
  try {
    const frames = await call<Frames>(server.child, 'frames');
    const payload = frames.change;
    const wsServer = startChild('ws-baseline-child.ts');
    let ws: FanoutResult;
    try {
      const { url } = await call<{ url: string }>(wsServer, 'start', frames);
      const followed = await follow(wsServer, { kind: 'ws', url, run: server.run }, viewers, fanout);
      await changeInTurn(followed, fanout.changes);
      ws = await followed.finish();
    } finally {
      await stopChild(wsServer);
    }
    const followed = await follow(server.child, { kind: client, url: server.url, run: server.run }, viewers, fanout);
    const probe = largest
      ? phaseProbe(server.child, `${num(viewers)} viewers, ${fanout.changes} changes in turn`)
      : undefined;
    await probe?.start();
    await changeInTurn(followed, fanout.changes);
    await probe?.stop();
    if (largest) await loadedPhase(server, followed.change, viewers);
    const drill = await followed.finish();
    log(
      `  fanout ${num(viewers)}: last viewer p99 ws ${num(ws.lastViewerMs.p99, 1)} ms, statusdrill ${num(drill.lastViewerMs.p99, 1)} ms; ` +
        `change frames ws ${num(Buffer.byteLength(payload))} bytes, statusdrill's last ${num(drill.frameBytes ?? Number.NaN)}`,
    );
    return { ws, drill };
  } finally {
    await stopChild(server.child);
  }
}

/** The viewers stay, HTTP load on the page comes, a change every quarter second. */
async function loadedPhase(
  server: Awaited<ReturnType<typeof statusdrill>>,
  change: () => Promise<number>,
  viewers: number,
): Promise<void> {
  const load = startChild('load-child.ts', CLIENT_NICENESS);
  try {
    const target = httpTargets(server.run, http.encoding)[0]!;
    const probe = phaseProbe(server.child, `${num(viewers)} viewers, a change every ${LOADED_CHANGE_MS} ms, HTTP load`);
    await probe.start();
    const loading = call<LoadResult>(load, 'load', {
      url: `${server.url}${target.url}`,
      headers: target.headers,
      connections: http.connections,
      seconds: LOADED_SECONDS,
      workers: http.workers,
    } satisfies LoadRequest);
    let done = false;
    void loading.finally(() => (done = true));
    const times: number[] = [];
    while (!done) {
      const started = performance.now();
      times.push(await change());
      await new Promise((next) => setTimeout(next, Math.max(0, LOADED_CHANGE_MS - (performance.now() - started))));
    }
    const result = await loading;
    await probe.stop();
    log(
      `  loaded: ${num(result.requestsPerSecond)} page requests/s, ${times.length} changes, last viewer p99 ${num(summarize(times.filter((t) => !Number.isNaN(t))).p99, 1)} ms`,
    );
  } finally {
    await stopChild(load);
  }
}

try {
  if (only.has('clock')) {
    log('Engine clock benchmark (bench/clock.ts)');
    await runScript('clock.ts');
  }
  if (only.has('publish')) {
    log('\nPublish benchmark (bench/publish.ts)');
    await runScript('publish.ts');
  }
  if (only.has('http')) await runHttp();
  if (only.has('fanout')) {
    const rows: Array<{ ws: FanoutResult; drill: FanoutResult }> = [];
    const largest = Math.max(...viewerCounts);
    log(
      `\nFan-out: ${fanout.changes} changes in turn; viewers in processes of ${num(fanout.viewersPerProcess)}, ${fanout.concurrency} connecting at once in each`,
    );
    for (const viewers of viewerCounts) rows.push(await runFanout(viewers, viewers === largest));
    log(fanoutTable(rows));
    log(
      `  (the change frame: ${num(rows[0]?.drill.frameBytes ?? Number.NaN)} bytes; lost = changes some viewer did not get within 10 s)`,
    );
    const top = rows.find((r) => r.drill.viewers === largest)!;
    checks.push(...fanoutChecks(top.drill, top.ws));
    await write('fanout', { options: fanout, rows });
  }
  if (lateness.length > 0) {
    log(
      '\nScheduler lateness in statusdrill’s process (a probe entry every 5 ms), and a bare timer alone in a process',
    );
    log(latenessTable(lateness));
    log('\nWhat held statusdrill’s late entries (what its process was doing between due time and application)');
    log(causesTable(lateness));
    for (const l of lateness) checks.push(latenessCheck(l.phase, summarize(l.statusdrill), summarize(l.floor)));
    await write('clock-load', {
      phases: lateness.map((l) => ({
        phase: l.phase,
        statusdrill: { samples: l.statusdrill.length, ...summarize(l.statusdrill) },
        floor: { samples: l.floor.length, ...summarize(l.floor) },
        lateEntriesBy: l.causes,
      })),
    });
  }
  log(`\nTargets (issue 7), on ${(await import('node:os')).cpus().length} cores`);
  log(targetsTable(checks));
  await write('targets', { checks });
  process.exitCode = checks.every((c) => c.ok) ? 0 : 2;
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
} finally {
  killChildren();
}
