/**
 * The HTTP benchmark: statusdrill's status page (French and English) and `/api/v2/summary.json`
 * of the La Poste run in the middle of its story, against a bare `node:http` server and a bare
 * express handler returning the same bytes, with autocannon (in its own process, at a lower
 * priority) keeping `connections` requests in flight. A scheduler probe runs in statusdrill's
 * process meanwhile. Writes `http.json`.
 */
import { request } from 'node:http';
import { CLIENT_NICENESS, call, startChild, stopChild } from './children.js';
import type { CapturedAnswer } from './http-baseline-child.js';
import type { LoadRequest, LoadResult } from './load-child.js';
import type { PhaseProbe } from './phase-probe.js';

/** How the HTTP benchmark runs (see the README's Benchmarks section for the knobs). */
export interface HttpOptions {
  seconds: number;
  warmUpSeconds: number;
  connections: number;
  workers: number;
  /** What clients accept: `br` asks for compression as browsers do (`gzip, deflate, br`), `identity` does not. */
  encoding: 'br' | 'identity';
}

/** One URL measured on the three servers. */
export interface HttpRow {
  name: string;
  url: string;
  bytes: number;
  node: LoadResult;
  express: LoadResult;
  statusdrill: LoadResult;
}

/** Two measures as one: requests over their whole time, latency percentiles averaged, counts added. */
function combined(results: readonly LoadResult[]): LoadResult {
  const mean = (pick: (r: LoadResult) => number): number =>
    results.reduce((sum, r) => sum + pick(r), 0) / Math.max(1, results.length);
  const sum = (pick: (r: LoadResult) => number): number => results.reduce((total, r) => total + pick(r), 0);
  return {
    requestsPerSecond: mean((r) => r.requestsPerSecond),
    latencyMs: {
      p50: mean((r) => r.latencyMs.p50),
      p99: mean((r) => r.latencyMs.p99),
      max: Math.max(...results.map((r) => r.latencyMs.max)),
    },
    requests: sum((r) => r.requests),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    bytesPerSecond: mean((r) => r.bytesPerSecond),
  };
}

/** The URLs measured, with the headers a browser would send for them. */
export function httpTargets(
  run: string,
  encoding: HttpOptions['encoding'],
): Array<{ name: string; url: string; headers: Record<string, string> }> {
  const accept: Record<string, string> = encoding === 'br' ? { 'accept-encoding': 'gzip, deflate, br' } : {};
  return [
    { name: 'page fr', url: `/r/${run}`, headers: { ...accept, 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' } },
    { name: 'page en', url: `/r/${run}?lang=en`, headers: { ...accept, 'accept-language': 'en-GB,en;q=0.9' } },
    { name: 'summary.json', url: '/api/v2/summary.json', headers: { ...accept } },
  ];
}

/** What statusdrill answers to `url`, as bytes, without the headers that vary per request. */
export function captureAnswer(base: string, url: string, headers: Record<string, string>): Promise<CapturedAnswer> {
  return new Promise((done, fail) => {
    request(`${base}${url}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const kept: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i]!;
          if (!/^(date|connection|keep-alive|transfer-encoding)$/i.test(name)) kept.push(name, res.rawHeaders[i + 1]!);
        }
        done({ url, status: res.statusCode ?? 0, headers: kept, bodyBase64: Buffer.concat(chunks).toString('base64') });
      });
      res.on('error', fail);
    })
      .on('error', fail)
      .end();
  });
}

/**
 * Runs the benchmark against a started statusdrill child serving `run` at `url`, with `probe`
 * running while statusdrill is under load (not while the baselines are).
 */
export async function httpBench(
  statusdrill: { child: ReturnType<typeof startChild>; url: string; run: string },
  options: HttpOptions,
  probe: PhaseProbe,
  log: (line: string) => void,
): Promise<HttpRow[]> {
  const targets = httpTargets(statusdrill.run, options.encoding);
  const answers = await Promise.all(targets.map((t) => captureAnswer(statusdrill.url, t.url, t.headers)));
  const baselines = startChild('http-baseline-child.ts');
  const load = startChild('load-child.ts', CLIENT_NICENESS);
  try {
    const bases = await call<{ node: string; express: string }>(baselines, 'start', { answers });
    const measure = async (base: string, target: (typeof targets)[number]): Promise<LoadResult> => {
      const ask = (seconds: number): LoadRequest => ({
        url: `${base}${target.url}`,
        headers: target.headers,
        connections: options.connections,
        seconds,
        workers: options.workers,
      });
      if (options.warmUpSeconds > 0) await call(load, 'load', ask(options.warmUpSeconds));
      return call<LoadResult>(load, 'load', ask(options.seconds / 2));
    };
    const rows: HttpRow[] = [];
    for (const [i, target] of targets.entries()) {
      // Two halves in mirrored order (node, express, statusdrill, then back), so that a machine
      // growing busier or quieter meanwhile weighs on the three alike.
      const halves: Record<'node' | 'express' | 'statusdrill', LoadResult[]> = {
        node: [],
        express: [],
        statusdrill: [],
      };
      const order = ['node', 'express', 'statusdrill'] as const;
      for (const server of [...order, ...[...order].reverse()]) {
        // The scheduler probe runs while statusdrill is under load, not while the baselines are.
        if (server === 'statusdrill') await probe.start();
        halves[server].push(await measure(server === 'statusdrill' ? statusdrill.url : bases[server], target));
        if (server === 'statusdrill') await probe.stop();
      }
      const node = combined(halves.node);
      const express = combined(halves.express);
      const drill = combined(halves.statusdrill);
      const bytes = Buffer.from(answers[i]!.bodyBase64, 'base64').length;
      rows.push({ name: target.name, url: target.url, bytes, node, express, statusdrill: drill });
      log(
        `  http ${target.name} (${bytes} bytes): node:http ${Math.round(node.requestsPerSecond)}/s, ` +
          `express ${Math.round(express.requestsPerSecond)}/s, statusdrill ${Math.round(drill.requestsPerSecond)}/s`,
      );
    }
    return rows;
  } finally {
    await stopChild(load);
    await call(baselines, 'close').catch(() => undefined);
    await stopChild(baselines);
  }
}
