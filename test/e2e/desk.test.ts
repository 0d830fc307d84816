/**
 * The responders' desk in real Chromium: an exercise run created through the control API, a
 * responder who joins with a code, a facilitator (the API) who breaks a channel, sends an inject
 * and approves drafts, and a public viewer's page that follows what the desk publishes. Also the
 * preview's escaping, the templates, error display, axe-core, and screenshots (in
 * test/e2e/screenshots/, not committed) for a person to look at.
 */
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import request from 'supertest';
import { pathToFileURL } from 'node:url';
import { STAGE_LABEL, STATUS_LOOK } from '../../server/status/labels.js';
import { messages } from '../../server/status/i18n.js';
import type { Language } from '../../server/scenario/vocabulary.js';
import { launchBrowser } from '../support/browser.js';
import { expectNoGraveAxeViolations } from '../support/axe.js';
import { createTestApp, ADMIN_TOKEN, type TestApp } from '../support/test-app.js';
import { listen } from '../support/viewers.js';

const LA_POSTE = 'la-poste-ddos-2025-12-22';
const SCREENSHOTS = resolve(import.meta.dirname, 'screenshots');
const AUTH = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const HOSTILE = '<img src=x onerror=alert(1)>';

const INJECT = {
  type: 'inject',
  inject: {
    channel: 'press',
    from: { fr: 'Journaliste, AFP', en: 'Journalist, AFP' },
    subject: { fr: 'Panne de la banque en ligne ?', en: 'Online banking down?' },
    body: { fr: 'Pouvez-vous confirmer une panne ?', en: 'Can you confirm an outage?' },
  },
};

