import { expect } from 'chai';
import { rollUp } from '../../server/status/rollup.js';
import type { Status } from '../../server/scenario/vocabulary.js';

const cases: Array<{ name: string; input: Status[]; expected: ReturnType<typeof rollUp> }> = [
  {
    name: 'everything operational',
    input: ['operational', 'operational'],
    expected: { indicator: 'none', description: 'All Systems Operational' },
  },
  { name: 'no channel at all', input: [], expected: { indicator: 'none', description: 'All Systems Operational' } },
  {
    name: 'one channel degraded',
    input: ['operational', 'degraded_performance'],
    expected: { indicator: 'minor', description: 'Partially Degraded Service' },
  },
  {
    name: 'every channel degraded',
    input: ['degraded_performance', 'degraded_performance'],
    expected: { indicator: 'minor', description: 'Degraded System Service' },
  },
  {
    name: 'a partial outage',
    input: ['operational', 'degraded_performance', 'partial_outage'],
    expected: { indicator: 'minor', description: 'Minor Service Outage' },
  },
  {
    name: 'a major outage among working channels',
    input: ['operational', 'partial_outage', 'major_outage'],
    expected: { indicator: 'major', description: 'Partial System Outage' },
  },
  {
    name: 'every channel in major outage',
    input: ['major_outage', 'major_outage'],
    expected: { indicator: 'critical', description: 'Major System Outage' },
  },
  {
    name: 'maintenance and nothing broken',
    input: ['operational', 'under_maintenance'],
    expected: { indicator: 'maintenance', description: 'Service Under Maintenance' },
  },
  {
    name: 'maintenance beside an outage',
    input: ['under_maintenance', 'major_outage'],
    expected: { indicator: 'major', description: 'Partial System Outage' },
  },
];

describe('page status roll-up', () => {
  cases.forEach(({ name, input, expected: want }) => {
    it(`gives ${want.indicator} / "${want.description}" for ${name}`, () => {
      expect(rollUp(input)).to.deep.equal(want);
    });
  });
});
