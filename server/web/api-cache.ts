/**
 * Serialized API and feed bodies, kept per run for the run's current version. A run's public
 * content changes only when its version does, so a body made once serves every request until
 * then; its strong ETag lets clients revalidate for free.
 */
import { createHash } from 'node:crypto';
import type { PublicRun } from '../status/public-run.js';

/** A response body ready to send, and its strong ETag. */
export interface CachedBody {
  body: string;
  etag: string;
}

/** How a body is identified within one version of one run. */
export interface BodyKey {
  /** `summary.json`, `history.atom`, … */
  endpoint: string;
  lang: string;
  baseUrl: string;
}

/** Bodies of one run at one version. */
interface RunBodies {
  version: number;
  bodies: Map<string, CachedBody>;
}

/**
 * Per-run caches of serialized bodies. Each run keeps only its current version's bodies, at most
 * `perRun` of them (the oldest goes first: the base URL comes from the Host header, so its
 * variety is the client's to choose). Keyed by the run object itself, so a run that is ended and
 * recreated under the same id never sees the old run's bodies, and a forgotten run's cache goes
 * with it.
 */
export class ResponseCache {
  private readonly runs = new WeakMap<PublicRun, RunBodies>();

  constructor(private readonly perRun = 64) {}

  /**
   * The body for `key` at `version`, made by `make` when absent. `make` returns the version its
   * body shows (building a view may catch the run up with its clock), and the body is kept under
   * that version.
   */
  get(run: PublicRun, version: number, key: BodyKey, make: () => { version: number; body: string }): CachedBody {
    const id = `${key.endpoint}\u0000${key.lang}\u0000${key.baseUrl}`;
    const current = this.runs.get(run);
    const hit = current?.version === version ? current.bodies.get(id) : undefined;
    if (hit !== undefined) return hit;
    const made = make();
    const cached = { body: made.body, etag: strongEtag(run.id, made.version, key.lang, made.body) };
    let slot = this.runs.get(run);
    if (slot === undefined || slot.version !== made.version) {
      slot = { version: made.version, bodies: new Map() };
      this.runs.set(run, slot);
    }
    slot.bodies.set(id, cached);
    if (slot.bodies.size > this.perRun) slot.bodies.delete(slot.bodies.keys().next().value as string);
    return cached;
  }
}

/** `"<run>-<version>-<lang>-<hash of the body>"`. */
export function strongEtag(run: string, version: number, lang: string, body: string): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return `"${run}-${version}-${lang}-${hash}"`;
}

/**
 * Whether an `If-None-Match` header matches `etag`: `*`, or any listed tag, compared weakly as
 * RFC 9110 requires for this header (a `W/` prefix is ignored).
 */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
