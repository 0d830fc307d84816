/**
 * Renders the live region of the status page, synchronously, from the same template the page
 * includes, and keeps the result per run, version and language: many viewers, one rendering.
 */
import type ejs from 'ejs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import type { Language } from '../scenario/vocabulary.js';
import type { Run } from '../replay/run.js';
import type { StatusSnapshot } from '../events.js';
import { statusModel } from '../status/status-model.js';
import { pageView } from '../status/page-view.js';
import { compileView } from './view-template.js';

/** Versions kept per run (times languages): only the latest few are ever asked for. */
const MAX_ENTRIES = 8;

/** Builds snapshots of runs for viewers. */
export class LiveRenderer {
  private readonly template: ejs.TemplateFunction;
  /** Keyed by the run itself, so a run recreated under the same id never gets old markup. */
  private readonly cache = new WeakMap<Run, Map<string, { html: string; announcement: string }>>();

  constructor(viewsDir = resolve(PROJECT_ROOT, 'views')) {
    this.template = compileView('partials/status-live', viewsDir);
  }

  /** The snapshot of `run` in `lang` now: cached markup for its version, a fresh clock. */
  snapshot(run: Run, lang: Language): StatusSnapshot {
    const model = statusModel(run);
    const view = pageView(model, lang, model.clock.offsetMs);
    const key = `${model.version}\u0000${lang}`;
    let forRun = this.cache.get(run);
    if (forRun === undefined) {
      forRun = new Map();
      this.cache.set(run, forRun);
    }
    let rendered = forRun.get(key);
    if (rendered === undefined) {
      rendered = { html: this.template({ v: view }), announcement: view.announcement };
      forRun.set(key, rendered);
      if (forRun.size > MAX_ENTRIES) forRun.delete(forRun.keys().next().value as string);
    }
    return {
      run: run.id,
      version: model.version,
      lang,
      clock: {
        offsetMs: model.clock.offsetMs,
        speed: model.clock.speed,
        playing: model.clock.playing,
        ended: model.clock.ended,
        startsAtMs: model.page.startsAtMs,
        durationMs: model.page.durationMs,
        timeZone: model.page.timeZone,
        texts: { speed: view.clock.speedText, state: view.clock.state },
      },
      ...rendered,
    };
  }
}
