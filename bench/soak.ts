/**
 * Soak: the La Poste run played at 100x for a minute while 2,000 viewers (in other processes)
 * follow it on `/status`, a facilitator changes a channel four times a second, HTTP clients ask for
 * the page in both languages and `summary.json` as fast as they are answered, and a second run of
 * dense entries measures how late the scheduler fires. Checks that no viewer applied a change out of
 * order, every gap was followed by a snapshot of at least the version that revealed it, every
 * viewer ended on the last version, every HTTP answer was a 200, scheduler lateness stayed within
 * its bound and the heap (after GC) grew by less than 10 % after warm-up. Prints a summary, writes
 * bench/results/soak.json (or `SOAK_OUT`), exits 1 if any check fails. `npm run soak`; a short
 * form runs in `npm test`. Knobs: SOAK_SECONDS, SOAK_VIEWERS, SOAK_SPEED, SOAK_CONCURRENCY, SOAK_CHANGES
 * (changes a second).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setPriority } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PROJECT_ROOT } from '../server/config.js';
import { startLaPosteApp } from './la-poste-app.js';
import { FACILITATOR_BENCH, summarize } from './clock-support.js';
import { LatenessProbe } from './lateness-probe.js';
import type { SoakTally, SoakViewersRequest } from './soak-viewers-child.js';
import type { HttpLoadRequest, HttpLoadTally } from './http-load-child.js';

const number = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const SECONDS = number('SOAK_SECONDS', 60);
const VIEWERS = number('SOAK_VIEWERS', 2_000);
const SPEED = number('SOAK_SPEED', 100);
const CONCURRENCY = number('SOAK_CONCURRENCY', 16);
const OUT = process.env.SOAK_OUT ?? resolve(PROJECT_ROOT, 'bench/results/soak.json');
const VIEWERS_PER_PROCESS = 500;
const CHANGES_PER_SECOND = number('SOAK_CHANGES', 4);
/** Bounds of the checks. */
const LATENESS_P99_MS = 20;
const HEAP_GROWTH = 0.1;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run the soak with node --expose-gc (npm run soak does)');

const { app, run, url } = await startLaPosteApp('soak', SPEED);

const children: ChildProcess[] = [];
/**
 * A client process. Clients stand for other machines: on this one they run at a lower priority, so
 * the server is not measured waiting for a CPU that its own clients hold.
 */
const child = (file: string): ChildProcess => {
  const forked = fork(resolve(import.meta.dirname, file), [], { execArgv: ['--import', 'tsx'] });
  if (forked.pid !== undefined) setPriority(forked.pid, 10);
  children.push(forked);
  return forked;
};
const reply = <T>(from: ChildProcess): Promise<T> => once(from, 'message').then(([message]) => message as T);
/** Wall times (performance.now) of the soak's own forced collections; lateness there is its own doing. */
const collections: Array<[number, number]> = [];
const heapMb = (): number => {
  const started = performance.now();
  gc();
  collections.push([started, performance.now() + 5]);
  return process.memoryUsage().heapUsed / 2 ** 20;
};

