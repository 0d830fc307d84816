/**
 * The public status page in real Chromium: what it shows, with and without JavaScript, how it
 * stays live over socket.io, how it recovers from a lost connection, what axe-core finds, and
 * full-page screenshots (in test/e2e/screenshots/, not committed) for a person to look at.
 */
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import type { Server } from 'socket.io';
import { STATUS_NAMESPACE } from '../../server/events.js';
import { publicState } from '../../server/replay/run-views.js';
import { STATUS_LOOK } from '../../server/status/labels.js';
import type { Language, Status } from '../../server/scenario/vocabulary.js';
import { publicRunOf } from '../../server/status/public-run.js';
import { LiveRenderer } from '../../server/web/live-renderer.js';
import { launchBrowser } from '../support/browser.js';
import { expectNoGraveAxeViolations } from '../support/axe.js';
import { FACILITATOR } from '../support/runs.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { listen } from '../support/viewers.js';

const LA_POSTE = 'la-poste-ddos-2025-12-22';
const AT = '2025-12-22T10:00:00+01:00';
const SCREENSHOTS = resolve(import.meta.dirname, 'screenshots');

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the status page in Chromium', function () {
  this.timeout(60_000);

  let browser: Browser;
  let app: TestApp;
  let url: string;
  let contexts: BrowserContext[] = [];

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    app = await createTestApp();
    const run = app.runs.require(LA_POSTE);
    run.pause(FACILITATOR);
    run.seekToTime(AT, FACILITATOR);
    url = await listen(app);
  });
  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    await app.close();
  });

  const laPoste = () => app.runs.require(LA_POSTE);

  /** Opens the page of the La Poste run in a fresh context (no cookie carried between tests). */
  const open = async (lang: Language, options: BrowserContextOptions = {}): Promise<Page> => {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${url}/r/${LA_POSTE}?lang=${lang}`);
    return page;
  };

  /** Waits until the server has `count` viewers in the run's room for `lang`. */
  const joined = async (lang: Language, count = 1): Promise<void> => {
    const rooms = app.io.of(STATUS_NAMESPACE).adapter.rooms;
    const deadline = Date.now() + 5_000;
    while ((rooms.get(`run:${LA_POSTE}:${lang}`)?.size ?? 0) !== count) {
      if (Date.now() > deadline) throw new Error(`no viewer joined run:${LA_POSTE}:${lang} within 5 s`);
      await new Promise((done) => setTimeout(done, 20));
    }
  };

  const channelName = (id: string, lang: Language): string => {
    const channel = laPoste().scenario.file.channels.find((c) => c.id === id);
    if (channel?.name[lang] === undefined) throw new Error(`no ${lang} name for channel ${id}`);
    return channel.name[lang];
  };

  /** The row of a channel, found by the start of its name (its description follows it). */
  const row = (page: Page, name: string): Locator =>
    page.locator('.channel').filter({
      has: page.locator('.channel-name', { hasText: new RegExp(`^${escapeRegExp(name)}`) }),
    });

  /** A row's status as a reader sees it: icon and label, without the "since" line. */
  const shownStatus = async (page: Page, name: string): Promise<string> => {
    const rows = row(page, name);
    expect(await rows.count(), `rows named "${name}"`).to.equal(1);
    return (await rows.locator('.channel-status').innerText()).split('\n')[0]!.trim();
  };

  const look = (lang: Language, status: Status): string =>
    `${STATUS_LOOK[lang][status].icon} ${STATUS_LOOK[lang][status].label}`;

  /** Every channel row shows the status the run publishes, in `lang`. */
  const expectPublishedStatuses = async (page: Page, lang: Language): Promise<void> => {
    const published = publicState(laPoste()).channels;
    expect(await page.locator('.channel').count()).to.equal(published.length);
    for (const { id, status } of published)
      expect(await shownStatus(page, channelName(id, lang)), id).to.equal(look(lang, status));
  };

  describe('what it shows', () => {
    const examples: Array<{ lang: Language; down: [string, string]; up: [string, string] }> = [
      {
        lang: 'fr',
        down: ['Banque en ligne (Espace Client Internet)', '✕ Panne majeure'],
        up: ['Paiements CB sur TPE en magasin', '✓ Opérationnel'],
      },
      {
        lang: 'en',
        down: ['Online banking (web)', '✕ Major outage'],
        up: ['Card payments in shops', '✓ Operational'],
      },
    ];
    examples.forEach(({ lang, down, up }) => {
      it(`shows at 10:00 on 22 December what is down and what still works (${lang})`, async () => {
        const page = await open(lang);
        expect(await page.locator('html').getAttribute('lang')).to.equal(lang);
        expect(await shownStatus(page, down[0])).to.equal(down[1]);
        expect(await shownStatus(page, up[0])).to.equal(up[1]);
      });

      it(`shows every channel with its published status (${lang})`, async () => {
        await expectPublishedStatuses(await open(lang), lang);
      });
    });

    it('shows the exercise banner at the top of the page', async () => {
      const page = await open('fr');
      const banner = page.locator('.exercise-banner');
      expect(await banner.isVisible()).to.equal(true);
      expect(await banner.innerText()).to.include('EXERCICE / EXERCISE');
      expect((await banner.boundingBox())?.y).to.equal(0);
    });

    it('shows the same statuses with JavaScript disabled', async () => {
      const page = await open('fr', { javaScriptEnabled: false });
      await expectPublishedStatuses(page, 'fr');
      expect(await shownStatus(page, 'Banque en ligne (Espace Client Internet)')).to.equal('✕ Panne majeure');
    });
  });

  describe('live updates', () => {
    it('shows an engine change within one second, without reloading', async () => {
      const page = await open('fr');
      await joined('fr');
      const before = Number(await page.locator('main').getAttribute('data-version'));
      await page.evaluate(() => {
        (globalThis as typeof globalThis & { __marker?: number }).__marker = 1;
      });
      const atm = channelName('lbp-atm', 'fr');
      expect(await shownStatus(page, atm)).to.equal('✓ Opérationnel');

      laPoste().act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
      await row(page, atm).locator('.channel-status', { hasText: 'Panne majeure' }).waitFor({ timeout: 1_000 });

      expect(await page.evaluate(() => (globalThis as typeof globalThis & { __marker?: number }).__marker)).to.equal(1);
      expect(Number(await page.locator('main').getAttribute('data-version'))).to.be.greaterThan(before);
    });

    it('ends up with the markup of the new version when a change brings only the parts that changed', async () => {
      const page = await open('fr');
      await joined('fr');
      const frames: string[] = [];
      page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => frames.push(String(payload))));
      await page.reload();
      await joined('fr');
      laPoste().act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
      const version = laPoste().version;
      await page.locator(`main[data-version="${version}"]`).waitFor({ timeout: 1_000 });
      const frame = frames.find((text) => text.includes('"status:changed"')) ?? '';
      const [, change] = JSON.parse(frame.slice(frame.indexOf('['))) as [string, Record<string, unknown>];
      expect(change).to.not.have.property('html');
      expect(change.parts).to.be.an('array').that.is.not.empty;

      const expected = new LiveRenderer().snapshot(publicRunOf(laPoste()), 'fr').html;
      // Compared as DOM nodes, in the page (the test's own types have no DOM).
      const same = await page.evaluate(`(() => {
        const fresh = document.createElement('div');
        fresh.innerHTML = ${JSON.stringify(expected)};
        const live = document.getElementById('live');
        return live !== null && fresh.childNodes.length === live.childNodes.length &&
          [...fresh.childNodes].every((node, i) => node.isEqualNode(live.childNodes[i]));
      })()`);
      expect(same, 'the live region equals a fresh rendering of the new version').to.equal(true);
    });

    it('ticks the story clock while the run plays', async () => {
      const page = await open('fr');
      await joined('fr');
      const time = page.locator('[data-clock="time"]');
      expect(await time.innerText()).to.equal('10:00');

      const run = laPoste();
      run.setSpeed(3_600, FACILITATOR);
      run.play(FACILITATOR);
      await page.locator('[data-clock="time"]', { hasNotText: '10:00' }).waitFor({ timeout: 3_000 });
      expect(await time.innerText()).to.match(/^1\d:[0-5]\d$/);
      expect(await time.innerText()).to.not.equal('10:00');
    });

    it('follows a run brought back as a new instance, whose versions start again', async () => {
      const page = await open('fr');
      await joined('fr');
      const atm = channelName('lbp-atm', 'fr');
      laPoste().act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
      await row(page, atm).locator('.channel-status', { hasText: 'Panne majeure' }).waitFor({ timeout: 1_000 });
      const before = Number(await page.locator('main').getAttribute('data-version'));

      // The same run, as another process brings it back: same id and room, versions from zero.
      const scenario = laPoste().scenario;
      app.runs.end(LA_POSTE);
      const again = app.runs.create({ scenario, id: LA_POSTE });
      again.seekToTime(AT, FACILITATOR);
      expect(again.version).to.be.below(before);

      await page.locator(`main[data-instance="${again.instance}"]`).waitFor({ timeout: 2_000 });
      expect(await shownStatus(page, atm)).to.equal('✓ Opérationnel');
      expect(Number(await page.locator('main').getAttribute('data-version'))).to.equal(again.version);
    });

    const cuts: Array<{ name: string; cut: (io: Server) => void }> = [
      { name: 'the server disconnects its viewers', cut: (io) => io.of(STATUS_NAMESPACE).disconnectSockets() },
      { name: 'the connections drop', cut: (io) => io.of(STATUS_NAMESPACE).disconnectSockets(true) },
    ];
    cuts.forEach(({ name, cut }) => {
      it(`says it is reconnecting when ${name}, then catches up with what it missed`, async () => {
        const page = await open('fr');
        await joined('fr');
        const connection = page.locator('#connection');
        expect(await connection.isHidden()).to.equal(true);

        const run = laPoste();
        cut(app.io);
        // Two changes while away: the viewer misses more than one version.
        run.act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
        run.act({ type: 'set-actual', channel: 'lbp-card-pos', status: 'partial_outage' }, FACILITATOR);

        await connection.waitFor({ state: 'visible', timeout: 5_000 });
        expect(await connection.innerText()).to.equal('Reconnexion…');
        await connection.waitFor({ state: 'hidden', timeout: 10_000 });
        await page.locator(`main[data-version="${run.version}"]`).waitFor({ timeout: 2_000 });
        expect(await shownStatus(page, channelName('lbp-atm', 'fr'))).to.equal('✕ Panne majeure');
        expect(await shownStatus(page, channelName('lbp-card-pos', 'fr'))).to.equal('◆ Panne partielle');
      });
    });
  });

  describe('accessibility', () => {
    const audits: Array<{ lang: Language; colorScheme: 'light' | 'dark' }> = [
      { lang: 'fr', colorScheme: 'light' },
      { lang: 'en', colorScheme: 'light' },
      { lang: 'fr', colorScheme: 'dark' },
      { lang: 'en', colorScheme: 'dark' },
    ];
    audits.forEach(({ lang, colorScheme }) => {
      it(`has no serious or critical axe-core violation (${lang}, ${colorScheme})`, async () => {
        // The page's CSP refuses inline scripts, rightly; only the audit's own script is let in.
        const page = await open(lang, { colorScheme, bypassCSP: true });
        await expectNoGraveAxeViolations(page);
      });
    });
  });

  describe('screenshots', () => {
    before(() => mkdirSync(SCREENSHOTS, { recursive: true }));

    const shots: Array<{ lang: Language; width: number; height: number; colorScheme: 'light' | 'dark' }> = [
      { lang: 'fr', width: 1280, height: 800, colorScheme: 'light' },
      { lang: 'en', width: 1280, height: 800, colorScheme: 'light' },
      { lang: 'fr', width: 390, height: 844, colorScheme: 'light' },
      { lang: 'en', width: 390, height: 844, colorScheme: 'light' },
      { lang: 'fr', width: 1280, height: 800, colorScheme: 'dark' },
    ];
    shots.forEach(({ lang, width, height, colorScheme }) => {
      const file = `status-${lang}-${width}${colorScheme === 'dark' ? '-dark' : ''}.png`;
      it(`fits ${width} px without sideways scrolling (${lang}, ${colorScheme}; ${file})`, async () => {
        const page = await open(lang, { viewport: { width, height }, colorScheme });
        await page.screenshot({ path: resolve(SCREENSHOTS, file), fullPage: true, animations: 'disabled' });
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(width);
      });
    });
  });
});
