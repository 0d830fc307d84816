/**
 * The socket fuzz, short form: `npm run fuzz`'s events and raw packets and its checks, 300 events
 * and 50 raw connections, against a server with something for every operation to act on.
 */
import { expect } from 'chai';
import { COMMANDS } from '../../server/control/commands.js';
import { startFuzzTarget, type FuzzTarget } from './fuzz-target.js';
import { fuzzSockets, socketEvent } from './socket-fuzz.js';
import { fuzzRawPackets } from './raw-socket-fuzz.js';
import { TIME_BOUND_MS } from './loader-check.js';
import { SHORT_SEED, surfaceFailureMessage } from './short-form.js';

describe('the sockets under fuzzing', function () {
  // A second or two normally; a broken server costs the time bound per payload, up to twenty.
  this.timeout(120_000);
  let target: FuzzTarget;
  before(async () => {
    target = await startFuzzTarget();
  });
  after(() => target.close());

  it('answers every invalid /control and /status event with an error, or nothing, and leaves every run as it was', async () => {
    const tally = await fuzzSockets({ seed: SHORT_SEED, count: 300, target, boundMs: TIME_BOUND_MS });
    expect(tally.failures.length, await surfaceFailureMessage('socket', tally.failures)).to.equal(0);
    expect(tally.sent).to.equal(300);
    expect(tally.outcomes['ack invalid']).to.be.greaterThan(100);
  });

  it('sends events for every command', () => {
    const events = new Set(Array.from({ length: 2_000 }, (_, i) => socketEvent(SHORT_SEED, i, target).event));
    expect([...events]).to.include.members(Object.keys(COMMANDS));
  });

  it('survives malformed engine.io and socket.io packets, changes no run, and still serves viewers', async () => {
    const tally = await fuzzRawPackets({ seed: SHORT_SEED, count: 50, target, boundMs: TIME_BOUND_MS });
    expect(tally.failures.length, await surfaceFailureMessage('raw', tally.failures)).to.equal(0);
    expect(tally.outcomes['closed by the server']).to.be.greaterThan(0);
  });
});