describe('the responders’ desk in Chromium', function () {
  this.timeout(60_000);

  let browser: Browser;
  let app: TestApp;
  let url: string;
  let run: string;
  let contexts: BrowserContext[] = [];

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    app = await createTestApp({}, { defaultRun: false });
    url = await listen(app);
    const created = await api()
      .post('/api/runs')
      .set(AUTH)
      .send({ scenario: LA_POSTE, mode: 'exercise', speed: 60, play: false })
      .expect(201);
    run = (created.body as { run: { id: string } }).run.id;
  });
  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    await app.close();
  });

  const api = () => request(app.app);
  const act = async (action: object) => api().post(`/api/runs/${run}/actions`).set(AUTH).send({ action }).expect(201);

  const newPage = async (options: BrowserContextOptions = {}): Promise<Page> => {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context.newPage();
  };

  /** Joins with a fresh code through the join page, then opens the desk in `lang` once it is live. */
  const joinDesk = async (lang: Language, options: BrowserContextOptions = {}, name = 'Camille'): Promise<Page> => {
    const made = await api().post(`/api/runs/${run}/codes`).set(AUTH).send({ label: 'Comms' }).expect(201);
    const { link } = made.body as { code: string; link: string };
    const page = await newPage(options);
    await page.goto(link.startsWith('http') ? link : `${url}${link}`);
    await page.fill('#name', name);
    await Promise.all([page.waitForURL(`**/desk/${run}`), page.click('button[type="submit"]')]);
    await page.goto(`${url}/desk/${run}?lang=${lang}`);
    await page.locator('body[data-desk="live"]').waitFor({ timeout: 5_000 });
    return page;
  };

  /** The public status page of the run, marked so that a reload would show. */
  const openPublic = async (lang: Language): Promise<Page> => {
    const page = await newPage();
    await page.goto(`${url}/r/${run}?lang=${lang}`);
    await page.evaluate(() => {
      (globalThis as typeof globalThis & { __marker?: number }).__marker = 1;
    });
    return page;
  };
  const notReloaded = async (page: Page): Promise<void> => {
    expect(await page.evaluate(() => (globalThis as typeof globalThis & { __marker?: number }).__marker)).to.equal(1);
  };

  /** Fills the composer for a new incident on online banking. */
  const compose = async (page: Page, title = 'Banque en ligne indisponible'): Promise<void> => {
    await page.selectOption('#incident', '');
    await page.fill('#title-fr', title);
    await page.fill('#title-en', 'Online banking unavailable');
    await page.check('#stage-investigating');
    await page.selectOption('#impact', 'major');
    if (await page.locator('#status-lbp-web').isHidden()) await page.click('#show-all-statuses');
    await page.selectOption('#status-lbp-web', 'major_outage');
    await page.fill('#body-fr', 'Nous enquêtons sur une panne de la banque en ligne.');
    await page.fill('#body-en', 'We are investigating an online banking outage.');
    await page.fill('#workaround-fr', 'Les paiements par carte fonctionnent.');
    await page.fill('#workaround-en', 'Card payments work.');
    await page.selectOption('#next-update', '+30m');
  };

  /** The row of a channel on the public page. */
  const publicStatus = (page: Page, name: string) =>
    page
      .locator('.channel')
      .filter({ has: page.locator('.channel-name', { hasText: name }) })
      .locator('.channel-status');

  describe('what it shows', () => {
    it('shows the run, the exercise marking, the responder and a link to the public page in a new tab', async () => {
      const page = await joinDesk('fr');
      expect(await page.locator('html').getAttribute('lang')).to.equal('fr');
      expect(await page.locator('#run-title').innerText()).to.equal(app.runs.require(run).scenario.file.title.fr);
      expect(await page.locator('.exercise-banner').innerText()).to.include('EXERCICE / EXERCISE');
      expect(await page.locator('#responder-name').innerText()).to.equal('Camille');
      const link = page.locator('#public-link');
      expect(await link.getAttribute('href')).to.equal(`/r/${run}?lang=fr`);
      expect(await link.getAttribute('target')).to.equal('_blank');
      expect(await page.locator('#clock-time').innerText()).to.equal('06:00');
    });

    it('shows every channel with its actual and published status, grouped', async () => {
      const page = await joinDesk('en');
      const channels = app.runs.require(run).scenario.file.channels;
      expect(await page.locator('.monitor-channel').count()).to.equal(channels.length);
      expect(await page.locator('.monitor-group-name').first().innerText()).to.equal('Online banking & app');
      const row = page.locator('#monitor-lbp-web');
      expect(await row.locator('.monitor-status').innerText()).to.equal('✓ Operational');
      expect(await row.locator('.monitor-page').innerText()).to.equal('Page: ✓ Operational');
    });

    it('ticks the story clock while the run plays', async () => {
      const page = await joinDesk('fr');
      await api().post(`/api/runs/${run}/control`).set(AUTH).send({ control: 'speed', speed: 3600 }).expect(200);
      await api().post(`/api/runs/${run}/control`).set(AUTH).send({ control: 'play' }).expect(200);
      await page.locator('#clock-time', { hasNotText: '06:00' }).waitFor({ timeout: 3_000 });
      expect(await page.locator('#clock-state').innerText()).to.equal('en cours');
    });

    it('says so when the facilitator ends the run, and publishes nothing more', async () => {
      const page = await joinDesk('en');
      await api().delete(`/api/runs/${run}`).set(AUTH).expect(200);
      await page
        .locator('#page-error', { hasText: 'The facilitator has ended this exercise.' })
        .waitFor({ timeout: 3_000 });
      expect(await page.locator('#publish').isDisabled()).to.equal(true);
    });
  });

  describe('monitoring and inbox', () => {
    it('raises an alert when the facilitator breaks a channel, and flags it as not on the page yet', async () => {
      const page = await joinDesk('fr');
      await act({ type: 'set-actual', channel: 'lbp-web', status: 'major_outage' });
      const alert = page.locator('#alerts li').first();
      await alert.waitFor({ timeout: 3_000 });
      expect(await alert.innerText()).to.include('Banque en ligne (Espace Client Internet)');
      expect(await alert.locator('.alert-from').innerText()).to.equal('✓ Opérationnel');
      expect(await alert.locator('.alert-to').innerText()).to.equal('✕ Panne majeure');
      expect(await alert.locator('.alert-time').innerText()).to.equal('06:00');
      expect(await page.locator('#monitor-lbp-web .monitor-flag').innerText()).to.equal('⚑ Pas encore sur la page');
      await page.locator('#alert-announcer', { hasText: 'Panne majeure' }).waitFor({ timeout: 1_000 });
    });

    it('lists alerts newest first', async () => {
      const page = await joinDesk('en');
      await act({ type: 'set-actual', channel: 'lbp-web', status: 'major_outage' });
      await page.locator('#alerts li').first().waitFor({ timeout: 3_000 });
      await act({ type: 'set-actual', channel: 'lbp-atm', status: 'partial_outage' });
      await page.locator('#alerts li').nth(1).waitFor({ timeout: 3_000 });
      expect(await page.locator('#alerts li').first().getAttribute('data-channel')).to.equal('lbp-atm');
    });

    it('puts a new inject at the top of the inbox, highlighted, announced and counted as unread', async () => {
      const page = await joinDesk('fr');
      await act(INJECT);
      const item = page.locator('#inbox-list .inject').first();
      await item.waitFor({ timeout: 3_000 });
      expect(await item.locator('.inject-subject').innerText()).to.equal('Panne de la banque en ligne ?');
      expect(await item.locator('.inject-from').innerText()).to.equal('De : Journaliste, AFP');
      expect(await item.locator('.inject-body').innerText()).to.equal('Pouvez-vous confirmer une panne ?');
      expect(await item.getAttribute('class')).to.include('is-unread');
      expect(await page.locator('#inbox-count').innerText()).to.equal('(1 non lu)');
      await page.locator('#announcer', { hasText: 'Journaliste, AFP' }).waitFor({ timeout: 1_000 });

      await item.getByRole('button').click();
      expect(await item.getAttribute('class')).to.not.include('is-unread');
      expect(await page.locator('#inbox-count').innerText()).to.equal('(aucun non lu)');
    });
  });

  describe('publishing', () => {
    it('publishes a new incident that the public page shows without reloading', async () => {
      const viewer = await openPublic('fr');
      const page = await joinDesk('fr');
      await compose(page);
      await page.click('#publish');
      await page.locator('#composer-status', { hasText: 'Publié' }).waitFor({ timeout: 3_000 });
      expect(await page.inputValue('#body-fr')).to.equal('');

      await viewer.locator('.incident-title', { hasText: 'Banque en ligne indisponible' }).waitFor({ timeout: 3_000 });
      await publicStatus(viewer, 'Banque en ligne (Espace Client Internet)')
        .filter({ hasText: 'Panne majeure' })
        .waitFor({ timeout: 3_000 });
      expect(await viewer.locator('.update-body').first().innerText()).to.equal(
        'Nous enquêtons sur une panne de la banque en ligne.',
      );
      await notReloaded(viewer);

      // The desk shows what the public sees, and the incident is now one to update.
      await page
        .locator('#published .incident-title', { hasText: 'Banque en ligne indisponible' })
        .waitFor({ timeout: 3_000 });
      expect(await page.inputValue('#incident')).to.equal('banque-en-ligne-indisponible');
      expect(await page.locator('#monitor-lbp-web .monitor-page').innerText()).to.equal('Page : ✕ Panne majeure');
    });

    it('sends the update for approval when the run requires it, and the public page shows it once approved', async () => {
      await api().patch(`/api/runs/${run}`).set(AUTH).send({ requireApproval: true }).expect(200);
      const viewer = await openPublic('en');
      const page = await joinDesk('en');
      expect(await page.locator('#publish').innerText()).to.equal('Submit for approval');
      await compose(page);
      await page.click('#publish');
      const draft = page.locator('#drafts-list .draft').first();
      await draft.waitFor({ timeout: 3_000 });
      expect(await draft.locator('.draft-state').innerText()).to.include('Waiting for approval');
      expect(await page.locator('#composer-status').innerText()).to.include('approval');
      expect(await viewer.locator('.incident').count()).to.equal(0);

      const id = (await draft.getAttribute('id'))?.replace(/^draft-/, '') ?? '';
      await api().post(`/api/runs/${run}/drafts/${id}`).set(AUTH).send({ decision: 'approve' }).expect(200);
      await draft.locator('.draft-state', { hasText: 'Approved and published' }).waitFor({ timeout: 3_000 });
      await viewer.locator('.incident-title', { hasText: 'Online banking unavailable' }).waitFor({ timeout: 3_000 });
      await publicStatus(viewer, 'Online banking (web)')
        .filter({ hasText: 'Major outage' })
        .waitFor({ timeout: 3_000 });
      await notReloaded(viewer);
    });

    it('shows the server’s validation error next to the form', async () => {
      const page = await joinDesk('en');
      await compose(page);
      await page.selectOption('#next-update', 'other');
      await page.fill('#next-update-custom', 'someday');
      await page.click('#publish');
      const errors = page.locator('#composer-errors');
      await errors.locator('li').first().waitFor({ timeout: 3_000 });
      expect(await errors.getAttribute('role')).to.equal('alert');
      expect(await errors.innerText()).to.include('nextUpdateAt');
      expect(await page.locator('#next-update-custom').getAttribute('aria-invalid')).to.equal('true');
      expect(await page.inputValue('#body-en')).to.equal('We are investigating an online banking outage.');
    });

    it('says what is missing before sending anything', async () => {
      const page = await joinDesk('fr');
      await page.click('#publish');
      const errors = page.locator('#composer-errors li');
      await errors.first().waitFor({ timeout: 1_000 });
      expect(await errors.allInnerTexts()).to.include.members([
        'Donnez un titre au nouvel incident.',
        'Choisissez l’impact du nouvel incident.',
        'Écrivez le message dans au moins une langue.',
      ]);
      expect(
        app.runs
          .require(run)
          .logRecords()
          .some((r) => r.kind === 'action'),
      ).to.equal(false);
    });
  });

  describe('the preview', () => {
    it('shows the text as typed, markup included, in the public page’s markup', async () => {
      const page = await joinDesk('fr');
      await page.fill('#title-fr', 'Incident');
      await page.check('#stage-identified');
      await page.selectOption('#impact', 'critical');
      await page.fill('#body-fr', HOSTILE);
      await page.fill('#workaround-fr', 'Les DAB fonctionnent.');
      await page.selectOption('#next-update', '+1h');
      const fr = page.locator('#preview .preview-lang[lang="fr"]');
      const article = fr.locator('article.incident.impact-critical');
      expect(await article.locator('.update-body').innerText()).to.equal(HOSTILE);
      expect(await page.locator('#preview img').count()).to.equal(0);
      expect(await article.locator('.update-stage').innerText()).to.equal(STAGE_LABEL.fr.identified);
      expect(await article.locator('.workaround-label').innerText()).to.equal(
        messages('fr').whatStillWorks.toUpperCase(),
      );
      expect(await article.locator('.update-head time').innerText()).to.equal('22 déc., 06:00 CET');
      expect(await article.locator('.next-update').innerText()).to.equal('Prochaine mise à jour : 22 déc., 07:00 CET');
      // The English page falls back to the French text, as the public page does.
      expect(await page.locator('#preview .preview-lang[lang="en"] .update-stage').innerText()).to.equal(
        STAGE_LABEL.en.identified,
      );
    });

    it('fills the stage’s template in both languages with the names of the affected channels', async () => {
      await act({ type: 'set-actual', channel: 'lbp-web', status: 'major_outage' });
      const page = await joinDesk('fr');
      await page.check('#stage-investigating');
      await page.click('#use-template');
      expect(await page.inputValue('#body-fr')).to.include(
        'Nous avons connaissance d’un incident affectant Banque en ligne (Espace Client Internet)',
      );
      expect(await page.inputValue('#body-en')).to.include(
        'We are aware of an incident affecting Online banking (web)',
      );
      expect(await page.inputValue('#workaround-en')).to.match(
        /^Still working: .*Online card payments|^Still working: /,
      );
      expect(await page.inputValue('#next-update')).to.equal('+30m');
      expect(await page.locator('#preview .preview-lang[lang="en"] .update-body').innerText()).to.include(
        'We are aware',
      );
    });

    it('uses the status monitoring reports when asked from the monitoring panel', async () => {
      await act({ type: 'set-actual', channel: 'lbp-app', status: 'partial_outage' });
      const page = await joinDesk('en');
      await page.locator('#monitor-lbp-app').getByRole('button').click();
      expect(await page.inputValue('#status-lbp-app')).to.equal('partial_outage');
      expect(await page.locator('#preview-changes').innerText()).to.include(
        `${STATUS_LOOK.en.operational.icon} ${STATUS_LOOK.en.operational.label} → ${STATUS_LOOK.en.partial_outage.icon} ${STATUS_LOOK.en.partial_outage.label}`,
      );
    });
  });

  describe('words', () => {
    /** The desk's browser module of words, loaded as the browser does (it has no types). */
    const words = async (): Promise<{ UI: Record<Language, object> }> =>
      (await import(pathToFileURL(resolve(import.meta.dirname, '../../public/js/desk-words.js')).href)) as never;

    it('has every word of the desk in French and in English', async () => {
      const { UI } = await words();
      expect(Object.keys(UI.fr).sort()).to.deep.equal(Object.keys(UI.en).sort());
    });
  });

  describe('accessibility', () => {
    (['fr', 'en'] as const).forEach((lang) => {
      it(`has no serious or critical axe-core violation (${lang})`, async () => {
        await act({ type: 'set-actual', channel: 'lbp-web', status: 'major_outage' });
        // The page's CSP refuses inline scripts, rightly; only the audit's own script is let in.
        const page = await joinDesk(lang, { bypassCSP: true });
        await act(INJECT);
        await page.locator('#inbox-list .inject').first().waitFor({ timeout: 3_000 });
        await compose(page);
        await expectNoGraveAxeViolations(page);
      });
    });
  });

  describe('screenshots', () => {
    before(() => mkdirSync(SCREENSHOTS, { recursive: true }));

    const shots: Array<{ lang: Language; width: number; height: number; colorScheme: 'light' | 'dark' }> = [
      { lang: 'fr', width: 1280, height: 800, colorScheme: 'light' },
      { lang: 'fr', width: 390, height: 844, colorScheme: 'light' },
      { lang: 'en', width: 1280, height: 800, colorScheme: 'light' },
      { lang: 'en', width: 390, height: 844, colorScheme: 'light' },
      { lang: 'fr', width: 1280, height: 800, colorScheme: 'dark' },
    ];
    shots.forEach(({ lang, width, height, colorScheme }) => {
      const file = `desk-${lang}-${width}${colorScheme === 'dark' ? '-dark' : ''}.png`;
      it(`fits ${width} px without sideways scrolling (${lang}, ${colorScheme}; ${file})`, async () => {
        const page = await joinDesk(lang, { viewport: { width, height }, colorScheme });
        await act({ type: 'set-actual', channel: 'lbp-web', status: 'major_outage' });
        await act({ type: 'set-actual', channel: 'lbp-app', status: 'major_outage' });
        await act(INJECT);
        await page.locator('#inbox-list .inject').first().waitFor({ timeout: 3_000 });
        await page.locator('#alerts li').nth(1).waitFor({ timeout: 3_000 });
        await compose(page);
        await page.click('#publish');
        await page.locator('#published .incident').first().waitFor({ timeout: 3_000 });
        await page.check('#stage-identified');
        await page.click('#use-template');
        await page.screenshot({ path: resolve(SCREENSHOTS, file), fullPage: true, animations: 'disabled' });
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(width);
      });
    });
  });
});
