/**
 * A small valid scenario as YAML text, and helpers to break it one edit at a time. Tests assert
 * that problems point at the line where the offending text is.
 */
import { parseScenario, type LoadResult } from '../../server/scenario/load.js';
import type { Scenario } from '../../server/scenario/compile.js';

/** The file name fixtures are loaded under; its id is `fixture`. */
export const FIXTURE_FILE = 'scenarios/fixture.yaml';

/** A valid scenario exercising every entry kind. */
export const FIXTURE_YAML = `schema: statusdrill/v1
id: fixture
title: { fr: Essai, en: Test }
summary: { fr: Un scénario d'essai., en: A test scenario. }
timeZone: Europe/Paris
startsAt: 2025-12-22T06:00:00+01:00
endsAt: 2025-12-22T18:00:00+01:00
languages: [fr, en]
sources:
  - { id: S1, title: Dépêche, date: 2025-12-22 }
  - { id: S11, title: Article, date: 2025-12-22 }
groups:
  - { id: lbp-online, organisation: La Banque Postale, name: { fr: En ligne, en: Online } }
  - { id: lbp-pay, organisation: La Banque Postale, name: { fr: Paiements, en: Payments } }
channels:
  - { id: lbp-web, group: lbp-online, name: { fr: Banque en ligne, en: Online banking } }
  - { id: lbp-app, group: lbp-online, name: { fr: Appli, en: App } }
  - { id: lbp-atm, group: lbp-pay, name: { fr: DAB, en: ATMs } }
commsPolicy: { firstUpdateWithin: 15m, maxGap: 30m }
timeline:
  - at: 2025-12-22T07:00+01:00
    actual: { lbp-web: major_outage, lbp-app: major_outage }
    source: S11
  - at: +1h15m
    update:
      incident: ddos
      title: { fr: Incident, en: Incident }
      status: investigating
      impact: major
      channels: { lbp-web: major_outage }
      body: { fr: Nous enquêtons., en: We are investigating. }
  - at: +1h20m
    inject: { channel: press, from: AFP, body: { fr: Une question ?, en: A question? } }
  - at: +1h30m
    prompt: { fr: Que dire ?, en: What do we say? }
  - at: +1h
    expect: { id: first-update, kind: first-update, within: 15m }
  - at: +10h
    actual: { lbp-web: operational, lbp-app: operational }
    assumption: recovery time chosen for the test
  - at: +10h30m
    update:
      incident: ddos
      status: resolved
      channels: { lbp-web: operational }
      body: { fr: Rétabli., en: Restored. }
`;

/**
 * The fixture as `broken.yaml`, with one problem: the channel `lbp-app` mistyped `lbp-ap` in the
 * first actual entry, so validators must answer 'did you mean "lbp-app"?'.
 */
export const BROKEN_FIXTURE_YAML = FIXTURE_YAML.replace('id: fixture', 'id: broken').replace(
  'lbp-app: major_outage',
  'lbp-ap: major_outage',
);

/** The fixture with `find` replaced by `replace`; throws if `find` is absent, so cases stay honest. */
export function edit(find: string | RegExp, replace: string, text = FIXTURE_YAML): string {
  const result = text.replace(find, replace);
  if (result === text) throw new Error(`fixture edit found nothing to replace for ${String(find)}`);
  return result;
}

/** 1-based line of the first line containing `needle` (the `from`-th occurrence). */
export function lineOf(text: string, needle: string, from = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.includes(needle) && ++seen === from) return i + 1;
  }
  throw new Error(`"${needle}" not in the text`);
}

/** Loads scenario text as if it were `file`. */
export function load(text: string, file = FIXTURE_FILE): LoadResult {
  return parseScenario(text, file);
}

/** Loads scenario text that must be valid, and returns the scenario. */
export function loadValid(text: string = FIXTURE_YAML, file = FIXTURE_FILE): Scenario {
  const result = load(text, file);
  if (!result.ok)
    throw new Error(
      `fixture is invalid:\n${result.problems.map((p) => `${p.line}:${p.column} ${p.path} ${p.message}`).join('\n')}`,
    );
  return result.scenario;
}