try {
  // Viewers first, in both languages, as many processes as needed.
  const viewerProcesses = Array.from({ length: Math.ceil(VIEWERS / VIEWERS_PER_PROCESS) }, () =>
    child('soak-viewers-child.ts'),
  );
  const connectStarted = performance.now();
  await Promise.all(
    viewerProcesses.map((p, i) => {
      const count = Math.min(VIEWERS_PER_PROCESS, VIEWERS - i * VIEWERS_PER_PROCESS);
      const ready = reply<{ ready: true }>(p);
      p.send({ url, run: run.id, count, lang: i % 2 === 0 ? 'fr' : 'en' } satisfies SoakViewersRequest);
      return ready;
    }),
  );
  const connectSeconds = (performance.now() - connectStarted) / 1000;

  // Then the load, the changes and the lateness probe, all at once.
  const http = child('http-load-child.ts');
  const paths = ['fr', 'en'].map((lang) => `/r/${run.id}?lang=${lang}`).concat(`/r/${run.id}/api/v2/summary.json`);
  http.send({ url, paths, concurrency: CONCURRENCY } satisfies HttpLoadRequest);
  // The probe is a run of its own beside the registry's, on the same event loop.
  const probe = new LatenessProbe(SPEED, (dueWallMs) => {
    const due = dueWallMs - performance.timeOrigin;
    return collections.some(([from, to]) => due >= from && due <= to);
  });
  probe.start();
  run.play(FACILITATOR_BENCH);
  const statuses = ['major_outage', 'partial_outage', 'degraded_performance', 'operational'] as const;
  let changes = 0;
  const changer = setInterval(() => {
    run.act({ type: 'set-actual', channel: 'lp-web', status: statuses[changes % 4]! }, FACILITATOR_BENCH);
    changes += 1;
  }, 1000 / CHANGES_PER_SECOND);

  // The heap is measured after a forced collection at the end of the warm-up and at the end;
  // the resident size is sampled every second, for the record.
  const rss: number[] = [];
  const warmUp = Math.max(2, Math.round(SECONDS / 4));
  let heapAfterWarmUp = 0;
  for (let s = 1; s <= SECONDS; s += 1) {
    await new Promise((done) => setTimeout(done, 1000));
    rss.push(Math.round(process.memoryUsage().rss / 2 ** 20));
    if (s === warmUp) heapAfterWarmUp = heapMb();
  }
  const heapEnd = heapMb();
  clearInterval(changer);
  const lateness = probe.stop();
  run.pause(FACILITATOR_BENCH);
  const httpDone = reply<HttpLoadTally>(http);
  http.send('stop');
  const load = await httpDone;
  // Viewers cut for falling behind come back after socket.io's reconnection delay (up to 5 s):
  // wait until every viewer holds the last version, 20 s at most.
  const report = (): Promise<SoakTally[]> =>
    Promise.all(
      viewerProcesses.map((p) => {
        const tally = reply<SoakTally>(p);
        p.send('report');
        return tally;
      }),
    );
  let tallies = await report();
  const settleStarted = performance.now();
  while (
    tallies.some((t) => t.minVersion !== run.version || t.maxVersion !== run.version) &&
    performance.now() - settleStarted < 20_000
  ) {
    await new Promise((done) => setTimeout(done, 500));
    tallies = await report();
  }
  const settleSeconds = (performance.now() - settleStarted) / 1000;
  const sum = (key: keyof SoakTally): number => tallies.reduce((total, t) => total + t[key], 0);
  const viewers = {
    viewers: sum('viewers'),
    connectionsPerSecond: Math.round(VIEWERS / connectSeconds),
    changes: sum('changes'),
    snapshots: sum('snapshots'),
    outOfOrder: sum('outOfOrder'),
    gaps: sum('gaps'),
    gapsRecovered: sum('gapsRecovered'),
    gapsStale: sum('gapsStale'),
    reconnects: sum('reconnects'),
    minVersion: Math.min(...tallies.map((t) => t.minVersion)),
    maxVersion: Math.max(...tallies.map((t) => t.maxVersion)),
  };
  const growth = (heapEnd - heapAfterWarmUp) / heapAfterWarmUp;
  const late = summarize(lateness);
  const ok200 = load.statuses['200'] ?? 0;
  const checks = {
    'no change applied out of order': viewers.outOfOrder === 0,
    'every gap followed by a snapshot of at least its version':
      viewers.gapsStale === 0 && viewers.gaps === viewers.gapsRecovered,
    'every viewer on the last version': viewers.minVersion === run.version && viewers.maxVersion === run.version,
    'every viewer connected': viewers.viewers === VIEWERS,
    'every HTTP answer a 200': ok200 === load.requests && load.requests > 0,
    [`scheduler lateness p99 under ${LATENESS_P99_MS} ms`]: late.p99 < LATENESS_P99_MS,
    [`heap growth after warm-up under ${HEAP_GROWTH * 100} %`]: growth < HEAP_GROWTH,
  };
  const results = {
    node: process.version,
    date: new Date().toISOString(),
    seconds: SECONDS,
    speed: SPEED,
    changesMade: changes,
    settleSeconds,
    runVersion: run.version,
    viewers,
    http: { ...load, requestsPerSecond: Math.round(load.requests / load.seconds) },
    latenessMs: { samples: lateness.length, ...late },
    heapMb: { afterWarmUp: heapAfterWarmUp, end: heapEnd, growthPercent: growth * 100 },
    rssMb: rss,
    checks,
  };
  const f = (n: number): string => n.toFixed(2);
  process.stdout.write(
    `soak: ${SECONDS} s at ${SPEED}x, ${VIEWERS} viewers (${viewers.connectionsPerSecond} connections/s), ` +
      `${changes} changes, run at version ${run.version}, every viewer on it ${settleSeconds.toFixed(1)} s after the end\n` +
      `  viewers: ${viewers.changes} changes received, ${viewers.gaps} gaps (${viewers.gapsRecovered} recovered), ` +
      `${viewers.outOfOrder} out of order, ${viewers.reconnects} reconnections, versions ${viewers.minVersion}–${viewers.maxVersion}\n` +
      `  http: ${load.requests} requests (${results.http.requestsPerSecond}/s), statuses ${JSON.stringify(load.statuses)}, ` +
      `p50 ${f(load.latencyMs.p50)} ms, p99 ${f(load.latencyMs.p99)} ms\n` +
      `  scheduler lateness: ${lateness.length} entries, p50 ${f(late.p50)} ms, p99 ${f(late.p99)} ms, max ${f(late.max)} ms\n` +
      `  heap after GC: ${f(heapAfterWarmUp)} MB after warm-up, ${f(heapEnd)} MB at the end (${f(growth * 100)} %)\n` +
      Object.entries(checks)
        .map(([name, passed]) => `  ${passed ? 'ok  ' : 'FAIL'} ${name}\n`)
        .join(''),
  );
  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(OUT, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`written to ${OUT}\n`);
  process.exitCode = Object.values(checks).every(Boolean) ? 0 : 1;
} finally {
  for (const c of children) if (c.connected) c.disconnect();
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await app.close();
}
