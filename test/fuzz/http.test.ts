/**
 * The HTTP fuzz, short form: `npm run fuzz`'s requests and checks, 300 of them, against a server
 * with something for every operation to act on.
 */
import { expect } from 'chai';
import { CONTROL_ROUTES } from '../../server/web/control-api.js';
import { startFuzzTarget, type FuzzTarget } from './fuzz-target.js';
import { fuzzHttp, httpRequest } from './http-fuzz.js';
import { TIME_BOUND_MS } from './loader-check.js';
import { SHORT_SEED, surfaceFailureMessage } from './short-form.js';

describe('the HTTP surfaces under fuzzing', function () {
  // A second or two normally; a broken server costs the time bound per payload, up to twenty.
  this.timeout(120_000);
  let target: FuzzTarget;
  before(async () => {
    target = await startFuzzTarget();
  });
  after(() => target.close());

  it('refuses every invalid request with a 4xx, or shows the page, and leaves every run as it was', async () => {
    const tally = await fuzzHttp({ seed: SHORT_SEED, count: 300, target, boundMs: TIME_BOUND_MS });
    expect(tally.failures.length, await surfaceFailureMessage('http', tally.failures)).to.equal(0);
    expect(tally.sent).to.equal(300);
    // The payloads reach validation, not only the authentication in front of it.
    expect(tally.outcomes['400']).to.be.greaterThan(100);
    expect(tally.outcomes['404']).to.be.greaterThan(10);
  });

  it('sends payloads to every route of the control API', () => {
    const surfaces = new Set(Array.from({ length: 2_000 }, (_, i) => httpRequest(SHORT_SEED, i, target).surface));
    const routes = CONTROL_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect([...surfaces]).to.include.members(routes);
  });
});
