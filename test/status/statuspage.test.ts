import { expect } from 'chai';
import { API_INDICATOR, STATUSPAGE_ENDPOINTS, statuspageDocument } from '../../server/status/statuspage.js';
import { INDICATORS } from '../../server/status/rollup.js';
import type { SpComponent } from '../../server/status/statuspage-objects.js';
import { statusModel } from '../../server/status/status-model.js';
import { STATUSES } from '../../server/scenario/vocabulary.js';
import { FACILITATOR, testRun } from '../support/runs.js';
import {
  AT,
  ENVELOPES,
  apiModelAt,
  apiScenario,
  byName,
  MAINTENANCE_YAML,
  SP_BASE as BASE,
  spDoc as doc,
  summaryAt as summary,
  SUMMER_YAML,
} from '../support/api-fixture.js';

/** Key orders of the reference's example payload (statuspage-api.md §2.4). */
const PAGE_KEYS = ['id', 'name', 'url', 'time_zone', 'updated_at'];
const COMPONENT_KEYS = [
  'id',
  'name',
  'status',
  'created_at',
  'updated_at',
  'position',
  'description',
  'showcase',
  'start_date',
  'group_id',
  'page_id',
  'group',
  'only_show_if_degraded',
];
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;

/** Every value of a key ending in `_at`, anywhere in a document. */
function timestamps(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => timestamps(v, out));
  else if (typeof value === 'object' && value !== null)
    for (const [key, v] of Object.entries(value)) {
      if (/_at$/.test(key) && v !== null) out.push(String(v));
      else timestamps(v, out);
    }
  return out;
}

