/**
 * The scheduler's lateness during a phase of the benchmarks: statusdrill's probe (in its process,
 * see `LatenessProbe`) and the machine's floor (a bare timer in a process of its own, see
 * `BareTimerProbe`), started and stopped together, their samples added up over every stretch of
 * the phase.
 */
import type { ChildProcess } from 'node:child_process';
import { call } from './children.js';

/** Lateness samples of one phase, in ms. */
export interface PhaseLateness {
  phase: string;
  statusdrill: number[];
  floor: number[];
}

/** A phase's probes, for `start` and `stop` around each stretch of it. */
export class PhaseProbe {
  readonly lateness: PhaseLateness;

  constructor(
    phase: string,
    private readonly server: ChildProcess,
    private readonly floor: ChildProcess,
  ) {
    this.lateness = { phase, statusdrill: [], floor: [] };
  }

  async start(): Promise<void> {
    await Promise.all([call(this.server, 'probe:start'), call(this.floor, 'probe:start')]);
  }

  async stop(): Promise<void> {
    const [drill, floor] = await Promise.all([
      call<number[]>(this.server, 'probe:stop'),
      call<number[]>(this.floor, 'probe:stop'),
    ]);
    this.lateness.statusdrill.push(...drill);
    this.lateness.floor.push(...floor);
  }
}
