import { expect } from 'chai';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../server/config.js';
import { loadScenarioFile } from '../../server/scenario/load.js';
import type { Scenario } from '../../server/scenario/compile.js';
import { stateAt } from '../../server/replay/fold.js';
import { runCli } from '../support/cli.js';
import type { StateSummary } from '../../server/status/state-summary.js';

const FILE = 'scenarios/la-poste-ddos-2025-12-22.yaml';

async function stateAtTime(at: string): Promise<StateSummary> {
  const run = await runCli(['state', FILE, '--at', at, '--json']);
  expect(run.code, run.stderr).to.equal(0);
  return JSON.parse(run.stdout) as StateSummary;
}

describe('the La Poste / La Banque Postale DDoS of 22 December 2025', () => {
  let scenario: Scenario;
  before(async () => {
    const result = await loadScenarioFile(resolve(PROJECT_ROOT, FILE));
    if (!result.ok) throw new Error('the La Poste scenario is invalid');
    scenario = result.scenario;
  });

  it('runs from Monday 22 December early morning to Friday 26 December in Paris time', () => {
    expect(scenario.timeZone).to.equal('Europe/Paris');
    expect(scenario.file.startsAt.startsWith('2025-12-22T0')).to.equal(true);
    expect(scenario.file.endsAt.startsWith('2025-12-26')).to.equal(true);
  });

  it('models at least 20 channels across La Poste and La Banque Postale', () => {
    expect(scenario.file.channels.length).to.be.at.least(20);
    const organisations = new Set(scenario.file.groups.map((g) => g.organisation));
    expect([...organisations]).to.include.members(['La Poste', 'La Banque Postale']);
  });

  it('has online banking, the apps, laposte.fr, parcel tracking and Digiposte down at 10:00 on 22 December', async () => {
    const state = await stateAtTime('2025-12-22T10:00:00+01:00');
    for (const id of ['lbp-web', 'lbp-app', 'lp-web', 'lp-app', 'lp-tracking', 'digiposte']) {
      expect(state.channels[id]?.actual, id).to.equal('major_outage');
      expect(state.channels[id]?.published, id).to.equal('major_outage');
    }
  });

  it('has card payments in shops, ATMs, Wero and SMS authentication working at 10:00 on 22 December', async () => {
    const state = await stateAtTime('2025-12-22T10:00:00+01:00');
    for (const id of ['lbp-card-pos', 'lbp-atm', 'lbp-wero', 'lbp-sms-auth']) {
      expect(state.channels[id], id).to.deep.equal({ actual: 'operational', published: 'operational' });
    }
    expect(state.indicator).to.equal('major');
    expect(state.incidents.length).to.be.at.least(1);
  });

  it('has everything operational and no open incident at 18:00 on 26 December', async () => {
    const state = await stateAtTime('2025-12-26T18:00:00+01:00');
    for (const [id, channel] of Object.entries(state.channels)) {
      expect(channel, id).to.deep.equal({ actual: 'operational', published: 'operational' });
    }
    expect(state.incidents).to.deep.equal([]);
    expect(state.indicator).to.equal('none');
  });

  it('cites a source or states an assumption for every actual change, and cites only declared sources', () => {
    const declared = new Set((scenario.file.sources ?? []).map((s) => s.id));
    for (const entry of scenario.entries) {
      if (entry.kind === 'actual') expect(entry.sources.length > 0 || entry.assumption !== undefined, `entry ${entry.index}`).to.equal(true);
      for (const id of entry.sources) expect(declared.has(id), `entry ${entry.index} cites ${id}`).to.equal(true);
    }
  });

  it('scripts updates, injects, prompts and expectations so it serves replay and exercise', () => {
    const count = (kind: string): number => scenario.entries.filter((e) => e.kind === kind).length;
    expect(count('update')).to.be.at.least(10);
    expect(count('inject')).to.be.at.least(3);
    expect(count('prompt')).to.be.at.least(3);
    expect(count('expect')).to.be.at.least(3);
  });

  it('tells customers what still works in its updates', () => {
    const workarounds = scenario.entries.flatMap((e) => (e.kind === 'update' && e.update.workaround !== undefined ? [e.update.workaround.fr ?? ''] : []));
    expect(workarounds.join(' ')).to.match(/SMS/);
    expect(workarounds.join(' ')).to.match(/Wero|WERO/);
  });

  it('has a journalist call in exercise mode when no public message is out by 06:30', () => {
    const first = scenario.entries.find((e) => e.kind === 'expect' && e.expect.id === 'first-update');
    const at = (time: string): number => Date.parse(time) - scenario.startsAtMs;
    const calls = (time: string): unknown[] => stateAt(scenario, at(time), 'exercise').injects.filter((i) => i.ref === `xe${first?.index}`).map((i) => i.item);
    expect(calls('2025-12-22T06:30:00+01:00')).to.deep.equal([]);
    const [call] = calls('2025-12-22T06:31:00+01:00');
    expect(call).to.deep.include({ channel: 'phone', from: { fr: 'Journaliste, agence de presse', en: 'Journalist, news agency' } });
    expect(first?.assumption).to.match(/composed for the exercise/);
  });

  it('expects updates on the La Poste online services incident at least every 30 minutes from its first update', () => {
    const opening = scenario.entries.find((e) => e.kind === 'update' && e.update.incident === 'la-poste-services-en-ligne');
    const cadence = scenario.entries.find((e) => e.kind === 'expect' && e.expect.kind === 'cadence');
    expect(cadence?.kind === 'expect' ? cadence.expect : undefined).to.deep.include({ incident: 'la-poste-services-en-ligne', withinMs: 30 * 60_000 });
    expect(cadence?.offsetMs).to.equal(opening?.offsetMs);
    expect(cadence?.index).to.be.greaterThan(opening?.index ?? Infinity);
    expect(JSON.stringify(cadence)).to.match(/PagerDuty/).and.to.match(/Atlassian/);
  });

  it('includes the claim of responsibility on 23 December among the injects', () => {
    const claim = scenario.entries.find((e) => e.kind === 'inject' && /NoName057/.test(JSON.stringify(e.inject)));
    expect(claim, 'an inject about NoName057(16)').to.not.equal(undefined);
    const day = new Date(scenario.startsAtMs + (claim?.offsetMs ?? 0)).toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
    expect(day).to.equal('2025-12-23');
  });
});
