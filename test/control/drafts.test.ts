import { expect } from 'chai';
import { Drafts, MAX_PENDING_DRAFTS } from '../../server/control/drafts.js';
import { ConflictError } from '../../server/errors.js';
import type { UpdateInput } from '../../server/control/requests.js';

const UPDATE: UpdateInput = { incident: 'x', status: 'investigating', body: { en: 'We are looking.' } };

describe('drafts', () => {
  it('refuses a draft past MAX_PENDING_DRAFTS waiting, and takes one again once a decision is made', () => {
    const drafts = new Drafts();
    const made = Array.from({ length: MAX_PENDING_DRAFTS }, () => drafts.submit('run', 'Alice', UPDATE, 0));
    expect(() => drafts.submit('run', 'Alice', UPDATE, 0)).to.throw(ConflictError, /already waiting/);
    drafts.decide(made[0]!, 'rejected', { reason: 'too vague' });
    expect(drafts.submit('run', 'Alice', UPDATE, 0).state).to.equal('pending');
  });

  it('carries a schedule’s approval setting over to the runs it starts, and only those', () => {
    const drafts = new Drafts();
    drafts.setScheduleRequiresApproval('weekly');
    drafts.scheduleStarted('weekly', 'run-a');
    drafts.scheduleStarted('daily', 'run-b');
    expect([drafts.requiresApproval('run-a'), drafts.requiresApproval('run-b')]).to.deep.equal([true, false]);
  });
});
