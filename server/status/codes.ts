/** Stable public ids, Statuspage-style: 12 lowercase characters derived from what they name. */
import { createHash } from 'node:crypto';

/** The same run, kind and id always give the same code, and different ones differ. */
export function publicCode(
  run: string,
  kind: 'page' | 'group' | 'channel' | 'incident' | 'update',
  id: string,
): string {
  return createHash('sha256').update(`${run}\u0000${kind}\u0000${id}`).digest('hex').slice(0, 12);
}
