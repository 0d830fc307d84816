/**
 * Hostile texts in real Chromium: a scenario whose every text carries script tags, event
 * attributes, `javascript:` links, remote images and a right-to-left override, and a responder, a
 * facilitator's inject and a note that add more. Every surface (status page in both languages,
 * console, desk, report, shared report, feeds) is opened; no script of theirs may run, no request
 * may leave for anywhere they name, no policy violation may be reported, the texts must be shown as
 * the characters they are, and an override must not reorder what the page writes around it. The
 * exports must hold them inert too.
 */
import { expect } from 'chai';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { parseDocument, isMap, isScalar, visit } from 'yaml';
import { PROJECT_ROOT } from '../../server/config.js';
import { launchBrowser } from '../support/browser.js';
import { facilitatorSession, responderSession, FACILITATOR_AUTH } from '../support/control.js';
import { tempDir } from '../support/temp-dir.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { listen } from '../support/viewers.js';

/** Shown literally, it proves escaping; run, it sets `window.__pwned`. */
const SCRIPT = '<script>window.__pwned=1</script>';
const HOSTILE =
  ` ${SCRIPT}<img src=/hostile-pixel onerror=window.__pwned=2>` +
  '<a href="javascript:window.__pwned=3">l</a><svg onload=window.__pwned=4>' +
  '<img src=//evil.example/hostile.png> \u202Egnp.exe';

