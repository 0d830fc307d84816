/**
 * Publish benchmark: how long a responder's update takes to reach every viewer of the status page.
 * A responder publishes over the control API (with a join code) while 50 viewers, in another
 * process, follow the run on `/status`; for each of 200 updates it measures the time to the API's
 * answer and to the last viewer's `status:changed` (wall clocks of one machine). Prints a table and writes bench/results/publish.json. Run with
 * `npm run bench:publish`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fork } from 'node:child_process';
import { createApp } from '../server/app.js';
import { loadConfig, PROJECT_ROOT } from '../server/config.js';
import { newSecret } from '../server/access/secrets.js';
import { silentLogger } from '../server/logger.js';
import { RunRegistry } from '../server/runs/registry.js';
import { loadLibrary } from '../server/scenario/library.js';
import { systemTimeSource } from '../server/replay/time-source.js';
import { summarize, type Summary } from './clock-support.js';
import type { ViewersRequest } from './viewers-child.js';

const VIEWERS = 50;
const UPDATES = 200;
const SCENARIO = 'la-poste-ddos-2025-12-22';

const config = { ...loadConfig({ PORT: '0', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '0' }) };
const library = await loadLibrary(config.scenariosDir);
const entry = library.find((e) => e.id === SCENARIO);
if (!entry?.result.ok) throw new Error(`${SCENARIO} must load`);
const runs = new RunRegistry({ time: systemTimeSource });
const run = runs.create({ scenario: entry.result.scenario, mode: 'exercise', speed: 1 });
const app = createApp(config, {
  logger: silentLogger(),
  library,
  runs,
  defaultRun: undefined,
  adminToken: newSecret(),
});
await new Promise<void>((done) => app.httpServer.listen(0, '127.0.0.1', done));
const base = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
const code = app.control.codes.create(run.id, 'Bench').code;

// Viewers live in another process, as real browsers would: their work must not delay the server's.
const child = fork(resolve(import.meta.dirname, 'viewers-child.ts'), [], { execArgv: ['--import', 'tsx'] });
const reached = new Map<string, (atMs: number) => void>();
child.on('message', (message: { marker?: string; atMs?: number }) => {
  if (message.marker !== undefined && message.atMs !== undefined) reached.get(message.marker)?.(message.atMs);
});
const ready = new Promise<void>((done) => child.once('message', () => done()));
child.send({ url: base, run: run.id, count: VIEWERS } satisfies ViewersRequest);
await ready;
const wallNow = (): number => performance.timeOrigin + performance.now();

const toAnswer: number[] = [];
const toLastViewer: number[] = [];
for (let i = 0; i < UPDATES; i += 1) {
  const marker = `update-${i}-${newSecret(4)}`;
  const lastViewer = new Promise<number>((done) => reached.set(marker, done));
  child.send({ url: base, run: run.id, count: VIEWERS, marker } satisfies ViewersRequest);
  await new Promise((done) => setTimeout(done, 5));
  const started = wallNow();
  const response = await fetch(`${base}/api/runs/${run.id}/updates`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${code}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      update: {
        incident: 'bench',
        title: { en: 'Benchmark incident', fr: 'Incident de mesure' },
        status: i % 2 === 0 ? 'investigating' : 'identified',
        impact: 'major',
        body: { en: marker, fr: marker },
      },
    }),
  });
  if (response.status !== 201) throw new Error(`publish answered ${response.status}: ${await response.text()}`);
  toAnswer.push(wallNow() - started);
  toLastViewer.push((await lastViewer) - started);
  reached.delete(marker);
}

child.disconnect();
await app.close();

const results = {
  viewers: VIEWERS,
  updates: UPDATES,
  apiAnswerMs: summarize(toAnswer),
  lastViewerMs: summarize(toLastViewer),
};
const round = (ms: number): string => ms.toFixed(2);
const row = (name: string, s: Summary): string =>
  `${name.padEnd(15)} ${[s.p50, s.p99, s.max].map((ms) => round(ms).padStart(7)).join('  ')}  ` +
  `${round(s.meanFirstTenth).padStart(13)}  ${round(s.meanLastTenth).padStart(12)}\n`;
process.stdout.write(
  `publish → ${VIEWERS} viewers, ${UPDATES} updates\n` +
    `                 p50 ms   p99 ms   max ms   first 10% ms   last 10% ms\n` +
    row('API answer', results.apiAnswerMs) +
    row('last viewer', results.lastViewerMs),
);
const dir = resolve(PROJECT_ROOT, 'bench/results');
await mkdir(dir, { recursive: true });
await writeFile(resolve(dir, 'publish.json'), `${JSON.stringify(results, null, 2)}\n`);
