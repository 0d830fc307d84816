import { expect } from 'chai';
import { publicChanges } from '../../server/notify/changes.js';
import {
  NOTIFICATIONS_DOCUMENTATION,
  runEnvelopes,
  type ComponentEnvelope,
  type IncidentEnvelope,
} from '../../server/notify/envelopes.js';
import type { Run } from '../../server/replay/run.js';
import { publicState } from '../../server/replay/run-views.js';
import { statusModel } from '../../server/status/status-model.js';
import { statuspageDocument, type SpSummary } from '../../server/status/statuspage.js';
import { FACILITATOR, testRun } from '../support/runs.js';

const HOUR = 3_600_000;
const BASE = 'https://drill.example.org';
const GENERATED_AT = '2026-01-05T09:00:00.000Z';

/** The reference's webhook key orders (statuspage-api.md §2.6, Zulip's component_status_update.json). */
const ENVELOPE_KEYS = ['meta', 'page', 'component', 'component_update'];
const META_KEYS = ['unsubscribe', 'documentation', 'generated_at'];
const PAGE_KEYS = ['id', 'status_indicator', 'status_description'];
const COMPONENT_FIXTURE_KEYS = [
  'status',
  'name',
  'created_at',
  'updated_at',
  'position',
  'description',
  'showcase',
  'id',
  'page_id',
  'group_id',
];
const UPDATE_KEYS = ['old_status', 'new_status', 'created_at', 'component_type', 'id', 'component_id'];

describe('webhook envelopes', () => {
  let run: Run;
  let component: ComponentEnvelope;
  let incident: IncidentEnvelope;
  beforeEach(() => {
    ({ run } = testRun());
    const before = publicState(run);
    run.seek(2 * HOUR, FACILITATOR); // lbp-web and lbp-app down at 07:00, incident ddos opened at 07:15
    const envelopes = runEnvelopes(run, publicChanges(before, publicState(run)), {
      publicUrl: BASE,
      generatedAt: GENERATED_AT,
    });
    expect(envelopes).to.have.length(3);
    component = envelopes[0] as ComponentEnvelope;
    incident = envelopes[2] as IncidentEnvelope;
  });
  afterEach(() => run.close());

  const summary = (): SpSummary => statuspageDocument(statusModel(run), 'summary.json', 'fr', BASE) as SpSummary;

  it('gives a component update the keys meta, page, component, component_update in that order', () => {
    expect(Object.keys(component)).to.deep.equal(ENVELOPE_KEYS);
    expect(Object.keys(component.meta)).to.deep.equal(META_KEYS);
    expect(Object.keys(component.page)).to.deep.equal(PAGE_KEYS);
    expect(Object.keys(component.component_update)).to.deep.equal(UPDATE_KEYS);
  });

  it('orders the component’s keys as Statuspage webhooks do, the API’s extra keys after', () => {
    expect(Object.keys(component.component).slice(0, COMPONENT_FIXTURE_KEYS.length)).to.deep.equal(
      COMPONENT_FIXTURE_KEYS,
    );
    expect(Object.keys(component.component).slice(COMPONENT_FIXTURE_KEYS.length)).to.have.members([
      'start_date',
      'group',
      'only_show_if_degraded',
    ]);
  });

  it('describes the component as the API does and the change with its story time', () => {
    const apiComponent = summary().components.find((c) => c.id === component.component.id);
    expect(component.component).to.deep.equal(apiComponent);
    expect(component.component).to.include({ name: 'Banque en ligne', status: 'major_outage' });
    expect(component.component_update).to.deep.include({
      old_status: 'operational',
      new_status: 'major_outage',
      created_at: '2025-12-22T07:00:00.000+01:00',
      component_type: 'Component',
      component_id: component.component.id,
    });
    expect(component.component_update.id).to.match(/^[0-9a-f]{12}$/);
  });

  it('gives the page its id and the rolled-up status of summary.json', () => {
    const { page, status } = summary();
    expect(component.page).to.deep.equal({
      id: page.id,
      status_indicator: status.indicator,
      status_description: status.description,
    });
    expect(component.page.status_indicator).to.equal('major');
  });

  it('fills meta with an unsubscribe link under the run’s page, the documentation and the wall time', () => {
    expect(component.meta).to.deep.equal({
      unsubscribe: `${BASE}/r/test#subscribe`,
      documentation: NOTIFICATIONS_DOCUMENTATION,
      generated_at: GENERATED_AT,
    });
  });

  it('gives an incident update meta, page and the API’s incident with its incident_updates', () => {
    expect(Object.keys(incident)).to.deep.equal(['meta', 'page', 'incident']);
    expect(incident.incident).to.deep.equal(summary().incidents[0]);
    expect(incident.incident.incident_updates).to.have.length(1);
    expect(incident.incident.incident_updates[0]).to.include({
      status: 'investigating',
      body: 'Nous enquêtons.',
      created_at: '2025-12-22T07:15:00.000+01:00',
    });
  });

  it('writes in the language asked instead of the scenario’s first', () => {
    const before = publicState(run);
    run.seek(11 * HOUR, FACILITATOR);
    const [, , resolved] = runEnvelopes(run, publicChanges(before, publicState(run)), {
      publicUrl: BASE,
      generatedAt: GENERATED_AT,
      lang: 'en',
    }) as [ComponentEnvelope, ComponentEnvelope, IncidentEnvelope];
    expect(resolved.incident.incident_updates[0]).to.include({ status: 'resolved', body: 'Restored.' });
  });
});
