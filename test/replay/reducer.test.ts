import { expect } from 'chai';
import { applyEntry, openIncidents, pageStatus } from '../../server/replay/reducer.js';
import { stateAt } from '../../server/replay/fold.js';
import { initialState } from '../../server/replay/state.js';
import { edit, loadValid } from '../support/scenario-fixture.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('the scenario fold', () => {
  it('starts from the initial statuses, everything published as it is', () => {
    const state = stateAt(loadValid(), 0);
    expect(state.channels['lbp-web']).to.deep.include({ actual: 'operational', published: 'operational' });
    expect(state.incidents).to.deep.equal([]);
    expect(pageStatus(state).indicator).to.equal('none');
  });

  it('honours a channel initial status', () => {
    const scenario = loadValid(
      edit('{ id: lbp-atm, group: lbp-pay,', '{ id: lbp-atm, initial: partial_outage, group: lbp-pay,'),
    );
    expect(stateAt(scenario, 0).channels['lbp-atm']?.actual).to.equal('partial_outage');
  });

  it('applies an entry at exactly its due time, not a millisecond before', () => {
    const scenario = loadValid();
    expect(stateAt(scenario, HOUR - 1).channels['lbp-web']?.actual).to.equal('operational');
    expect(stateAt(scenario, HOUR).channels['lbp-web']?.actual).to.equal('major_outage');
  });

  it('moves the published status with the actual one in replay mode', () => {
    const state = stateAt(loadValid(), HOUR);
    expect(state.channels['lbp-web']).to.deep.include({
      actual: 'major_outage',
      published: 'major_outage',
      actualSinceMs: HOUR,
      publishedSinceMs: HOUR,
    });
    expect(pageStatus(state)).to.deep.equal({ indicator: 'major', description: 'Partial System Outage' });
  });

  it('keeps the history of published statuses for availability', () => {
    const state = stateAt(loadValid(), 11 * HOUR);
    expect(state.channels['lbp-web']?.publishedHistory).to.deep.equal([
      { offsetMs: 0, status: 'operational' },
      { offsetMs: HOUR, status: 'major_outage' },
      { offsetMs: 10 * HOUR, status: 'operational' },
    ]);
  });

  it('keeps the published status still in exercise mode', () => {
    const state = stateAt(loadValid(), 2 * HOUR, 'exercise');
    expect(state.channels['lbp-web']).to.deep.include({ actual: 'major_outage', published: 'operational' });
    expect(pageStatus(state).indicator).to.equal('none');
  });

  it('publishes a scripted update in replay mode, opening its incident', () => {
    const state = stateAt(loadValid(), 75 * MIN);
    const [incident] = openIncidents(state);
    expect(incident).to.deep.include({ id: 'ddos', stage: 'investigating', impact: 'major', startedAtMs: 75 * MIN });
    expect(incident?.title).to.deep.equal({ fr: 'Incident', en: 'Incident' });
    expect(incident?.updates[0]?.affected).to.deep.equal([
      { channel: 'lbp-web', old: 'major_outage', new: 'major_outage' },
    ]);
  });

  it('keeps where the words of an update come from and who published them', () => {
    const text = edit(
      '      body: { fr: Nous enquêtons., en: We are investigating. }',
      '      body: { fr: Nous enquêtons., en: We are investigating. }\n      wording: assembled\n      publisher: { fr: La Poste (communiqué), en: La Poste (statement) }',
    );
    const [update] = stateAt(loadValid(text), 2 * HOUR).incidents[0]?.updates ?? [];
    expect(update).to.deep.include({
      wording: 'assembled',
      publisher: { fr: 'La Poste (communiqué)', en: 'La Poste (statement)' },
      origin: 'script',
    });
  });

  it('withholds scripted updates as model answers in exercise mode', () => {
    const state = stateAt(loadValid(), 2 * HOUR, 'exercise');
    expect(state.incidents).to.deep.equal([]);
    expect(state.modelAnswers.map((u) => u.id)).to.deep.equal(['u1']);
  });

  it('lists updates newest first and closes the incident when resolved', () => {
    const state = stateAt(loadValid(), 11 * HOUR);
    expect(openIncidents(state)).to.deep.equal([]);
    const [incident] = state.incidents;
    expect(incident?.updates.map((u) => u.stage)).to.deep.equal(['resolved', 'investigating']);
    expect(incident?.resolvedAtMs).to.equal(630 * MIN);
    expect(incident?.title).to.deep.equal({ fr: 'Incident', en: 'Incident' });
  });

  it('lets an update publish a status the world does not have', () => {
    const scenario = loadValid(
      edit('channels: { lbp-web: major_outage }', 'channels: { lbp-web: major_outage, lbp-atm: degraded_performance }'),
    );
    const state = stateAt(scenario, 2 * HOUR);
    expect(state.channels['lbp-atm']).to.deep.include({ actual: 'operational', published: 'degraded_performance' });
  });

  it('applies entries due at the same instant in file order', () => {
    const text = edit(
      '  - at: +10h\n',
      '  - at: +10h\n    actual: { lbp-web: partial_outage }\n    assumption: first of two\n  - at: +10h\n',
    );
    const state = stateAt(loadValid(text), 10 * HOUR);
    expect(state.channels['lbp-web']?.actual).to.equal('operational');
  });

  it('delivers injects, prompts and expectations as their times come', () => {
    const scenario = loadValid();
    const before = stateAt(scenario, 79 * MIN);
    const after = stateAt(scenario, 90 * MIN);
    expect(before.injects).to.have.length(0);
    expect(after.injects.map((i) => i.item.from)).to.deep.equal(['AFP']);
    expect(after.prompts.map((p) => p.item.en)).to.deep.equal(['What do we say?']);
    expect(after.expectations.map((e) => [e.expect.id, e.deadlineMs])).to.deep.equal([['first-update', 75 * MIN]]);
  });

  it('never modifies the state it is given', () => {
    const scenario = loadValid();
    let state = initialState(scenario, 'replay');
    for (const entry of scenario.entries) {
      const before = JSON.stringify(state);
      const next = applyEntry(state, entry);
      expect(JSON.stringify(state), `entry ${entry.index} (${entry.kind}) changed its input`).to.equal(before);
      state = next;
    }
    expect(state.applied).to.equal(scenario.entries.length);
  });
});
