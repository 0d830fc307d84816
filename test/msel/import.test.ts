import { expect } from 'chai';
import { COLUMNS } from '../../server/msel/columns.js';
import { readSheet, writeSheet } from '../../server/msel/csv.js';
import { formatSheetProblem, importTimeline } from '../../server/msel/import.js';
import { mergeTimeline } from '../../server/msel/merge.js';
import { FIXTURE_FILE, FIXTURE_YAML } from '../support/scenario-fixture.js';

/** A sheet of the given rows (column name to cell) under the full header. */
function sheetOf(rows: Array<Record<string, string>>): string {
  return writeSheet(
    COLUMNS,
    rows.map((row) => COLUMNS.map((column) => row[column] ?? '')),
  );
}

/** Every problem of importing the rows into the fixture scenario, sheet problems first, as printed. */
function problemsOf(csv: string): string[] {
  const imported = importTimeline(readSheet(csv));
  const merged = mergeTimeline(FIXTURE_YAML, FIXTURE_FILE, imported);
  return [...imported.problems, ...merged.sheetProblems].map(formatSheetProblem).concat(merged.fileProblems);
}

const actual = { time: '+1h', kind: 'actual', channels: 'lbp-web=major_outage', sources: 'S1' };
const opening = {
  time: '+1h',
  kind: 'update',
  incident: 'ddos',
  title_fr: 'Panne',
  title_en: 'Outage',
  stage: 'investigating',
  impact: 'major',
  body_fr: 'Nous enquêtons.',
  body_en: 'We are investigating.',
};

describe('MSEL import', () => {
  it('reads a valid sheet into the fixture without a problem', () => {
    expect(problemsOf(sheetOf([actual, opening]))).to.deep.equal([]);
  });

  const cases: Array<{ name: string; input: string; expected: string }> = [
    {
      name: 'a time in a spreadsheet date format',
      input: sheetOf([actual, { ...actual, time: '22/12 06:15' }]),
      expected:
        'row 3, column "time": "22/12 06:15" is not a date-time with offset such as 2025-12-22T07:00+01:00, or an offset such as +1h15m',
    },
    {
      name: 'a mistyped kind',
      input: sheetOf([{ ...actual, kind: 'acutal' }]),
      expected:
        'row 2, column "kind": "acutal" is not one of actual, update, inject, prompt, expect, on-missed; did you mean "actual"?',
    },
    {
      name: 'a status outside the vocabulary',
      input: sheetOf([{ ...actual, channels: 'lbp-web=down' }]),
      expected:
        'row 2, column "channels": "down" (for lbp-web) is not one of operational, degraded_performance, partial_outage, major_outage, under_maintenance',
    },
    {
      name: 'a channel without a status',
      input: sheetOf([{ ...actual, channels: 'lbp-web major_outage' }]),
      expected: 'row 2, column "channels": "lbp-web major_outage" is not channel=status, e.g. lbp-web=major_outage',
    },
    {
      name: 'a stage misspelled',
      input: sheetOf([{ ...opening, stage: 'investigatin' }]),
      expected:
        'row 2, column "stage": "investigatin" is not one of investigating, identified, monitoring, resolved, postmortem; did you mean "investigating"?',
    },
    {
      name: 'a cell filled in a column the kind does not use',
      input: sheetOf([
        { time: '+1h', kind: 'prompt', body_fr: 'Que dire ?', body_en: 'What to say?', impact: 'major' },
      ]),
      expected: 'row 2, column "impact": prompt rows leave "impact" empty',
    },
    {
      name: 'a sender given both for all languages and per language',
      input: sheetOf([
        { time: '+1h', kind: 'inject', delivery: 'press', from: 'AFP', from_fr: 'AFP', body_fr: 'Q ?', body_en: 'Q?' },
      ]),
      expected: 'row 2, column "from": give "from" for every language, or from_fr and from_en, not both',
    },
    {
      name: 'an on-missed row with no expect row above it',
      input: sheetOf([
        actual,
        { kind: 'on-missed', delivery: 'phone', from: 'AFP', body_fr: 'Allô ?', body_en: 'Hello?' },
      ]),
      expected: 'row 3, column "kind": an on-missed row must come right after the expect row it belongs to',
    },
    {
      name: 'a misspelled header',
      input: sheetOf([actual]).replace('impact', 'impcat'),
      expected: 'row 1, column "impcat": unknown column "impcat"; did you mean "impact"?',
    },
    {
      name: 'an unknown channel, found by the scenario check',
      input: sheetOf([actual, { ...actual, channels: 'lbp-wbe=major_outage' }]),
      expected: 'row 3, column "channels": unknown channel "lbp-wbe"; did you mean "lbp-web"?',
    },
    {
      name: 'an update opening an incident without its text, found by the scenario check',
      input: sheetOf([{ ...opening, body_fr: '', body_en: '' }]),
      expected: 'row 2, column "body_fr" / "body_en": ',
    },
    {
      name: 'a time after the end of the scenario, found by the scenario check',
      input: sheetOf([{ ...actual, time: '+1d' }]),
      expected: 'row 2, column "time": ',
    },
    {
      name: 'a ground-truth change with neither source nor assumption, found by the scenario check',
      input: sheetOf([{ ...actual, sources: '' }]),
      expected: 'row 2: ',
    },
  ];
  cases.forEach(({ name, input, expected }) => {
    it(`reports ${name} by row and column`, () => {
      const problems = problemsOf(input);
      expect(
        problems.some((p) => p.startsWith(expected)),
        problems.join('\n'),
      ).to.equal(true);
    });
  });

  it('skips blank rows but keeps counting them, as the spreadsheet does', () => {
    const csv = `${sheetOf([actual])}\r\n${sheetOf([{ ...actual, time: 'soon' }]).split('\r\n')[1]}\r\n`;
    expect(problemsOf(csv)).to.deep.include.members([
      'row 4, column "time": "soon" is not a date-time with offset such as 2025-12-22T07:00+01:00, or an offset such as +1h15m',
    ]);
  });

  it('attaches an on-missed row to the expect row above it', () => {
    const csv = sheetOf([
      { time: '+1h', kind: 'expect', id: 'first-update', expect_kind: 'first-update', within: '15m' },
      { kind: 'on-missed', delivery: 'phone', from: 'AFP', body_fr: 'Allô ?', body_en: 'Hello?' },
    ]);
    const imported = importTimeline(readSheet(csv));
    expect(imported.problems).to.deep.equal([]);
    expect(imported.timeline).to.deep.equal([
      {
        at: '+1h',
        expect: {
          id: 'first-update',
          kind: 'first-update',
          within: '15m',
          onMissed: { channel: 'phone', from: 'AFP', body: { fr: 'Allô ?', en: 'Hello?' } },
        },
      },
    ]);
  });

  it('tells a one-source list from a single source', () => {
    const imported = importTimeline(
      readSheet(sheetOf([actual, { ...actual, sources: 'S1;' }, { ...actual, sources: 'S1; S11' }])),
    );
    expect(imported.timeline.map((entry) => entry.source)).to.deep.equal(['S1', ['S1'], ['S1', 'S11']]);
  });
});
