/**
 * The targets of issue 7, checked against one `npm run bench` run: each is a measure of
 * statusdrill, the same measure of its baseline where there is one, and a bound on the ratio (or
 * on the value itself).
 */
import type { Summary } from './clock-support.js';
import type { FanoutResult } from './fanout.js';
import type { HttpRow } from './http.js';
import { formatTable, num } from './table.js';

/** One target and how it went. */
export interface TargetCheck {
  target: string;
  statusdrill: string;
  baseline: string;
  measured: string;
  bound: string;
  ok: boolean;
}

/** The checks of the HTTP targets: throughput at least 0.7x the bare node:http server, p99 at most 2x. */
export function httpChecks(rows: readonly HttpRow[]): TargetCheck[] {
  return rows.flatMap((row) => {
    const throughput = row.statusdrill.requestsPerSecond / row.node.requestsPerSecond;
    const p99 = row.statusdrill.latencyMs.p99 / row.node.latencyMs.p99;
    return [
      {
        target: `${row.name} requests/s vs node:http`,
        statusdrill: num(row.statusdrill.requestsPerSecond),
        baseline: num(row.node.requestsPerSecond),
        measured: `${num(throughput, 2)}x`,
        bound: '>= 0.70x',
        ok: throughput >= 0.7,
      },
      {
        target: `${row.name} p99 ms vs node:http`,
        statusdrill: num(row.statusdrill.latencyMs.p99, 1),
        baseline: num(row.node.latencyMs.p99, 1),
        measured: `${num(p99, 2)}x`,
        bound: '<= 2.00x',
        ok: p99 <= 2,
      },
    ];
  });
}

/** The checks of the fan-out targets at one number of viewers (the is 10,000). */
export function fanoutChecks(drill: FanoutResult, ws: FanoutResult): TargetCheck[] {
  const n = num(drill.viewers);
  const latency = drill.lastViewerMs.p99 / ws.lastViewerMs.p99;
  const rate = drill.connectionsPerSecond / ws.connectionsPerSecond;
  const kb = drill.bytesPerViewer.heapExternal / 1024;
  return [
    {
      target: `${n} viewers, last viewer p99 ms vs ws`,
      statusdrill: num(drill.lastViewerMs.p99, 1),
      baseline: num(ws.lastViewerMs.p99, 1),
      measured: `${num(latency, 2)}x`,
      bound: '<= 1.20x',
      ok: latency <= 1.2 && drill.incomplete === 0,
    },
    {
      target: `${n} viewers, connections/s vs ws`,
      statusdrill: num(drill.connectionsPerSecond),
      baseline: num(ws.connectionsPerSecond),
      measured: `${num(rate, 2)}x`,
      bound: '>= 0.50x',
      ok: rate >= 0.5,
    },
    {
      target: `${n} viewers, KB/viewer (heap+external)`,
      statusdrill: num(kb, 1),
      baseline: num(ws.bytesPerViewer.heapExternal / 1024, 1),
      measured: `${num(kb, 1)} KB`,
      bound: '<= 12 KB',
      ok: kb <= 12,
    },
  ];
}

/** The scheduler check under load: lateness p99 under 5 ms; the bare timer's p99 beside it, for the machine's part. */
export function latenessCheck(what: string, lateness: Summary, floor: Summary): TargetCheck {
  return {
    target: `scheduler lateness p99, ${what}`,
    statusdrill: num(lateness.p99, 2),
    baseline: num(floor.p99, 2),
    measured: `${num(lateness.p99, 2)} ms`,
    bound: '< 5 ms',
    ok: lateness.p99 < 5,
  };
}

/** The table of every target. */
export function targetsTable(checks: readonly TargetCheck[]): string {
  return formatTable(
    ['target', 'statusdrill', 'baseline', 'measured', 'bound', ''],
    checks.map((c) => [c.target, c.statusdrill, c.baseline, c.measured, c.bound, c.ok ? 'ok' : 'FAIL']),
  );
}
