/**
 * The machine's timer floor, alone in its process (see `BareTimerProbe`): started and stopped
 * with statusdrill's scheduler probe, so each loaded phase shows what part of the lateness is the
 * machine's.
 */
import { answerRequests } from './ipc.js';
import { BareTimerProbe } from './lateness-probe.js';

const probe = new BareTimerProbe();
answerRequests({
  'probe:start': () => probe.start(),
  'probe:stop': () => probe.stop(),
});
