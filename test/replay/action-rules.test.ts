/** The actions a run refuses, found by the fuzzer: channels named after what every object has. */
import { expect } from 'chai';
import type { Run } from '../../server/replay/run.js';
import type { Action } from '../../server/replay/actions.js';
import { ValidationError } from '../../server/errors.js';
import { FACILITATOR, testRun } from '../support/runs.js';

const PROTOTYPE_NAMES = ['constructor', 'hasOwnProperty', 'toString', '__proto__'];

describe('the actions a run refuses', () => {
  let run: Run;
  beforeEach(() => {
    ({ run } = testRun());
  });
  afterEach(() => run.close());

  const cases: Array<{ name: string; action: (channel: string) => Action }> = [
    { name: 'a set-actual', action: (channel) => ({ type: 'set-actual', channel, status: 'major_outage' }) },
    {
      name: 'an update',
      action: (channel) => ({
        type: 'publish',
        update: {
          incident: 'ddos',
          title: { fr: 'Panne', en: 'Outage' },
          status: 'investigating',
          impact: 'major',
          body: { fr: 'On enquête.', en: 'Investigating.' },
          channels: Object.defineProperty({}, channel, { value: 'major_outage', enumerable: true }),
        },
      }),
    },
  ];
  cases.forEach(({ name, action }) => {
    PROTOTYPE_NAMES.forEach((channel) => {
      it(`refuses ${name} on a channel named "${channel}", recording nothing`, () => {
        const log = run.logRecords().length;
        expect(() => run.act(action(channel), FACILITATOR)).to.throw(ValidationError, `unknown channel "${channel}"`);
        expect(run.logRecords()).to.have.length(log);
        // The run can still be folded again from its log.
        run.seek(run.scenario.durationMs, FACILITATOR);
      });
    });
  });
});
