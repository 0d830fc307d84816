import { expect } from 'chai';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { FACILITATOR } from '../support/runs.js';
import { loadValid } from '../support/scenario-fixture.js';

const LA_POSTE = 'la-poste-ddos-2025-12-22';

/** Text as EJS escapes it in a page. */
const escaped = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

describe('the status page of a run', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    const run = app.runs.require(LA_POSTE);
    run.pause(FACILITATOR);
    run.seekToTime('2025-12-22T10:00:00+01:00', FACILITATOR);
  });
  afterEach(() => app.close());

  const page = async (query = '', headers: Record<string, string> = {}): Promise<string> => {
    const res = await request(app.httpServer)
      .get(`/r/${LA_POSTE}${query}`)
      .set(headers)
      .expect(200)
      .expect('Content-Type', /html/);
    return res.text;
  };
  const channelRow = (html: string, name: string): string => {
    const start = html.indexOf(`<span class="channel-name">${name}`);
    expect(start, `a row for ${name}`).to.be.greaterThan(-1);
    return html.slice(start, html.indexOf('</li>', start));
  };

  it('carries the bilingual exercise banner, the non-affiliation footer and noindex', async () => {
    const res = await request(app.httpServer).get(`/r/${LA_POSTE}`).expect(200);
    expect(res.text).to.match(
      /<div class="exercise-banner" role="note"><span class="exercise-mark">EXERCICE \/ EXERCISE<\/span> Page de statut simulée · Simulated status page<\/div>/,
    );
    expect(res.text).to.include('n’est pas affilié aux organisations représentées (La Banque Postale, La Poste)');
    expect(res.text).to.include('<meta name="robots" content="noindex, nofollow">');
    expect(res.headers['x-robots-tag']).to.equal('noindex, nofollow');
  });

  it('shows what is down and what still works at 10:00 on 22 December, with icon and words', async () => {
    const html = await page();
    expect(channelRow(html, 'Banque en ligne (Espace Client Internet)')).to.include(
      '<span class="status-icon" aria-hidden="true">✕</span> Panne majeure',
    );
    expect(channelRow(html, 'Paiements CB sur TPE en magasin')).to.include('✓</span> Opérationnel');
    expect(html).to.match(/Ne fonctionne pas normalement <span class="count">\(16\)<\/span>/);
    expect(html).to.match(/Fonctionne normalement <span class="count">\(6\)<\/span>/);
    expect(html).to.include('<h2 id="indicator-text" class="indicator-text">Panne partielle des services</h2>');
  });

  it('shows every channel of the scenario', async () => {
    const html = await page();
    const run = app.runs.require(LA_POSTE);
    for (const channel of run.scenario.file.channels)
      expect(html).to.include(`<span class="channel-name">${escaped(channel.name.fr ?? '')}`);
  });

  it('shows the open incidents with their updates, newest first, and their workarounds', async () => {
    const html = await page();
    const lbp = html.indexOf(escaped("Depuis tôt ce matin, un incident affecte l'accès"));
    expect(lbp).to.be.greaterThan(-1);
    expect(html).to.include(
      '<span class="workaround-label">Ce qui fonctionne</span> Les paiements en ligne restent possibles avec une authentification par SMS.',
    );
    const newer = html.indexOf('Nos services en ligne : La Banque Postale en ligne');
    const older = html.indexOf(escaped("Nous vous informons qu'un incident est survenu ce matin à partir de 6h30"));
    expect(newer).to.be.greaterThan(-1);
    expect(newer).to.be.lessThan(older);
  });

  it('marks English texts as unofficial translations of French originals', async () => {
    const html = await page('?lang=en');
    expect(html).to.include('Since early this morning, an incident has been affecting access to your online banking');
    expect(html).to.match(/class="update-notes">Unofficial translation/);
  });

  it('shows the story clock with date, time, zone, speed and state', async () => {
    const html = await page();
    expect(html).to.include('<span class="clock-date" data-clock="date">lundi 22 décembre 2025</span>');
    expect(html).to.include('<span class="clock-time" data-clock="time">10:00</span>');
    expect(html).to.include('<span class="clock-zone" data-clock="zone">CET</span>');
    expect(html).to.match(/<span data-clock="speed">vitesse 60×<\/span> · <span data-clock="state">en pause<\/span>/);
  });

  it('draws an availability strip per channel, one cell per story hour, with a legend', async () => {
    const html = await page();
    const strips = html.match(/<svg class="strip-cells"/g) ?? [];
    expect(strips).to.have.length(22);
    const first = html.slice(html.indexOf('<svg class="strip-cells"'), html.indexOf('</svg>'));
    // One line per run of equal cells; its dashes draw the cells, and together they cover 108 hours.
    const runs = [
      ...first.matchAll(/<line x1="(\d+)" x2="(\d+)" y1="6" y2="6" class="cell cell-(\w+)"><title>([^<]+)<\/title>/g),
    ];
    expect(runs.length).to.be.within(2, 10);
    expect(runs[0]![1]).to.equal('0');
    runs.slice(1).forEach((run, i) => expect(run[1], 'runs follow each other').to.equal(runs[i]![2]));
    expect(runs.at(-1)![2]).to.equal(String(108 * 4));
    expect(runs.map((r) => r[3]))
      .to.include('major')
      .and.include('future');
    const major = runs.find((r) => r[3] === 'major')![4];
    expect(major).to.match(/^Panne majeure : 22 déc\., \d\d:00 CET – 22 déc\., \d\d:00 CET$/);
    expect(runs.at(-1)![4]).to.match(/^À venir : 22 déc\., \d\d:00 CET – 26 déc\., \d\d:00 CET$/);
    expect(html).to.include('une case par heure');
  });

  it('lists resolved incidents below once they are resolved', async () => {
    app.runs.require(LA_POSTE).seekToTime('2025-12-26T18:00:00+01:00', FACILITATOR);
    const html = await page('?lang=en');
    expect(html).to.include('<h2 id="resolved-heading">Resolved incidents</h2>');
    expect(html).to.include('No active incident.');
    expect(html).to.include('<h2 id="indicator-text" class="indicator-text">All Systems Operational</h2>');
  });

  const choices: Array<{ name: string; query: string; headers: Record<string, string>; expected: string }> = [
    { name: '?lang=en', query: '?lang=en', headers: {}, expected: 'en' },
    { name: 'the lang cookie', query: '', headers: { Cookie: 'lang=en' }, expected: 'en' },
    { name: 'Accept-Language', query: '', headers: { 'Accept-Language': 'en-US,en;q=0.8' }, expected: 'en' },
    { name: "the scenario's first language", query: '', headers: {}, expected: 'fr' },
    { name: '?lang= over a cookie', query: '?lang=fr', headers: { Cookie: 'lang=en' }, expected: 'fr' },
  ];
  choices.forEach(({ name, query, headers, expected: lang }) => {
    it(`speaks the language chosen by ${name}`, async () => {
      expect(await page(query, headers)).to.include(`<html lang="${lang}">`);
    });
  });

  it('remembers a language chosen with ?lang= in a cookie', async () => {
    const res = await request(app.httpServer).get(`/r/${LA_POSTE}?lang=en`).expect(200);
    expect(String(res.headers['set-cookie'])).to.match(/^lang=en; .*HttpOnly; SameSite=Lax/);
  });

  it('answers an unknown run with a 404 page', async () => {
    const res = await request(app.httpServer).get('/r/nope?lang=en').expect(404);
    expect(res.text).to.include(escaped('no run "nope"'));
  });

  it('escapes what responders publish', async () => {
    const run = app.runs.require(LA_POSTE);
    run.act(
      {
        type: 'publish',
        update: {
          incident: 'x',
          title: { fr: '<img src=x onerror=alert(1)>' },
          status: 'investigating',
          impact: 'minor',
          body: { fr: '<script>alert(1)</script>' },
        },
      },
      FACILITATOR,
    );
    const html = await page();
    expect(html).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).to.not.include('<script>alert(1)');
    expect(html).to.not.include('<img src=x');
  });
});

describe('the front page', () => {
  let app: TestApp | undefined;
  afterEach(() => app?.close());

  it('leads to the default run when it is the only public run', async () => {
    app = await createTestApp();
    await request(app.httpServer)
      .get('/?lang=en')
      .expect(302)
      .expect('Location', '/r/la-poste-ddos-2025-12-22?lang=en');
  });

  it('lists the public runs, not the unlisted ones, when there is more than one', async () => {
    app = await createTestApp();
    app.runs.create({ scenario: loadValid(), id: 'drill' });
    app.runs.create({ scenario: loadValid(), id: 'secret', visibility: 'unlisted' });
    const res = await request(app.httpServer).get('/?lang=en').expect(200);
    expect(res.text).to.include('href="/r/la-poste-ddos-2025-12-22"');
    expect(res.text).to.include('href="/r/drill"');
    expect(res.text).to.not.include('secret');
  });

  it('shows the scenario library when no run is public', async () => {
    app = await createTestApp({}, { defaultRun: false });
    const res = await request(app.httpServer).get('/?lang=en').expect(200);
    expect(res.text).to.include('<h1>Scenarios</h1>');
  });
});
