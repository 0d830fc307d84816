import { expect } from 'chai';
import { IMPACTS, STAGES } from '../../server/scenario/vocabulary.js';
import {
  AT,
  apiModelAt,
  byName,
  incidentsAt,
  SP_BASE as BASE,
  spDoc as doc,
  summaryAt as summary,
} from '../support/api-fixture.js';
import type { SpIncident } from '../../server/status/statuspage-objects.js';

/** Key orders of the reference's example payload (statuspage-api.md §2.4). */
const INCIDENT_KEYS = [
  'id',
  'name',
  'status',
  'created_at',
  'updated_at',
  'monitoring_at',
  'resolved_at',
  'impact',
  'shortlink',
  'started_at',
  'page_id',
  'incident_updates',
  'components',
];
const UPDATE_KEYS = [
  'id',
  'status',
  'body',
  'incident_id',
  'created_at',
  'updated_at',
  'display_at',
  'affected_components',
  'deliver_notifications',
  'custom_tweet',
  'tweet_id',
];

describe('Statuspage v2 documents: incidents and their updates', () => {
  it('gives incidents the reference key order and their updates theirs', () => {
    const incidents = incidentsAt(AT.identified);
    expect(incidents).to.have.length(1);
    expect(Object.keys(incidents[0]!)).to.deep.equal(INCIDENT_KEYS);
    for (const u of incidents[0]!.incident_updates) expect(Object.keys(u)).to.deep.equal(UPDATE_KEYS);
  });

  it('describes an open incident: stage, impact, first-update times, shortlink, no monitoring or resolution yet', () => {
    const [incident] = incidentsAt(AT.identified);
    expect(incident).to.deep.include({
      name: 'Website down',
      status: 'identified',
      impact: 'major',
      created_at: '2026-01-05T07:30:00.000+01:00',
      started_at: '2026-01-05T07:30:00.000+01:00',
      updated_at: '2026-01-05T09:00:00.000+01:00',
      monitoring_at: null,
      resolved_at: null,
      shortlink: `${BASE}/r/test#incident-${incident!.id}`,
    });
  });

  it('stamps monitoring and resolution once they happen', () => {
    const outage = incidentsAt(AT.resolved).find((i) => i.name === 'Website down');
    expect(outage).to.deep.include({
      status: 'resolved',
      monitoring_at: '2026-01-05T11:00:00.000+01:00',
      resolved_at: '2026-01-05T12:00:00.000+01:00',
    });
  });

  it('lists updates newest first, each pointing at its incident', () => {
    const [incident] = incidentsAt(AT.identified);
    const updates = incident!.incident_updates;
    expect(updates.map((u) => [u.status, u.created_at.slice(11, 16)])).to.deep.equal([
      ['identified', '09:00'],
      ['investigating', '08:00'],
      ['investigating', '07:30'],
    ]);
    for (const u of updates) {
      expect(u).to.include({
        incident_id: incident!.id,
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      });
      expect(u.updated_at).to.equal(u.created_at);
      expect(u.display_at).to.equal(u.created_at);
    }
  });

  it('names affected components "Group - Channel" with their old and new status, or null when none', () => {
    const components = summary(AT.identified).components;
    const updates = incidentsAt(AT.identified)[0]!.incident_updates;
    expect(updates[0]!.affected_components).to.deep.equal([
      {
        code: byName(components, 'App').id,
        name: 'Online - App',
        old_status: 'operational',
        new_status: 'degraded_performance',
      },
    ]);
    expect(updates[1]!.affected_components).to.equal(null);
    expect(Object.keys(updates[2]!.affected_components![0]!)).to.deep.equal([
      'code',
      'name',
      'old_status',
      'new_status',
    ]);
  });

  it('gives bodies in the language, with the workaround after a blank line', () => {
    const body = (lang: 'fr' | 'en'): string => incidentsAt(AT.identified, lang)[0]!.incident_updates[2]!.body;
    expect(body('en')).to.equal('We are investigating.\n\nUse the app.');
    expect(body('fr')).to.equal("Nous enquêtons.\n\nUtilisez l'appli.");
  });

  it('attaches the full component objects of the channels the incident named', () => {
    const components = summary(AT.identified).components;
    const [incident] = incidentsAt(AT.identified);
    expect(incident!.components).to.deep.equal([byName(components, 'Online banking'), byName(components, 'App')]);
  });

  it('keeps only unresolved incidents in summary.json and incidents/unresolved.json', () => {
    const model = apiModelAt(AT.resolved);
    const unresolved = (doc(model, 'incidents/unresolved.json') as { incidents: SpIncident[] }).incidents;
    expect(unresolved.map((i) => i.name)).to.deep.equal(['Cash machines failing']);
    expect((doc(model, 'summary.json') as { incidents: SpIncident[] }).incidents).to.deep.equal(unresolved);
  });

  it('lists every incident, newest first, in incidents.json', () => {
    expect(incidentsAt(AT.cashResolved).map((i) => [i.name, i.status])).to.deep.equal([
      ['Cash machines failing', 'resolved'],
      ['Website down', 'resolved'],
    ]);
  });

  it('keeps every enum inside Statuspage vocabulary', () => {
    for (const i of incidentsAt(AT.cashResolved)) {
      expect(STAGES).to.include(i.status);
      expect(IMPACTS).to.include(i.impact);
      for (const u of i.incident_updates) expect(STAGES).to.include(u.status);
    }
  });
});
