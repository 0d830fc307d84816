/**
 * A process of HTTP load for the soak: `concurrency` keep-alive clients asking for `paths` in
 * turn, as fast as they are answered, until told to stop. Messages in: an `HttpLoadRequest`, then
 * `'stop'`. Messages out: an `HttpLoadTally` once stopped.
 */
import { summarize, type Summary } from './clock-support.js';

/** What the parent sends first. */
export interface HttpLoadRequest {
  url: string;
  paths: string[];
  concurrency: number;
}

/** What the clients got. */
export interface HttpLoadTally {
  requests: number;
  /** Answers by status code; network errors under `error`. */
  statuses: Record<string, number>;
  latencyMs: Summary;
  seconds: number;
}

let running = true;
const latencies: number[] = [];
const statuses: Record<string, number> = {};
let started = 0;

process.on('message', (message: HttpLoadRequest | 'stop') => {
  if (message === 'stop') {
    running = false;
    return;
  }
  void load(message);
});

async function client({ url, paths }: HttpLoadRequest, offset: number): Promise<void> {
  for (let i = offset; running; i += 1) {
    const path = paths[i % paths.length]!;
    const t0 = performance.now();
    let key: string;
    try {
      const res = await fetch(`${url}${path}`, { headers: { 'Accept-Encoding': 'gzip' } });
      await res.arrayBuffer();
      key = String(res.status);
    } catch {
      key = 'error';
    }
    latencies.push(performance.now() - t0);
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
}

async function load(request: HttpLoadRequest): Promise<void> {
  started = performance.now();
  await Promise.all(Array.from({ length: request.concurrency }, (_, i) => client(request, i)));
  const tally: HttpLoadTally = {
    requests: latencies.length,
    statuses,
    latencyMs: summarize(latencies),
    seconds: (performance.now() - started) / 1000,
  };
  process.send?.(tally, () => process.exit(0));
}