describe('Statuspage v2 documents: envelopes, page, components, status', () => {
  const envelopes = ENVELOPES;
  envelopes.forEach(({ name, expected }) => {
    it(`gives ${name} the keys ${expected.join(', ')} in that order`, () => {
      expect(Object.keys(doc(apiModelAt(AT.identified), name))).to.deep.equal(expected);
    });
  });

  it('covers every endpoint in the table above', () => {
    expect(envelopes.map((e) => e.name)).to.have.members([...STATUSPAGE_ENDPOINTS]);
  });

  it('lists no scheduled maintenance, scenarios having none', () => {
    for (const name of ['scheduled-maintenances.json', 'scheduled-maintenances/upcoming.json'] as const)
      expect(doc(apiModelAt(AT.identified), name).scheduled_maintenances).to.deep.equal([]);
    expect(summary(AT.identified).scheduled_maintenances).to.deep.equal([]);
  });

  it('describes the page with its code, title in the language, run URL, zone and last change', () => {
    const model = apiModelAt(AT.identified);
    const page = summary(AT.identified, 'fr').page;
    expect(Object.keys(page)).to.deep.equal(PAGE_KEYS);
    expect(page).to.deep.equal({
      id: model.page.code,
      name: 'Banque <Essai> & Cie',
      url: `${BASE}/r/test`,
      time_zone: 'Europe/Paris',
      updated_at: '2026-01-05T09:00:00.000+01:00',
    });
    expect(page.id).to.match(/^[a-z0-9]{12}$/);
  });

  it('lists each group as a container followed by its children, in page order', () => {
    const components = summary(AT.identified).components;
    expect(components.map((c) => [c.name, c.group, c.position])).to.deep.equal([
      ['Online', true, 1],
      ['Online banking', false, 1],
      ['App', false, 2],
      ['Payments', true, 2],
      ['ATMs', false, 1],
    ]);
    const [online, web, app, payments, atm] = components as [
      SpComponent,
      SpComponent,
      SpComponent,
      SpComponent,
      SpComponent,
    ];
    expect(online.components).to.deep.equal([web.id, app.id]);
    expect(payments.components).to.deep.equal([atm.id]);
    expect([online.group_id, web.group_id, app.group_id, payments.group_id, atm.group_id]).to.deep.equal([
      null,
      online.id,
      online.id,
      null,
      payments.id,
    ]);
  });

  it('gives groups and children the reference key order, `components` last on groups only', () => {
    for (const c of summary(AT.identified).components)
      expect(Object.keys(c)).to.deep.equal(c.group ? [...COMPONENT_KEYS, 'components'] : COMPONENT_KEYS);
  });

  it('fills component fields: description, showcase, start date, times, page id', () => {
    const model = apiModelAt(AT.identified);
    const components = summary(AT.identified).components;
    const online = byName(components, 'Online');
    const web = byName(components, 'Online banking');
    const app = byName(components, 'App');
    expect(online).to.include({ description: 'Your accounts', showcase: false, start_date: null });
    expect(web).to.include({ description: 'The website', showcase: true, start_date: '2026-01-05' });
    expect(app).to.include({ description: null, only_show_if_degraded: false, page_id: model.page.code });
    expect(web.created_at).to.equal('2026-01-05T06:00:00.000+01:00');
    expect(web.updated_at).to.equal('2026-01-05T07:00:00.000+01:00');
    expect(app.updated_at).to.equal('2026-01-05T09:00:00.000+01:00');
    expect(online.updated_at).to.equal(app.updated_at);
  });

  it('gives components their published status and groups the worst of their children', () => {
    const components = summary(AT.identified).components;
    expect(components.map((c) => c.status)).to.deep.equal([
      'major_outage',
      'major_outage',
      'degraded_performance',
      'operational',
      'operational',
    ]);
    for (const c of components) expect(STATUSES).to.include(c.status);
  });

  it('writes every timestamp with milliseconds and the zone offset of its date', () => {
    const winter = timestamps(statuspageDocument(apiModelAt(AT.cashResolved), 'summary.json', 'en', BASE));
    const summer = timestamps(statuspageDocument(apiModelAt(AT.identified, SUMMER_YAML), 'incidents.json', 'en', BASE));
    expect(winter).to.have.length.greaterThan(5);
    for (const t of [...winter, ...summer]) expect(t).to.match(TIMESTAMP);
    expect(winter.every((t) => t.endsWith('+01:00'))).to.be.true;
    expect(summer.every((t) => t.endsWith('+02:00'))).to.be.true;
    expect(summer).to.include('2026-07-06T07:30:00.000+02:00');
  });

  const indicators = [
    {
      name: 'before any outage',
      at: AT.start,
      yaml: undefined,
      expected: { indicator: 'none', description: 'All Systems Operational' },
    },
    {
      name: 'during a major outage',
      at: AT.identified,
      yaml: undefined,
      expected: { indicator: 'major', description: 'Partial System Outage' },
    },
    {
      name: 'with a partial outage left',
      at: AT.resolved,
      yaml: undefined,
      expected: { indicator: 'minor', description: 'Minor Service Outage' },
    },
    {
      name: 'under maintenance alone',
      at: AT.start,
      yaml: MAINTENANCE_YAML,
      expected: { indicator: 'none', description: 'Service Under Maintenance' },
    },
  ];
  indicators.forEach(({ name, at, yaml, expected }) => {
    it(`rolls the page status up ${name}, never to "maintenance"`, () => {
      const model = apiModelAt(at, yaml);
      expect(doc(model, 'status.json').status).to.deep.equal(expected);
      expect(doc(model, 'summary.json').status).to.deep.equal(expected);
    });
  });

  it('maps every roll-up indicator into the four documented ones, keeping the others as they are', () => {
    for (const indicator of INDICATORS) {
      expect(['none', 'minor', 'major', 'critical']).to.include(API_INDICATOR[indicator]);
      if (indicator !== 'maintenance') expect(API_INDICATOR[indicator]).to.equal(indicator);
    }
  });

  it('says the same thing at the same version however much wall time passes', () => {
    const { run, fake } = testRun({ scenario: apiScenario() });
    try {
      run.seek(AT.identified, FACILITATOR);
      const render = (): string => JSON.stringify(statuspageDocument(statusModel(run), 'summary.json', 'en', BASE));
      const before = render();
      const version = run.version;
      fake.tick(3_600_000);
      expect(run.version).to.equal(version);
      expect(render()).to.equal(before);
    } finally {
      run.close();
    }
  });
});
