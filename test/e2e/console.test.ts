/**
 * The facilitator console in real Chromium: signing in, the scenario library, creating, opening
 * and ending runs, driving a run's clock while a public viewer watches, ad-hoc actions, what
 * axe-core finds, and screenshots (in test/e2e/screenshots/, not committed) for a person to look at.
 */
import { expect } from 'chai';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { dispatch } from '../../server/control/commands.js';
import { launchBrowser } from '../support/browser.js';
import { expectNoGraveAxeViolations } from '../support/axe.js';
import { tempDir } from '../support/temp-dir.js';
import { ADMIN_TOKEN, createTestApp, type TestApp } from '../support/test-app.js';
import { listen } from '../support/viewers.js';

const LA_POSTE = 'la-poste-ddos-2025-12-22';
const LA_POSTE_TITLE = 'DDoS attack on La Poste and La Banque Postale (22-26 December 2025)';
const SCENARIOS = resolve(import.meta.dirname, '../../scenarios');
const SCREENSHOTS = resolve(import.meta.dirname, 'screenshots');

/** The tutorial with a misspelt group: the library must show it as invalid, with where and why. */
const BROKEN = readFileSync(resolve(SCENARIOS, 'tutorial.yaml'), 'utf8')
  .replace(/^id: tutorial\b.*$/m, 'id: broken-tutorial')
  .replace('    group: online # must', '    group: onlien # must');

