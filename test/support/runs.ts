/** Runs for tests: the fixture scenario under fake time, and the authors who act on them. */
import { Run } from '../../server/replay/run.js';
import type { Author } from '../../server/replay/actions.js';
import type { Scenario } from '../../server/scenario/compile.js';
import type { Mode } from '../../server/scenario/vocabulary.js';
import { fakeTime, type FakeTime } from './fake-time.js';
import { loadValid } from './scenario-fixture.js';

export const FACILITATOR: Author = { role: 'facilitator', name: 'Facilitator' };
export const RESPONDER: Author = { role: 'responder', name: 'Comms team' };

/** A run of `scenario` (default: the fixture) under fake time, at `speed` (default 3600x: 1 s is 1 h). */
export function testRun(options: { scenario?: Scenario; mode?: Mode; speed?: number; fake?: FakeTime } = {}): {
  run: Run;
  fake: FakeTime;
} {
  const fake = options.fake ?? fakeTime();
  const run = new Run({
    id: 'test',
    scenario: options.scenario ?? loadValid(),
    mode: options.mode ?? 'replay',
    time: fake.time,
    speed: options.speed ?? 3600,
  });
  return { run, fake };
}
