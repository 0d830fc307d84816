/**
 * The after-action report of a finished exercise run in real Chromium: what axe-core finds, a
 * screenshot (test/e2e/screenshots/report-1280.png, not committed) for a person to look at, and
 * the exports downloading with the right content type.
 */
import { expect } from 'chai';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Action } from '../../server/replay/actions.js';
import type { Status } from '../../server/scenario/vocabulary.js';
import { loadLibrary } from '../../server/scenario/library.js';
import { launchBrowser } from '../support/browser.js';
import { expectNoGraveAxeViolations } from '../support/axe.js';
import { FACILITATOR, RESPONDER } from '../support/runs.js';
import { ADMIN_TOKEN, createTestApp, type TestApp } from '../support/test-app.js';
import { listen } from '../support/viewers.js';

const LA_POSTE = 'la-poste-ddos-2025-12-22';
const SCENARIOS = resolve(import.meta.dirname, '../../scenarios');
const SCREENSHOTS = resolve(import.meta.dirname, 'screenshots');
const HOUR = 3_600_000;

const publish = (stage: 'investigating' | 'resolved', channels: Record<string, Status>, body: string): Action => ({
  type: 'publish',
  update: {
    incident: 'ddos',
    title: { en: 'Online services down' },
    status: stage,
    impact: 'major',
    body: { en: body },
    channels,
  },
});

describe('the after-action report in Chromium', function () {
  this.timeout(60_000);

  let browser: Browser;
  let app: TestApp;
  let url: string;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    app = await createTestApp({ scenariosDir: SCENARIOS }, { defaultRun: false });
    url = await listen(app);
    const entry = (await loadLibrary(SCENARIOS)).find((e) => e.id === LA_POSTE);
    if (entry?.result.ok !== true) throw new Error(`${LA_POSTE} did not load`);
    const scenario = entry.result.scenario;
    const [first, second] = Object.keys(scenario.initialStatuses);
    const run = app.runs.create({ scenario, mode: 'exercise', id: 'drill' });
    run.seek(4 * HOUR, FACILITATOR);
    run.act(publish('investigating', { [first!]: 'major_outage' }, 'Online services are unavailable.'), RESPONDER);
    run.seek(30 * HOUR, FACILITATOR);
    run.act(publish('investigating', { [second!]: 'operational' }, 'Card payments still work.'), RESPONDER);
    run.seek(80 * HOUR, FACILITATOR);
    run.act(publish('resolved', { [first!]: 'operational' }, 'Services are back.'), RESPONDER);
    run.seek(scenario.durationMs, FACILITATOR);
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
      bypassCSP: true,
    });
    page = await context.newPage();
    await page.goto(`${url}/login?lang=en&next=/console`);
    await page.locator('#token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((target) => target.pathname === '/console');
  });
  afterEach(async () => {
    await context?.close();
    await app.close();
  });

  it('shows the report of a finished exercise run with its chart, metrics and no grave axe violation', async () => {
    await page.goto(`${url}/r/drill/report?lang=en`);
    expect(await page.locator('.exercise-mark').textContent()).to.equal('EXERCISE');
    expect(await page.locator('svg.timeline .tl-lane').count()).to.be.greaterThan(1);
    expect(await page.locator('table.metrics tbody tr').count()).to.be.greaterThan(5);
    expect(await page.locator('.update-model li').count()).to.be.greaterThan(0);
    expect(await page.locator('.update-published li').count()).to.equal(3);
    await expectNoGraveAxeViolations(page);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOTS, 'report-1280.png'), fullPage: true });
    await page.locator('.timeline-wrap').screenshot({ path: resolve(SCREENSHOTS, 'report-timeline-1280.png') });
  });

  it('adds a note from the report page, on the chart and in the list, with the page’s own CSP', async () => {
    const strict = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      storageState: await context.storageState(),
    });
    try {
      const own = await strict.newPage();
      const errors: string[] = [];
      own.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await own.goto(`${url}/r/drill/report?lang=en`);
      await own.getByLabel('Note', { exact: true }).fill('Spokesperson unreachable for an hour');
      await own.getByLabel('Story time (optional)').fill('+10h');
      await Promise.all([own.waitForEvent('load'), own.getByRole('button', { name: 'Add note' }).click()]);
      await own.locator('.note-list li', { hasText: 'Spokesperson unreachable' }).waitFor();
      expect(await own.locator('.note-list time').innerText()).to.equal('2025-12-22 16:00');
      expect(await own.locator('svg.timeline g.tl-note').count()).to.equal(1);
      expect(errors).to.deep.equal([]);
    } finally {
      await strict.close();
    }
  });

  it('shares the report read-only with someone who has no session, on a phone, until the link is revoked', async () => {
    await page.goto(`${url}/r/drill/report?lang=en`);
    await page.getByLabel('For whom').fill('Comms director');
    await page.getByRole('button', { name: 'Create share link' }).click();
    const field = page.locator('#share-link');
    await field.waitFor({ state: 'visible' });
    const link = await field.inputValue();
    expect(link).to.match(new RegExp(`^${url}/share/[A-Za-z0-9_-]{32}$`));

    const outsider = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    try {
      const shared = await outsider.newPage();
      await shared.goto(`${link}?lang=en`);
      expect(await shared.locator('h1').innerText()).to.include('After-action report');
      expect(await shared.locator('#note-form, #share-form').count()).to.equal(0);
      expect(await shared.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(390);
      await expectNoGraveAxeViolations(shared);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await shared.screenshot({ path: resolve(SCREENSHOTS, 'report-shared-390.png'), fullPage: true });

      await page.reload();
      await Promise.all([
        page.waitForEvent('load'),
        page.getByRole('button', { name: 'Revoke · Comms director' }).click(),
      ]);
      await page.getByText('revoked', { exact: true }).waitFor();
      const gone = await shared.goto(`${link}?lang=en`);
      expect(gone?.status()).to.equal(404);
    } finally {
      await outsider.close();
    }
  });

  [
    { ext: 'md', type: 'text/markdown' },
    { ext: 'json', type: 'application/json' },
    { ext: 'csv', type: 'text/csv' },
  ].forEach(({ ext, type }) => {
    it(`downloads the ${ext} export as ${type}`, async () => {
      await page.goto(`${url}/r/drill/report?lang=en`);
      const link = page.getByRole('link', { name: ext.toUpperCase(), exact: true });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).to.equal(`statusdrill-report-drill.${ext}`);
      const text = readFileSync(await download.path(), 'utf8');
      expect(text.length).to.be.greaterThan(100);
      const res = await page.request.get(`${url}/r/drill/report.${ext}?lang=en`);
      expect(res.headers()['content-type']).to.match(new RegExp(`^${type}`));
    });
  });
});