describe('the facilitator console in Chromium', function () {
  this.timeout(60_000);

  let browser: Browser;
  let app: TestApp;
  let url: string;
  let library: { dir: string; cleanup: () => Promise<void> };
  let contexts: BrowserContext[] = [];

  before(async () => {
    browser = await launchBrowser();
    library = await tempDir({
      [`${LA_POSTE}.yaml`]: readFileSync(resolve(SCENARIOS, `${LA_POSTE}.yaml`), 'utf8'),
      'broken-tutorial.yaml': BROKEN,
    });
  });
  after(async () => {
    await browser?.close();
    await library?.cleanup();
  });
  beforeEach(async () => {
    app = await createTestApp({ scenariosDir: library.dir }, { defaultRun: false });
    url = await listen(app);
  });
  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    await app.close();
  });

  const newPage = async (options: BrowserContextOptions = {}): Promise<Page> => {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context.newPage();
  };

  /** A page signed in through /login with the admin token, on the console, live. */
  const openConsole = async (options: BrowserContextOptions = {}): Promise<Page> => {
    const page = await newPage(options);
    await page.goto(`${url}/login?lang=en&next=/console`);
    await page.locator('#token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((target) => target.pathname === '/console');
    await page.locator('#connection', { hasText: 'Live' }).waitFor({ timeout: 5_000 });
    await page.locator('#library .scenario').first().waitFor({ timeout: 5_000 });
    return page;
  };

  /** Fails with the console's error message, if it shows one. */
  const expectNoError = async (page: Page): Promise<void> => {
    const alert = page.locator('#alert');
    expect(await alert.isVisible(), await alert.innerText()).to.equal(false);
  };

  /** Creates a run of La Poste from the form and returns its id, as the console announces it. */
  const createRun = async (page: Page, mode: 'replay' | 'exercise', speed = 60): Promise<string> => {
    await page.getByLabel('Scenario', { exact: true }).selectOption(LA_POSTE);
    await page.getByLabel('Mode', { exact: true }).selectOption(mode);
    await page.getByLabel('Speed (× real time)').fill(String(speed));
    await page.getByRole('button', { name: 'Create run' }).click();
    const notice = page.locator('#notice', { hasText: /^Run \S+ created/ });
    await notice.waitFor({ timeout: 5_000 });
    const id = /^Run (\S+) created/.exec(await notice.innerText())?.[1];
    if (id === undefined) throw new Error('no run id in the notice');
    return id;
  };

  /** Opens a run from the list of runs and waits for its view. */
  const openRun = async (page: Page, id: string): Promise<void> => {
    const row = page.locator(`#runs-list tr[data-run="${id}"]`);
    await row.getByRole('link', { name: `Open run ${id}` }).click();
    await page.waitForURL((target) => target.hash === `#run=${id}`);
    await page.locator('#run-title', { hasText: LA_POSTE_TITLE }).waitFor({ timeout: 5_000 });
    await page.locator('#channels tbody tr').first().waitFor();
  };

  /** A run opened the quickest way: created from the form, then its URL. */
  const consoleWithRun = async (mode: 'replay' | 'exercise', options: BrowserContextOptions = {}) => {
    const page = await openConsole(options);
    const id = await createRun(page, mode);
    await openRun(page, id);
    return { page, id, run: app.runs.require(id) };
  };

  describe('signing in', () => {
    it('sends a visitor without a session to the sign-in page', async () => {
      const page = await newPage();
      await page.goto(`${url}/console`);
      const at = new URL(page.url());
      expect(at.pathname).to.equal('/login');
      expect(at.searchParams.get('next')).to.equal('/console');
      expect(await page.locator('#token').isVisible()).to.equal(true);
    });

    it('opens the console after signing in with the admin token', async () => {
      const page = await openConsole();
      expect(await page.locator('.console-brand').innerText()).to.include('statusdrill · Facilitator console');
      expect(await page.locator('.exercise-mark').innerText()).to.equal('EXERCISE');
      expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).to.equal(true);
    });
  });

  describe('the lobby', () => {
    it('lists the scenario library with a valid or invalid badge and where each problem is', async () => {
      const page = await openConsole();
      const valid = page.locator(`#library [data-scenario="${LA_POSTE}"]`);
      expect(await valid.innerText())
        .to.include(LA_POSTE_TITLE)
        .and.include('Valid');
      const invalid = page.locator('#library [data-scenario="broken-tutorial"]');
      expect(await invalid.innerText()).to.include('Invalid');
      expect(await invalid.locator('.problems li').first().innerText()).to.equal(
        '45:12 channels[0].group: unknown group "onlien"; did you mean "online"?',
      );
      const choices = await page.getByLabel('Scenario', { exact: true }).locator('option').allInnerTexts();
      expect(choices).to.deep.equal([LA_POSTE_TITLE]);
    });

    it('creates a replay run at 60x from the form and lists it', async () => {
      const page = await openConsole();
      expect(await page.locator('#runs-list').innerText()).to.include('No run yet');

      const id = await createRun(page, 'replay', 60);
      const row = page.locator(`#runs-list tr[data-run="${id}"]`);
      await row.waitFor({ timeout: 5_000 });
      const text = await row.innerText();
      expect(text).to.include(LA_POSTE_TITLE).and.include('replay').and.include('Playing').and.include('60×');
      expect(await row.getByRole('link', { name: 'Page' }).getAttribute('href')).to.equal(`/r/${id}`);
      const run = app.runs.require(id);
      expect([run.mode, run.clock.snapshot().speed, run.clock.playing]).to.deep.equal(['replay', 60, true]);
      await expectNoError(page);
    });

    it('opens a run from the list and remembers it in the URL', async () => {
      const page = await openConsole();
      const id = await createRun(page, 'replay');
      await openRun(page, id);
      expect(await page.locator('#lobby').isHidden()).to.equal(true);

      await page.reload();
      await page.locator('#run-title', { hasText: LA_POSTE_TITLE }).waitFor({ timeout: 5_000 });
      expect(await page.locator('#run-meta').innerText()).to.include(id);
    });

    it('ends a run once the facilitator confirms', async () => {
      const page = await openConsole();
      const id = await createRun(page, 'replay');
      const row = page.locator(`#runs-list tr[data-run="${id}"]`);
      page.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: `End run ${id}` }).click();
      await row.waitFor({ state: 'detached', timeout: 5_000 });
      expect(app.runs.get(id)).to.equal(undefined);
    });

    it('keeps a note pinned during the run, lists the run as ended with its report, and opens it', async () => {
      const { page, id } = await consoleWithRun('exercise');
      await page.getByLabel('Note', { exact: true }).fill('The team waited for legal before saying anything');
      await page.getByLabel('Story time (optional)').fill('+2h');
      await page.getByRole('button', { name: 'Pin note' }).click();
      await page.locator('#notes li', { hasText: 'waited for legal' }).waitFor({ timeout: 5_000 });
      expect(await page.locator('#notes time').innerText()).to.equal('2025-12-22 08:00');
      await expectNoError(page);

      await page.locator('#back-link').click();
      page.once('dialog', (dialog) => void dialog.accept());
      await page
        .locator(`#runs-list tr[data-run="${id}"]`)
        .getByRole('button', { name: `End run ${id}` })
        .click();
      const ended = page.locator(`#ended-runs tr[data-ended-run="${id}"]`);
      await ended.waitFor({ timeout: 5_000 });
      await ended.getByRole('link', { name: `Report of run ${id}` }).click();
      await page.waitForURL((target) => target.pathname === `/r/${id}/report`);
      expect(await page.locator('.note-list li').innerText()).to.include('waited for legal');
      expect(await page.locator('svg.timeline g.tl-note').count()).to.equal(1);
    });
  });

  describe('driving a run', () => {
    it("pauses and plays the run from the transport buttons, and a viewer's page follows without reload", async () => {
      const { page, id, run } = await consoleWithRun('replay');
      const state = page.locator('#run-clock-state');
      expect(await page.getByRole('link', { name: /^Report/ }).getAttribute('href')).to.equal(`/r/${id}/report`);

      await page.getByRole('button', { name: 'Pause' }).click();
      await page.locator('#run-clock-state', { hasText: 'Paused' }).waitFor({ timeout: 5_000 });
      expect(run.clock.playing).to.equal(false);
      const viewer = await newPage();
      await viewer.goto(`${url}/r/${id}?lang=en`);
      const viewerState = viewer.locator('[data-clock="state"]');
      expect(await viewerState.innerText()).to.equal('paused');
      const shownTime = await viewer.locator('[data-clock="time"]').innerText();

      await page.getByRole('button', { name: 'Play' }).click();
      await page.locator('#run-clock-state', { hasText: 'Playing' }).waitFor({ timeout: 5_000 });
      expect(run.clock.playing).to.equal(true);
      await viewer.locator('[data-clock="state"]', { hasText: 'playing' }).waitFor({ timeout: 2_000 });
      // At 60x the story moves a minute per wall second: the viewer's clock ticks on by itself.
      const deadline = Date.now() + 3_000;
      while ((await viewer.locator('[data-clock="time"]').innerText()) === shownTime) {
        if (Date.now() > deadline) throw new Error(`the viewer's clock stayed at ${shownTime}`);
        await new Promise((done) => setTimeout(done, 100));
      }
      expect(await state.innerText()).to.include('60×');
      await expectNoError(page);
    });

    it("changes a public viewer's page, without reloading, when the facilitator steps to the next entry", async () => {
      const { page, id, run } = await consoleWithRun('replay');
      await page.getByRole('button', { name: 'Restart' }).click();
      await page.locator('#run-clock', { hasText: '06:00:00' }).waitFor({ timeout: 5_000 });
      expect([run.clock.offset(), run.clock.playing]).to.deep.equal([0, false]);

      const viewer = await newPage();
      await viewer.goto(`${url}/r/${id}?lang=en`);
      await viewer.evaluate(() => {
        (globalThis as typeof globalThis & { __marker?: number }).__marker = 1;
      });
      const laposte = viewer
        .locator('.channel')
        .filter({ has: viewer.locator('.channel-name', { hasText: /^laposte\.fr website/ }) });
      expect(await laposte.locator('.channel-status').innerText()).to.include('Operational');
      expect(await viewer.locator('[data-clock="time"]').innerText()).to.equal('06:00');

      await page.getByRole('button', { name: 'Step next' }).click();
      // The first entry after 06:00 is at 06:15: laposte.fr degraded, which the page follows in replay mode.
      await laposte.locator('.channel-status', { hasText: 'Degraded performance' }).waitFor({ timeout: 5_000 });
      expect(await viewer.locator('[data-clock="time"]').innerText()).to.equal('06:15');
      expect(await viewer.evaluate(() => (globalThis as typeof globalThis & { __marker?: number }).__marker)).to.equal(
        1,
      );
      await page.locator('#run-clock', { hasText: '06:15:00' }).waitFor({ timeout: 5_000 });
      await expectNoError(page);
    });

    it('seeks to a story time typed in the box', async () => {
      const { page, run } = await consoleWithRun('replay');
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.getByLabel('Go to story time').fill('2025-12-22T10:00+01:00');
      await page.getByRole('button', { name: 'Go', exact: true }).click();
      await page.locator('#run-clock', { hasText: '10:00:00' }).waitFor({ timeout: 5_000 });
      expect(run.clock.offset()).to.equal(4 * 3_600_000);
    });

    it('seeks where the scrubber is clicked', async () => {
      const { page, run } = await consoleWithRun('replay');
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.locator('#run-clock-state', { hasText: 'Paused' }).waitFor({ timeout: 5_000 });
      const box = await page.locator('#scrubber-markers').boundingBox();
      if (box === null) throw new Error('no scrubber');
      // Below the lanes' markers, on the track itself, halfway along.
      await page.mouse.click(box.x + box.width / 2, box.y + box.height - 2);
      const half = run.scenario.durationMs / 2;
      const deadline = Date.now() + 5_000;
      while (Math.abs(run.clock.offset() - half) > run.scenario.durationMs * 0.01 && Date.now() < deadline)
        await new Promise((done) => setTimeout(done, 50));
      expect(run.clock.offset()).to.be.closeTo(half, run.scenario.durationMs * 0.01);
    });

    it('shows a channel set to another actual status as differing from the published one, and logs it', async () => {
      const { page } = await consoleWithRun('exercise');
      await page.getByLabel('Channel', { exact: true }).selectOption('lbp-atm');
      await page.getByLabel('Actual status', { exact: true }).selectOption('major_outage');
      await page.getByRole('button', { name: 'Set actual status' }).click();

      const row = page.locator('#channels tr[data-channel="lbp-atm"]');
      await page.locator('#channels tr.diverges[data-channel="lbp-atm"]').waitFor({ timeout: 5_000 });
      const cells = await row.locator('td').allInnerTexts();
      expect(cells[0]).to.include('Major outage');
      expect(cells[1]).to.include('Operational');
      expect(cells[2]).to.include('differs');
      expect(await page.locator('#channels-summary').innerText()).to.equal(
        '1 channel differs between actual and published.',
      );
      expect(await page.locator('#log li').first().innerText()).to.include('set lbp-atm to major_outage');
      expect(await page.locator('#notice').innerText()).to.equal(
        'Cash machine withdrawals: actual status set to Major outage.',
      );
      await expectNoError(page);
    });

    it("publishes a responder's draft when the facilitator approves it", async () => {
      const { page, id, run } = await consoleWithRun('exercise');
      await page.locator('#run').getByLabel('Require approval of responders’ updates').check();
      await page.locator('#notice', { hasText: 'now wait for your approval' }).waitFor({ timeout: 5_000 });
      expect(app.control.drafts.requiresApproval(id)).to.equal(true);

      const responder = { role: 'responder' as const, name: 'Alex', run: id, code: 'test-code' };
      dispatch(app.control, { principal: responder, lang: 'en' }, 'runs:publish', {
        run: id,
        update: {
          incident: 'outage',
          title: { en: 'Online services unavailable' },
          status: 'investigating',
          impact: 'major',
          body: { en: 'Our websites and apps are unavailable. Card payments in shops work.' },
        },
      });
      const draft = page.locator('#drafts .draft-pending');
      await draft.waitFor({ timeout: 5_000 });
      expect(await draft.innerText())
        .to.include('Alex')
        .and.include('Card payments in shops work.');

      await draft.getByRole('button', { name: 'Approve and publish' }).click();
      await page.locator('#incidents', { hasText: 'Online services unavailable' }).waitFor({ timeout: 5_000 });
      expect(run.appliedState().incidents.map((incident) => incident.id)).to.deep.equal(['outage']);
      expect(await page.locator('#drafts .draft-pending').count()).to.equal(0);
      await expectNoError(page);
    });

    it('says what went wrong when the server refuses an action', async () => {
      const { page } = await consoleWithRun('replay');
      await page.getByLabel('Go to story time').fill('next tuesday');
      await page.getByRole('button', { name: 'Go', exact: true }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 5_000 });
      expect(await alert.innerText()).to.match(/^Error: .*next tuesday/);
    });
  });

  describe('accessibility', () => {
    it('has no serious or critical axe-core violation in the lobby', async () => {
      // The page's CSP refuses inline scripts, rightly; only the audit's own script is let in.
      const page = await openConsole({ bypassCSP: true });
      await createRun(page, 'replay');
      await page.locator('#runs-list tbody tr').waitFor({ timeout: 5_000 });
      await expectNoGraveAxeViolations(page);
    });

    (['light', 'dark'] as const).forEach((colorScheme) => {
      it(`has no serious or critical axe-core violation with a run open (${colorScheme})`, async () => {
        const { page } = await consoleWithRun('exercise', { colorScheme, bypassCSP: true });
        await page.getByLabel('Channel', { exact: true }).selectOption('lbp-atm');
        await page.getByLabel('Actual status', { exact: true }).selectOption('major_outage');
        await page.getByRole('button', { name: 'Set actual status' }).click();
        await page.getByRole('button', { name: 'Create code' }).click();
        await page.locator('#codes .code').waitFor({ timeout: 5_000 });
        await expectNoGraveAxeViolations(page);
      });
    });
  });

  describe('screenshots', () => {
    before(() => mkdirSync(SCREENSHOTS, { recursive: true }));

    const shots: Array<{ width: number; height: number; colorScheme: 'light' | 'dark' }> = [
      { width: 1280, height: 800, colorScheme: 'light' },
      { width: 390, height: 844, colorScheme: 'light' },
      { width: 1280, height: 800, colorScheme: 'dark' },
    ];
    [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ].forEach(({ width, height }) => {
      const file = `console-lobby-${width}.png`;
      it(`fits ${width} px without sideways scrolling in the lobby (${file})`, async () => {
        const page = await openConsole({ viewport: { width, height } });
        await createRun(page, 'replay');
        await page.getByLabel('On a schedule (cron)').check();
        await page.getByLabel('Cron expression').fill('0 9 * * 1');
        await page.getByRole('button', { name: 'Create run' }).click();
        await page.locator('#schedules tbody tr').waitFor({ timeout: 5_000 });
        await page.screenshot({ path: resolve(SCREENSHOTS, file), fullPage: true, animations: 'disabled' });
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(width);
      });
    });

    shots.forEach(({ width, height, colorScheme }) => {
      const file = `console-${width}${colorScheme === 'dark' ? '-dark' : ''}.png`;
      it(`fits ${width} px without sideways scrolling with a run open (${colorScheme}; ${file})`, async () => {
        const { page } = await consoleWithRun('exercise', { viewport: { width, height }, colorScheme });
        await page.getByRole('button', { name: 'Pause' }).click();
        await page.getByLabel('Go to story time').fill('+4h');
        await page.getByRole('button', { name: 'Go', exact: true }).click();
        await page.locator('#run-clock', { hasText: '10:00:00' }).waitFor({ timeout: 5_000 });
        await page.getByLabel('Channel', { exact: true }).selectOption('lbp-atm');
        await page.getByLabel('Actual status', { exact: true }).selectOption('major_outage');
        await page.getByRole('button', { name: 'Set actual status' }).click();
        await page.locator('#channels tr.diverges').first().waitFor({ timeout: 5_000 });
        await page.screenshot({ path: resolve(SCREENSHOTS, file), fullPage: true, animations: 'disabled' });
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(width);
      });
    });
  });
});
