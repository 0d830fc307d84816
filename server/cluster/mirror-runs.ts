/**
 * The runs of a cluster as a process that does not own them serves them: each is the latest
 * publication of the leader (see `state-channel.ts`), its clock carried forward to now. And the
 * runs a process of a cluster serves whatever its role: its own while it leads, the mirrors while
 * it follows.
 */
import type { LibraryEntry } from '../scenario/library.js';
import type { Scenario } from '../scenario/compile.js';
import type { Visibility } from '../replay/run-options.js';
import type { ClockView } from '../replay/run-views.js';
import type { StatusModel } from '../status/status-model.js';
import { clockAt, type PublicRun, type PublicRuns, type Reach } from '../status/public-run.js';
import type { RunPublication } from './state-channel.js';

/** What the leader publishes of a run. */
export type PublishedRun = RunPublication<StatusModel>;

/** Where the latest publications are read (a `StateReplica`). */
export interface PublicationSource {
  get(id: string): PublishedRun | undefined;
  list(): PublishedRun[];
  on(event: 'changed', listener: (run: PublishedRun, how: 'live' | 'reload') => void): unknown;
}

/** One run as this process mirrors it: one object per instance, its publication updated in place. */
class MirrorRun implements PublicRun {
  constructor(
    public publication: PublishedRun,
    readonly scenario: Scenario,
    private readonly now: () => number,
  ) {}

  get id(): string {
    return this.publication.id;
  }
  get instance(): string {
    return this.publication.instance;
  }
  get visibility(): Visibility {
    return this.publication.visibility as Visibility;
  }
  get version(): number {
    return this.publication.version;
  }
  model(): StatusModel {
    return { ...this.publication.model, clock: this.clock() };
  }
  clock(): ClockView {
    return clockAt(this.publication.model.clock, this.scenario.startsAtMs, this.now());
  }
}

/**
 * The leader's runs as published. Changes heard live reach this process's viewers through the
 * socket.io Redis adapter, from the leader; the publications read again after Redis was away are
 * told (reach `here`), since the viewers of this process missed what happened meanwhile.
 */
export function mirrorRuns(
  source: PublicationSource,
  library: readonly LibraryEntry[],
  now: () => number = Date.now,
): PublicRuns {
  const mirrors = new Map<string, MirrorRun>();
  const mirrorOf = (publication: PublishedRun | undefined): MirrorRun | undefined => {
    if (publication === undefined) return undefined;
    const held = mirrors.get(publication.id);
    if (held?.instance === publication.instance) {
      held.publication = publication;
      return held;
    }
    const entry = library.find((e) => e.id === publication.scenario);
    // A scenario this process does not have (or finds broken) cannot be shown by it.
    if (entry === undefined || !entry.result.ok) return undefined;
    const made = new MirrorRun(publication, entry.result.scenario, now);
    mirrors.set(publication.id, made);
    return made;
  };
  const listeners = new Set<(run: PublicRun, reach: Reach) => void>();
  source.on('changed', (publication: PublishedRun, how: 'live' | 'reload') => {
    const held = mirrors.get(publication.id)?.instance;
    const mirror = mirrorOf(publication);
    if (mirror === undefined) return;
    // A reload follows an outage of Redis; a new instance, a hand-over, whose news the new
    // leader's relay may have brought this process's viewers before the publication itself
    // (another Redis channel), so that those who joined again then got the old instance.
    if (how === 'reload' || (held !== undefined && held !== mirror.instance))
      for (const listener of listeners) listener(mirror, 'here');
  });
  return {
    get: (id) => {
      const mirror = mirrorOf(source.get(id));
      if (mirror === undefined) mirrors.delete(id);
      return mirror;
    },
    listed: () =>
      source
        .list()
        .filter((p) => p.visibility === 'public')
        .flatMap((p) => mirrorOf(p) ?? []),
    list: () => source.list().flatMap((p) => mirrorOf(p) ?? []),
    onChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The runs a process of a cluster serves: its own while `leading()` says it leads, the leader's
 * as mirrored otherwise. `resync()` tells every listener of every run now served, for the moment
 * the role changes: viewers then learn the runs' new instances.
 */
export function roleRuns(
  own: PublicRuns,
  mirrored: PublicRuns,
  leading: () => boolean,
): PublicRuns & { resync(): void } {
  const current = (): PublicRuns => (leading() ? own : mirrored);
  const listeners = new Set<(run: PublicRun, reach: Reach) => void>();
  own.onChanged((run, reach) => {
    if (leading()) listeners.forEach((listener) => listener(run, reach));
  });
  mirrored.onChanged((run, reach) => {
    if (!leading()) listeners.forEach((listener) => listener(run, reach));
  });
  return {
    get: (id) => current().get(id),
    listed: () => current().listed(),
    list: () => current().list(),
    onChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    resync: () => {
      const reach: Reach = leading() ? 'everywhere' : 'here';
      // Unlisted runs too: their viewers came by their link.
      for (const run of current().list()) listeners.forEach((listener) => listener(run, reach));
    },
  };
}
