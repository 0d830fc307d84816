/**
 * The live region of the status page as parts. The template marks each part (the indicator, the
 * at-a-glance lists, each incident, each group of channels, each availability strip) as one
 * element with a `data-part` key, between `<!--part:KEY-->` and `<!--/part-->`; the rest is the
 * frame. A change then carries only the parts whose markup changed, as long as the frame did not
 * (same headings, same number of incidents, groups and strips); otherwise the whole region. The
 * markers cannot come from a scenario's or a responder's text: every text is escaped, `<` included.
 */
import type { LivePart } from '../events.js';

/** A rendering of the live region, split. */
export interface SplitLive {
  /** The markup with each part's element left out (its markers stay). */
  frame: string;
  parts: Map<string, string>;
}

const PART = /<!--part:([a-z0-9-]+)-->([\s\S]*?)<!--\/part-->/g;

/** Splits the markup of the live region into its frame and its parts. */
export function splitLive(html: string): SplitLive {
  const parts = new Map<string, string>();
  const frame = html.replace(PART, (_whole, key: string, element: string) => {
    parts.set(key, element);
    return `<!--part:${key}--><!--/part-->`;
  });
  return { frame, parts };
}

/**
 * The parts that differ from `before` to `after`, or `undefined` when the frames differ and only
 * the whole region says what changed.
 */
export function changedParts(before: SplitLive, after: SplitLive): LivePart[] | undefined {
  if (before.frame !== after.frame) return undefined;
  const changed: LivePart[] = [];
  for (const [key, html] of after.parts) if (before.parts.get(key) !== html) changed.push({ key, html });
  return changed;
}

/** The markup of the live region after `parts` replaced theirs in `html` (as the page's script does). */
export function applyParts(html: string, parts: readonly LivePart[]): string {
  const byKey = new Map(parts.map((part) => [part.key, part.html]));
  return html.replace(PART, (whole, key: string) => {
    const replacement = byKey.get(key);
    return replacement === undefined ? whole : `<!--part:${key}-->${replacement}<!--/part-->`;
  });
}
