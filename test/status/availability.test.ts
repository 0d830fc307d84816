import { expect } from 'chai';
import { cellLength, strip } from '../../server/status/availability.js';

const HOUR = 3_600_000;

describe('availability strips', () => {
  it('uses one cell per hour up to five days, and one per day beyond', () => {
    expect(cellLength(5 * 24 * HOUR)).to.deep.equal({ unit: 'hour', cellMs: HOUR });
    expect(cellLength(5 * 24 * HOUR + 1)).to.deep.equal({ unit: 'day', cellMs: 24 * HOUR });
  });

  it('shows the worst status in force during each elapsed cell, and nothing for cells to come', () => {
    const history = [
      { offsetMs: 0, status: 'operational' as const },
      { offsetMs: 1.5 * HOUR, status: 'major_outage' as const },
      { offsetMs: 1.75 * HOUR, status: 'degraded_performance' as const },
      { offsetMs: 3 * HOUR, status: 'operational' as const },
    ];
    expect(strip(history, 6 * HOUR, 3.5 * HOUR).cells).to.deep.equal([
      'operational',
      'major_outage',
      'degraded_performance',
      'operational',
      null,
      null,
    ]);
  });

  it('counts a change at the very start of a cell in that cell only', () => {
    const history = [
      { offsetMs: 0, status: 'operational' as const },
      { offsetMs: 2 * HOUR, status: 'partial_outage' as const },
    ];
    expect(strip(history, 3 * HOUR, 3 * HOUR).cells).to.deep.equal(['operational', 'operational', 'partial_outage']);
  });

  it('ranks maintenance below any outage', () => {
    const history = [
      { offsetMs: 0, status: 'under_maintenance' as const },
      { offsetMs: HOUR / 2, status: 'partial_outage' as const },
    ];
    expect(strip(history, HOUR, HOUR).cells).to.deep.equal(['partial_outage']);
  });
});
