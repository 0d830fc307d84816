/**
 * The scheduler's lateness during a phase of the benchmarks: statusdrill's probe (in its process,
 * see `LatenessProbe`) and the machine's floor (a bare timer in a process of its own, see
 * `BareTimerProbe`), started and stopped together, their samples added up over every stretch of
 * the phase, with what held statusdrill's late entries (see `lateness-causes.ts`).
 */
import type { ChildProcess } from 'node:child_process';
import { call } from './children.js';
import { CAUSES, type Cause } from './lateness-causes.js';
import type { ProbeResult } from './statusdrill-child.js';

/** Lateness samples of one phase, in ms, and the late entries of statusdrill's by what held them. */
export interface PhaseLateness {
  phase: string;
  statusdrill: number[];
  floor: number[];
  causes: Record<Cause, number>;
}

/** A phase's probes, for `start` and `stop` around each stretch of it. */
export class PhaseProbe {
  readonly lateness: PhaseLateness;

  constructor(
    phase: string,
    private readonly server: ChildProcess,
    private readonly floor: ChildProcess,
  ) {
    this.lateness = {
      phase,
      statusdrill: [],
      floor: [],
      causes: Object.fromEntries(CAUSES.map((c) => [c, 0])) as Record<Cause, number>,
    };
  }

  async start(): Promise<void> {
    await Promise.all([call(this.server, 'probe:start'), call(this.floor, 'probe:start')]);
  }

  async stop(): Promise<void> {
    const [drill, floor] = await Promise.all([
      call<ProbeResult>(this.server, 'probe:stop'),
      call<number[]>(this.floor, 'probe:stop'),
    ]);
    this.lateness.statusdrill.push(...drill.lateness);
    this.lateness.floor.push(...floor);
    for (const cause of CAUSES) this.lateness.causes[cause] += drill.causes[cause];
  }
}
