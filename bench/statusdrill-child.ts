/**
 * The statusdrill server of the benchmarks, alone in its process: the whole app with the La Poste
 * run in the middle of its story, playing at 1x. The parent asks it (see `ipc.ts`) for changes
 * of the run, the bytes of a change as socket.io sends them, its memory, and the lateness of a
 * scheduler probe running beside it.
 */
import { STATUS_NAMESPACE } from '../server/events.js';
import type { Run } from '../server/replay/run.js';
import { publicRunOf } from '../server/status/public-run.js';
import { LiveRenderer } from '../server/web/live-renderer.js';
import { FACILITATOR_BENCH } from './clock-support.js';
import { answerRequests, cpuMs, memoryAfterGc, monotonicMs } from './ipc.js';
import { startLaPosteApp, type LaPosteApp } from './la-poste-app.js';
import { LatenessProbe } from './lateness-probe.js';
import { attribute, StretchRecorder, type Cause } from './lateness-causes.js';

/** The id of the run the benchmarks follow. */
export const BENCH_RUN = 'la-poste';
/** The speed of the scheduler probe (its entries stay 5 ms apart in wall time at any speed). */
const PROBE_SPEED = 60;
const STATUSES = ['major_outage', 'partial_outage', 'degraded_performance', 'operational'] as const;

/** What `change` answers: the version the run reached and when (see `monotonicMs`). */
export interface Change {
  version: number;
  atMs: number;
}

/** What `probe:stop` answers: every entry's lateness, and what held the late ones. */
export interface ProbeResult {
  lateness: number[];
  causes: Record<Cause, number>;
}

/** The frames a viewer receives, as text. */
export interface Frames {
  snapshot: string;
  change: string;
}

let served: LaPosteApp | undefined;
let changes = 0;
const probe = new LatenessProbe(PROBE_SPEED);
const stretches = new StretchRecorder();
const started = (): LaPosteApp => {
  if (served === undefined) throw new Error('not started');
  return served;
};

const act = (run: Run): void => {
  run.act({ type: 'set-actual', channel: 'lp-web', status: STATUSES[changes++ % STATUSES.length]! }, FACILITATOR_BENCH);
};

answerRequests({
  start: async () => {
    served = await startLaPosteApp(BENCH_RUN, 1);
    served.run.seek(Math.floor(served.run.scenario.durationMs / 2), FACILITATOR_BENCH);
    served.run.play(FACILITATOR_BENCH);
    return { url: served.url, run: BENCH_RUN };
  },
  /** A facilitator sets a channel's actual status: in replay mode, a public change. */
  change: (): Change => {
    const { run } = started();
    const atMs = monotonicMs();
    const startMs = performance.now();
    run.act(
      { type: 'set-actual', channel: 'lp-web', status: STATUSES[changes++ % STATUSES.length]! },
      FACILITATOR_BENCH,
    );
    stretches.mark('change', startMs, performance.now());
    return { version: run.version, atMs };
  },
  /**
   * The texts of the WebSocket frames socket.io writes, in French, for a viewer's snapshot now and
   * for the change a facilitator then makes (applied here, as the fan-out's changes are).
   */
  frames: (): Frames => {
    const { run } = started();
    const renderer = new LiveRenderer();
    const frame = (event: string, data: unknown): string => `42${STATUS_NAMESPACE},${JSON.stringify([event, data])}`;
    const snapshot = frame('status:snapshot', renderer.snapshot(publicRunOf(run), 'fr'));
    act(run);
    return { snapshot, change: frame('status:changed', renderer.change(publicRunOf(run), 'fr')) };
  },
  viewers: () => started().app.io.of(STATUS_NAMESPACE).sockets.size,
  memory: memoryAfterGc,
  cpu: cpuMs,
  'probe:start': () => {
    stretches.start();
    probe.start();
  },
  /** The lateness of every probe entry since `probe:start`, in ms, and what held the late ones. */
  'probe:stop': (): ProbeResult => {
    const late = probe.takeLate();
    const lateness = probe.stop();
    return { lateness, causes: attribute(late, stretches.stop()) };
  },
  close: async () => {
    probe.stop();
    stretches.stop();
    await served?.app.close();
    served = undefined;
  },
});