/** Runs in the page before its own scripts: keeps every policy violation it reports. */
const WATCH_VIOLATIONS = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`;

/** What SCAN finds in a page. */
interface Scan {
  pwned: number | undefined;
  violations: string[];
  shown: boolean;
  leaks: string[];
}

/**
 * Evaluated in the page: whether a hostile script ran, the policy violations, whether the hostile
 * text is shown as characters, and every drawn text holding a right-to-left override whose
 * element does not isolate it (blocks end an override by themselves; inline elements must isolate).
 */
const SCAN = `(() => {
  const isolating = new Set(['isolate', 'isolate-override', 'plaintext']);
  const leaks = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent === null || !node.nodeValue.includes('\u202E')) continue;
    // Text that is not drawn (an SVG <title>, a hidden template) reorders nothing.
    if (parent.getClientRects().length === 0) continue;
    const style = getComputedStyle(parent);
    if (style.display.startsWith('inline') && !isolating.has(style.unicodeBidi))
      leaks.push(parent.outerHTML.slice(0, 120));
  }
  return {
    pwned: window.__pwned,
    violations: window.__violations,
    shown: document.body.innerText.includes(${JSON.stringify(SCRIPT)}),
    leaks,
  };
})()`;

/** The tutorial scenario with HOSTILE after every text of it. */
async function hostileScenario(dir: string): Promise<void> {
  const doc = parseDocument(await readFile(resolve(PROJECT_ROOT, 'scenarios/tutorial.yaml'), 'utf8'));
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === 'id') doc.set('id', 'hostile');
      if ((key === 'fr' || key === 'en' || key === 'organisation' || key === 'from') && isScalar(pair.value))
        pair.value.value = `${String(pair.value.value)}${HOSTILE}`;
      if (isMap(pair.value) && key === 'marking') return visit.SKIP;
      return undefined;
    },
  });
  doc.set('id', 'hostile');
  await writeFile(join(dir, 'hostile.yaml'), doc.toString());
}

describe('hostile texts in Chromium', function () {
  this.timeout(90_000);
  let browser: Browser;
  let app: TestApp;
  let url: string;
  let cleanup: () => Promise<void>;
  let context: BrowserContext;
  let share: string;
  let facilitatorCookie: string;
  let responderCookie: string;
  let run: string;

  before(async () => {
    browser = await launchBrowser();
    const made = await tempDir();
    cleanup = made.cleanup;
    await mkdir(join(made.dir, 'scenarios'));
    await hostileScenario(join(made.dir, 'scenarios'));
    app = await createTestApp({ scenariosDir: join(made.dir, 'scenarios') }, { defaultRun: false });
    url = await listen(app);
    const api = () => request(app.app);
    const created = await api()
      .post('/api/runs')
      .set(FACILITATOR_AUTH)
      .send({ scenario: 'hostile', mode: 'exercise', play: false });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    run = (created.body as { run: { id: string } }).run.id;
    await api()
      .post(`/api/runs/${run}/control`)
      .set(FACILITATOR_AUTH)
      .send({ control: 'seek', to: '+30m' })
      .expect(200);
    const responder = await responderSession(app, run, `Camille${HOSTILE}`);
    responderCookie = responder.cookie;
    await api()
      .post(`/api/runs/${run}/updates`)
      .set('Authorization', `Bearer ${responder.code}`)
      .send({
        update: {
          incident: 'resp',
          status: 'investigating',
          impact: 'major',
          title: { fr: `Titre${HOSTILE}`, en: `Title${HOSTILE}` },
          body: { fr: `Corps${HOSTILE}`, en: `Body${HOSTILE}` },
          channels: { app: 'major_outage' },
        },
      })
      .expect(201);
    const text = (base: string) => ({ fr: `${base}${HOSTILE}`, en: `${base}${HOSTILE}` });
    const injected = await api()
      .post(`/api/runs/${run}/actions`)
      .set(FACILITATOR_AUTH)
      .send({
        action: {
          type: 'inject',
          inject: {
            channel: 'press',
            from: { fr: HOSTILE, en: HOSTILE },
            subject: text('Subject'),
            body: text('Question'),
          },
        },
      });
    expect(injected.status, JSON.stringify(injected.body)).to.equal(201);
    await api()
      .post(`/api/runs/${run}/notes`)
      .set(FACILITATOR_AUTH)
      .send({ text: `Note${HOSTILE}` })
      .expect(201);
    const shared = await api().post(`/api/runs/${run}/shares`).set(FACILITATOR_AUTH).send({}).expect(201);
    share = (shared.body as { token: string }).token;
    facilitatorCookie = (await facilitatorSession(app)).cookie;
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await cleanup?.();
  });
  afterEach(async () => {
    await context?.close();
  });

  /** A page with a cookie, watched for dialogs, errors, stray requests and policy violations. */
  const watchedPage = async (cookie?: string): Promise<{ page: Page; problems: string[] }> => {
    context = await browser.newContext();
    if (cookie !== undefined) {
      const [name = '', value = ''] = cookie.split('=');
      await context.addCookies([{ name, value, url }]);
    }
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('dialog', (dialog) => {
      problems.push(`a dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => problems.push(`a page error: ${error.message}`));
    page.on('request', (req) => {
      const target = new URL(req.url());
      if (target.origin !== url || target.pathname.includes('hostile')) problems.push(`a request to ${req.url()}`);
    });
    await page.addInitScript({ content: WATCH_VIOLATIONS });
    return { page, problems };
  };

  /** What a page must show: the texts as characters, nothing run, overrides kept to themselves. */
  const expectInert = async (page: Page, problems: string[], where: string): Promise<void> => {
    await page.waitForTimeout(300);
    const found = await page.evaluate<Scan>(SCAN);
    expect(problems, where).to.deep.equal([]);
    expect(found.pwned, `${where}: a hostile script ran`).to.equal(undefined);
    expect(found.violations, `${where}: the policy had to block something`).to.deep.equal([]);
    expect(found.shown, `${where}: the hostile text is not shown as text`).to.equal(true);
    expect(found.leaks, `${where}: a right-to-left override can reorder the page around it`).to.deep.equal([]);
  };

  for (const lang of ['fr', 'en']) {
    it(`keeps the status page in ${lang} inert`, async () => {
      const { page, problems } = await watchedPage();
      await page.goto(`${url}/r/${run}?lang=${lang}`);
      await page.locator('[data-clock="state"]').waitFor();
      await expectInert(page, problems, `the status page (${lang})`);
    });
  }

  it('keeps the console inert', async () => {
    const { page, problems } = await watchedPage(facilitatorCookie);
    await page.goto(`${url}/console?lang=en#run=${run}`);
    await page.locator('#run-title', { hasText: 'Tutorial' }).waitFor({ timeout: 5_000 });
    await page.locator('#channels tbody tr').first().waitFor();
    await expectInert(page, problems, 'the console');
  });

  it('keeps the desk inert', async () => {
    const { page, problems } = await watchedPage(responderCookie);
    await page.goto(`${url}/desk/${run}?lang=en`);
    await page.getByText(`Question ${SCRIPT}`, { exact: false }).first().waitFor({ timeout: 5_000 });
    await expectInert(page, problems, 'the desk');
  });

  it('keeps the report and the shared report inert', async () => {
    const own = await watchedPage(facilitatorCookie);
    await own.page.goto(`${url}/r/${run}/report?lang=en`);
    await expectInert(own.page, own.problems, 'the report');
    await context.close();
    const shared = await watchedPage();
    await shared.page.goto(`${url}/share/${share}?lang=en`);
    await expectInert(shared.page, shared.problems, 'the shared report');
  });

  it('keeps the feeds and the exports inert', async () => {
    for (const feed of ['history.atom', 'history.rss']) {
      const res = await request(app.app).get(`/r/${run}/${feed}`).expect(200);
      expect(res.text, feed).to.not.match(/<script|<img|<svg|<a href="javascript/i);
      expect(res.text, feed).to.include('&lt;script&gt;');
    }
    const md = await request(app.app).get(`/r/${run}/report.md`).set(FACILITATOR_AUTH).expect(200);
    expect(md.text).to.not.match(/<script|<img|<svg|<a /i);
    const json = await request(app.app).get(`/r/${run}/report.json`).set(FACILITATOR_AUTH).expect(200);
    expect(JSON.stringify(json.body)).to.include(SCRIPT);
    const csv = await request(app.app).get(`/r/${run}/report.csv`).set(FACILITATOR_AUTH).expect(200);
    for (const cell of csv.text.split(/[,\r\n]+/))
      expect(cell, 'a CSV cell a spreadsheet would run').to.not.match(/^[=+@]/);
  });
});
