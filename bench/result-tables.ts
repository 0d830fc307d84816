/** The tables of `npm run bench`: HTTP, fan-out and scheduler lateness, as the README reads them. */
import { summarize } from './clock-support.js';
import type { FanoutResult } from './fanout.js';
import type { HttpRow } from './http.js';
import type { PhaseLateness } from './phase-probe.js';
import { CAUSES } from './lateness-causes.js';
import { LATE_MS } from './lateness-probe.js';
import { formatTable, num } from './table.js';

/** Per URL and server: rate, latency, their ratios to the bare node:http server's, errors. */
export function httpTable(rows: readonly HttpRow[]): string {
  const cells = rows.flatMap((row) =>
    (['node', 'express', 'statusdrill'] as const).map((server) => {
      const r = row[server];
      return [
        `${row.name} (${num(row.bytes)} B)`,
        server === 'node' ? 'node:http' : server,
        num(r.requestsPerSecond),
        num(r.latencyMs.p50, 1),
        num(r.latencyMs.p99, 1),
        `${num(r.requestsPerSecond / row.node.requestsPerSecond, 2)}x`,
        `${num(r.latencyMs.p99 / row.node.latencyMs.p99, 2)}x`,
        String(r.non2xx + r.errors),
      ];
    }),
  );
  return formatTable(['url', 'server', 'req/s', 'p50 ms', 'p99 ms', 'req/s ratio', 'p99 ratio', 'errors'], cells);
}

/** Per number of viewers and server: last viewer latency, connection rate, memory, CPU, checks. */
export function fanoutTable(rows: ReadonlyArray<{ ws: FanoutResult; drill: FanoutResult }>): string {
  const cells = rows.flatMap(({ ws, drill }) =>
    (
      [
        ['ws', ws],
        ['statusdrill', drill],
      ] as const
    ).map(([name, r]) => [
      num(r.viewers),
      name,
      num(r.lastViewerMs.p50, 1),
      num(r.lastViewerMs.p99, 1),
      `${num(r.lastViewerMs.p99 / ws.lastViewerMs.p99, 2)}x`,
      num(r.connectionsPerSecond),
      `${num(r.connectionsPerSecond / ws.connectionsPerSecond, 2)}x`,
      num(r.bytesPerViewer.heapExternal / 1024, 1),
      num(r.bytesPerViewer.rss / 1024, 1),
      num(r.serverCpu.usPerConnection),
      num(r.serverCpu.msPerChange, 1),
      `${r.incomplete}/${r.outOfOrder}/${r.gaps}/${r.disconnects}`,
    ]),
  );
  return formatTable(
    [
      'viewers',
      'server',
      'last p50 ms',
      'last p99 ms',
      'p99 ratio',
      'conn/s',
      'conn ratio',
      'KB heap+ext',
      'KB rss',
      'CPU us/conn',
      'CPU ms/change',
      'lost/order/gap/cut',
    ],
    cells,
  );
}

/** Per phase: statusdrill's probe entries and lateness, and the bare timer's p99 beside it. */
export function latenessTable(phases: readonly PhaseLateness[]): string {
  return formatTable(
    ['phase', 'entries', 'p50 ms', 'p99 ms', 'max ms', 'bare timer p99 ms'],
    phases.map((l) => {
      const drill = summarize(l.statusdrill);
      return [
        l.phase,
        num(l.statusdrill.length),
        num(drill.p50, 2),
        num(drill.p99, 2),
        num(drill.max, 2),
        num(summarize(l.floor).p99, 2),
      ];
    }),
  );
}

/** Per phase: statusdrill's entries over `LATE_MS` late, by what held each (see `lateness-causes.ts`). */
export function causesTable(phases: readonly PhaseLateness[]): string {
  return formatTable(
    ['phase', `over ${LATE_MS} ms`, ...CAUSES],
    phases.map((l) => [
      l.phase,
      num(l.statusdrill.filter((ms) => ms > LATE_MS).length),
      ...CAUSES.map((c) => num(l.causes[c])),
    ]),
  );
}
