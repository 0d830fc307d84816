/**
 * What the public surfaces (the status page, the Statuspage API, the feeds, the viewers' socket)
 * read of a run, wherever the run lives: a run of this process, or, in a cluster, a run the leader
 * owns and this process mirrors from what it publishes. They never reach the run itself, so a
 * process that owns no run serves them all the same.
 */
import type { Scenario } from '../scenario/compile.js';
import type { Visibility } from '../replay/run-options.js';
import type { Run } from '../replay/run.js';
import { clockView, type ClockView } from '../replay/run-views.js';
import { formatInZone } from '../scenario/time.js';
import { statusModel, type StatusModel } from './status-model.js';

/** A run as the public may see it. */
export interface PublicRun {
  readonly id: string;
  /**
   * Made anew with each run object: a run recreated under the same id, or brought back by
   * another process, has a new instance, and its versions start again.
   */
  readonly instance: string;
  readonly scenario: Scenario;
  readonly visibility: Visibility;
  /** Increments on every change to what viewers see. */
  readonly version: number;
  /** The public model now, its clock included. */
  model(): StatusModel;
  /** The story clock now. */
  clock(): ClockView;
}

/**
 * Whose viewers a change must be brought to by this process: `everywhere`, a change of a run this
 * process owns (its own viewers, and in a cluster every other process's); `here`, this process's
 * viewers only (a process catching up with the leader after missing its changes).
 */
export type Reach = 'everywhere' | 'here';

/** The runs the public surfaces serve. */
export interface PublicRuns {
  get(id: string): PublicRun | undefined;
  /** The runs listed on `/`, oldest first. */
  listed(): PublicRun[];
  /** Every run, unlisted ones too, oldest first. */
  list(): PublicRun[];
  /** Calls `listener` after every public change this process must deliver, now or later; returns what stops it. */
  onChanged(listener: (run: PublicRun, reach: Reach) => void): () => void;
}

/** What the public surfaces need of the registry of this process's runs. */
export interface LocalRegistry {
  get(id: string): Run | undefined;
  listed(): Run[];
  list(): Run[];
  onCreate(listener: (run: Run) => void): void;
}

const views = new WeakMap<Run, PublicRun>();

/** The public side of a run of this process: one object per run, so caches can be keyed by it. */
export function publicRunOf(run: Run): PublicRun {
  let view = views.get(run);
  if (view === undefined) {
    view = {
      id: run.id,
      instance: run.instance,
      scenario: run.scenario,
      visibility: run.visibility,
      get version() {
        return run.version;
      },
      model: () => statusModel(run),
      clock: () => clockView(run),
    };
    views.set(run, view);
  }
  return view;
}

/** The runs of this process, as the public surfaces read them. */
export function localPublicRuns(registry: LocalRegistry): PublicRuns {
  return {
    get: (id) => {
      const run = registry.get(id);
      return run === undefined ? undefined : publicRunOf(run);
    },
    listed: () => registry.listed().map(publicRunOf),
    list: () => registry.list().map(publicRunOf),
    onChanged: (listener) => {
      let stopped = false;
      const follow = (run: Run): void => {
        const view = publicRunOf(run);
        run.on('changed', () => {
          if (!stopped) listener(view, 'everywhere');
        });
      };
      registry.list().forEach(follow);
      registry.onCreate(follow);
      return () => {
        stopped = true;
      };
    },
  };
}

/**
 * The clock a view left at wall time `view.wallMs`, as it stands at `nowMs`: a playing clock has
 * moved on by the elapsed time times its speed, up to the end of the story.
 */
export function clockAt(view: ClockView, startsAtMs: number, nowMs: number): ClockView {
  if (!view.playing) return view;
  const offsetMs = Math.min(
    view.durationMs,
    Math.max(0, view.offsetMs + Math.floor((nowMs - view.wallMs) * view.speed)),
  );
  if (offsetMs === view.offsetMs) return view;
  return {
    ...view,
    offsetMs,
    storyTime: formatInZone(startsAtMs + offsetMs, view.timeZone),
    ended: offsetMs >= view.durationMs,
    wallMs: view.wallMs + (offsetMs - view.offsetMs) / view.speed,
  };
}
