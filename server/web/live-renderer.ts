/**
 * Renders the live region of the status page, synchronously, from the same template the page
 * includes, and keeps the result per run, version and language: many viewers, one rendering. A
 * change is told as the parts that differ from the version before, when that one is still kept.
 */
import type ejs from 'ejs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import type { Language } from '../scenario/vocabulary.js';
import type { StatusChange, StatusSnapshot } from '../events.js';
import type { PublicRun } from '../status/public-run.js';
import { clockTexts, pageView } from '../status/page-view.js';
import { compileView } from './view-template.js';
import { changedParts, splitLive, type SplitLive } from './live-parts.js';

/** Versions kept per run (times languages): only the latest few are ever asked for. */
const MAX_ENTRIES = 8;

/** One version of the live region in one language. */
interface Rendered {
  html: string;
  announcement: string;
  /** Made when a change needs it. */
  split?: SplitLive;
  /** The JSON members of the markup and the announcement, made when a snapshot is first encoded. */
  json?: string;
}

/** Builds snapshots and changes of runs for viewers. */
export class LiveRenderer {
  private readonly template: ejs.TemplateFunction;
  /** Keyed by the run itself, so a run recreated under the same id never gets old markup. */
  private readonly cache = new WeakMap<PublicRun, Map<string, Rendered>>();

  constructor(viewsDir = resolve(PROJECT_ROOT, 'views')) {
    this.template = compileView('partials/status-live', viewsDir);
  }

  /**
   * The snapshot of `run` in `lang` now: the markup of its version, rendered once, and a fresh
   * clock. Thousands of viewers joining at once cost one rendering and thousands of clock reads.
   */
  snapshot(run: PublicRun, lang: Language): StatusSnapshot {
    let forRun = this.cache.get(run);
    if (forRun === undefined) {
      forRun = new Map();
      this.cache.set(run, forRun);
    }
    let rendered = forRun.get(`${run.version}\u0000${lang}`);
    if (rendered === undefined) {
      const model = run.model();
      const view = pageView(model, lang, model.clock.offsetMs);
      rendered = { html: this.template({ v: view }), announcement: view.announcement };
      // Under the version the model shows: building it may have caught the run up with its clock.
      forRun.set(`${model.version}\u0000${lang}`, rendered);
      if (forRun.size > MAX_ENTRIES) forRun.delete(forRun.keys().next().value as string);
    }
    const clock = run.clock();
    return {
      run: run.id,
      instance: run.instance,
      version: run.version,
      lang,
      clock: {
        offsetMs: clock.offsetMs,
        speed: clock.speed,
        playing: clock.playing,
        ended: clock.ended,
        startsAtMs: run.scenario.startsAtMs,
        durationMs: run.scenario.durationMs,
        timeZone: run.scenario.timeZone,
        texts: (({ speedText, state }) => ({ speed: speedText, state }))(clockTexts(clock, lang)),
      },
      html: rendered.html,
      announcement: rendered.announcement,
    };
  }

  /**
   * The JSON of `snapshot(run, lang)`, member for member, as `head + tail`: the head with the
   * fresh clock, the tail (the markup and the announcement) made once per version and the same
   * string for every viewer of it. A joining viewer costs a clock read and a concatenation, not
   * the encoding of the whole region (0.1 ms for the La Poste page).
   */
  snapshotJson(run: PublicRun, lang: Language): { version: number; head: string; tail: string } {
    const { html, announcement, ...head } = this.snapshot(run, lang);
    const rendered = this.cache.get(run)?.get(`${head.version}\u0000${lang}`);
    const tail = (): string => `"html":${JSON.stringify(html)},"announcement":${JSON.stringify(announcement)}}`;
    return {
      version: head.version,
      head: `${JSON.stringify(head).slice(0, -1)},`,
      tail: rendered?.html === html ? (rendered.json ??= tail()) : tail(),
    };
  }

  /**
   * The change that brought `run` to its version, in `lang`: its snapshot, with only the parts
   * that differ from the version before when that version's markup is still kept and had the same
   * frame. A viewer holding the version before gets the same markup either way.
   */
  change(run: PublicRun, lang: Language): StatusChange {
    const { html, ...snapshot } = this.snapshot(run, lang);
    const forRun = this.cache.get(run);
    const now = forRun?.get(`${snapshot.version}\u0000${lang}`);
    const before = forRun?.get(`${snapshot.version - 1}\u0000${lang}`);
    if (now === undefined || before === undefined) return { ...snapshot, html };
    const parts = changedParts((before.split ??= splitLive(before.html)), (now.split ??= splitLive(now.html)));
    return parts === undefined ? { ...snapshot, html } : { ...snapshot, parts };
  }
}
