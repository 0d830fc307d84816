/** The scenario loader's fuzz, short form: `npm run fuzz`'s generator and checks on 300 inputs. */
import { expect } from 'chai';
import { fuzzLoader } from './loader-fuzz.js';
import { TIME_BOUND_MS } from './loader-check.js';
import { loaderFailureMessage, SHORT_SEED } from './short-form.js';

describe('the scenario loader under fuzzing', function () {
  // Three hundred loads of scenarios up to 90 KB, mutated, in a worker thread.
  this.timeout(120_000);

  it('gives every mutated scenario a valid result or located problems, never a throw, a hang or a slow load', async () => {
    const figures = await fuzzLoader({ seed: SHORT_SEED, count: 300, boundMs: TIME_BOUND_MS });
    expect(figures.failures.length, await loaderFailureMessage(figures.failures)).to.equal(0);
    expect(figures.tried).to.equal(300);
    // Both outcomes are reached: the mutations neither break every file nor leave them all valid.
    expect(figures.valid).to.be.greaterThan(0);
    expect(figures.located).to.be.greaterThan(figures.valid);
  });
});
