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
