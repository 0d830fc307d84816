import { expect } from 'chai';
import { edit, FIXTURE_YAML, lineOf, load } from '../support/scenario-fixture.js';
import type { Problem } from '../../server/scenario/problems.js';

interface Case {
  name: string;
  /** The broken file's text. */
  input: string;
  /** The file name it is loaded under (default `scenarios/fixture.yaml`). */
  file?: string;
  expected: {
    /** Text on the line the problem must point at (its first occurrence unless `occurrence`). */
    lineWith: string;
    occurrence?: number;
    path: string;
    message: RegExp;
  };
}

const cases: Case[] = [
  {
    name: 'a YAML syntax error',
    input: edit('  - { id: S1, title: Dépêche, date: 2025-12-22 }', '  - { id: S1, title: Dépêche, date: 2025-12-22'),
    expected: { lineWith: '- { id: S11', path: '', message: /^YAML syntax: .*\}/ },
  },
  {
    name: 'an alias to an anchor that does not exist',
    input: edit('    source: S11', '    source: *s11'),
    expected: { lineWith: 'source: *s11', path: '', message: /^YAML: Unresolved alias .*: s11/ },
  },
  {
    name: 'an alias bomb ("billion laughs")',
    input: `a: &a [x, x, x, x, x, x, x, x, x]\n${['b', 'c', 'd', 'e', 'f', 'g'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`).join('\n')}\n`,
    expected: { lineWith: 'b: &b', path: '', message: /^YAML: Excessive alias count/ },
  },
  {
    name: 'several documents in one file',
    input: `${FIXTURE_YAML}---\nid: second\n`,
    expected: { lineWith: '---', path: '', message: /^YAML syntax: Source contains multiple documents/ },
  },
  {
    name: 'an empty file',
    input: '',
    expected: { lineWith: '', path: '', message: /wrong type/ },
  },
  {
    name: 'a key repeated in one mapping',
    input: edit('timeZone: Europe/Paris', 'timeZone: Europe/Paris\ntimeZone: Europe/London'),
    expected: { lineWith: 'Europe/London', path: '', message: /^YAML syntax: Map keys must be unique/ },
  },
  {
    name: 'an unknown top-level key, with a did-you-mean',
    input: edit('channels:\n', 'chanels:\n'),
    expected: { lineWith: 'chanels:', path: 'chanels', message: /unknown key "chanels"; did you mean "channels"\?/ },
  },
  {
    name: 'a schema version that is not v1',
    input: edit('schema: statusdrill/v1', 'schema: statusdrill/v2'),
    expected: { lineWith: 'schema: statusdrill/v2', path: 'schema', message: /must be "statusdrill\/v1"/ },
  },
  {
    name: 'an id that differs from the file name',
    input: edit('id: fixture', 'id: fixtures'),
    expected: { lineWith: 'id: fixtures', path: 'id', message: /id must equal the file name/ },
  },
  {
    name: 'an invalid time zone, with a did-you-mean',
    input: edit('timeZone: Europe/Paris', 'timeZone: Europe/Pariss'),
    expected: {
      lineWith: 'Europe/Pariss',
      path: 'timeZone',
      message: /unknown time zone "Europe\/Pariss"; did you mean "Europe\/Paris"\?/,
    },
  },
  {
    name: 'a start time without a UTC offset',
    input: edit('startsAt: 2025-12-22T06:00:00+01:00', 'startsAt: 2025-12-22T06:00:00'),
    expected: { lineWith: 'startsAt:', path: 'startsAt', message: /not in the expected form/ },
  },
  {
    name: 'an end before the start',
    input: edit('endsAt: 2025-12-22T18:00:00+01:00', 'endsAt: 2025-12-22T05:00:00+01:00'),
    expected: { lineWith: 'endsAt:', path: 'endsAt', message: /must end after it starts/ },
  },
  {
    name: 'a language statusdrill does not speak',
    input: edit('languages: [fr, en]', 'languages: [fr, de]'),
    expected: { lineWith: 'languages:', path: 'languages[1]', message: /"de" is not allowed here/ },
  },
  {
    name: 'a status word outside the vocabulary, with a did-you-mean',
    input: edit(
      'actual: { lbp-web: major_outage, lbp-app: major_outage }',
      'actual: { lbp-web: degraded, lbp-app: major_outage }',
    ),
    expected: {
      lineWith: 'lbp-web: degraded',
      path: 'timeline[0].actual.lbp-web',
      message: /"degraded" is not allowed here; did you mean "degraded_performance"\?/,
    },
  },
  {
    name: 'an unknown channel in an actual entry, with a did-you-mean',
    input: edit(
      'actual: { lbp-web: major_outage, lbp-app: major_outage }',
      'actual: { lbp-wbe: major_outage, lbp-app: major_outage }',
    ),
    expected: {
      lineWith: 'lbp-wbe',
      path: 'timeline[0].actual.lbp-wbe',
      message: /unknown channel "lbp-wbe"; did you mean "lbp-web"\?/,
    },
  },
  {
    name: 'an unknown channel in an update',
    input: edit('channels: { lbp-web: major_outage }', 'channels: { lbp-atn: major_outage }'),
    expected: {
      lineWith: 'lbp-atn',
      path: 'timeline[1].update.channels.lbp-atn',
      message: /unknown channel "lbp-atn"; did you mean "lbp-atm"\?/,
    },
  },
  {
    name: 'an unknown group, with a did-you-mean',
    input: edit('{ id: lbp-atm, group: lbp-pay,', '{ id: lbp-atm, group: lbp-paye,'),
    expected: {
      lineWith: 'group: lbp-paye',
      path: 'channels[2].group',
      message: /unknown group "lbp-paye"; did you mean "lbp-pay"\?/,
    },
  },
  {
    name: 'a duplicate channel id',
    input: edit('{ id: lbp-app, group:', '{ id: lbp-web, group:'),
    expected: {
      lineWith: 'name: { fr: Appli',
      path: 'channels[1].id',
      message: /duplicate channel id "lbp-web", first declared at channels\[0\]\.id/,
    },
  },
  {
    name: 'a citation of an unknown source, with a did-you-mean',
    input: edit('    source: S11', '    source: S12'),
    expected: {
      lineWith: 'source: S12',
      path: 'timeline[0].source',
      message: /unknown source "S12"; did you mean "S1[1]?"\?/,
    },
  },
  {
    name: 'an actual change that neither cites a source nor states an assumption',
    input: edit('    assumption: recovery time chosen for the test\n', ''),
    expected: { lineWith: 'at: +10h', path: 'timeline[5]', message: /must cite a source or state an assumption/ },
  },
  {
    name: "an incident's first update without a title",
    input: edit('      title: { fr: Incident, en: Incident }\n', ''),
    expected: {
      lineWith: 'incident: ddos',
      path: 'timeline[1].update',
      message: /first update of incident "ddos" opens it and needs title/,
    },
  },
  {
    name: 'an update to a mistyped incident, which opens it without title or impact',
    input: edit('      incident: ddos\n      status: resolved', '      incident: ddso\n      status: resolved'),
    expected: {
      lineWith: 'incident: ddso',
      path: 'timeline[6].update',
      message: /"ddso" opens it and needs title and impact; did you mean "ddos"\?/,
    },
  },
  {
    name: 'a time after the end of the scenario',
    input: edit('  - at: +10h30m', '  - at: +13h'),
    expected: { lineWith: 'at: +13h', path: 'timeline[6].at', message: /outside the scenario/ },
  },
  {
    name: 'an impossible date',
    input: edit('  - at: 2025-12-22T07:00+01:00', '  - at: 2025-12-32T07:00+01:00'),
    expected: { lineWith: 'at: 2025-12-32', path: 'timeline[0].at', message: /not a real date and time/ },
  },
  {
    name: 'a text missing one of the declared languages',
    input: edit('prompt: { fr: Que dire ?, en: What do we say? }', 'prompt: { fr: Que dire ? }'),
    expected: { lineWith: 'prompt:', path: 'timeline[3].prompt', message: /missing the "en" text/ },
  },
  {
    name: 'a text in a language the scenario does not declare',
    input: edit('languages: [fr, en]', 'languages: [fr]'),
    expected: { lineWith: 'title:', path: 'title.en', message: /"en" is not one of the scenario's languages/ },
  },
  {
    name: 'an entry with two kinds',
    input: edit(
      '    prompt: { fr: Que dire ?, en: What do we say? }',
      '    prompt: { fr: Que dire ?, en: What do we say? }\n    actual: { lbp-web: operational }',
    ),
    expected: {
      lineWith: 'at: +1h30m',
      path: 'timeline[3]',
      message: /needs exactly one of actual, update, inject, prompt, expect/,
    },
  },
  {
    name: 'an unknown key in an entry, with a did-you-mean',
    input: edit('    source: S11', '    sources: S11'),
    expected: {
      lineWith: 'sources: S11',
      path: 'timeline[0].sources',
      message: /unknown key "sources"; did you mean "source"\?/,
    },
  },
  {
    name: 'a badly written duration',
    input: edit('within: 15m }', 'within: 15 minutes }'),
    expected: {
      lineWith: 'within: 15 minutes',
      path: 'timeline[4].expect.within',
      message: /not in the expected form/,
    },
  },
  {
    name: 'a channel-status expectation without its channel',
    input: edit(
      '{ id: first-update, kind: first-update, within: 15m }',
      '{ id: first-update, kind: channel-status, status: major_outage, within: 15m }',
    ),
    expected: {
      lineWith: 'kind: channel-status',
      path: 'timeline[4].expect',
      message: /needs both "channel" and "status"/,
    },
  },
  {
    name: 'an expectation about an unknown incident',
    input: edit(
      '{ id: first-update, kind: first-update, within: 15m }',
      '{ id: first-update, kind: resolve, incident: dodos, within: 15m }',
    ),
    expected: {
      lineWith: 'incident: dodos',
      path: 'timeline[4].expect.incident',
      message: /unknown incident "dodos"; did you mean "ddos"\?/,
    },
  },
  {
    name: 'a cadence expectation about an unknown incident',
    input: edit(
      '{ id: first-update, kind: first-update, within: 15m }',
      '{ id: first-update, kind: cadence, incident: dodos, within: 30m }',
    ),
    expected: {
      lineWith: 'incident: dodos',
      path: 'timeline[4].expect.incident',
      message: /unknown incident "dodos"; did you mean "ddos"\?/,
    },
  },
  {
    name: 'a contingency inject missing a language',
    input: edit(
      '{ id: first-update, kind: first-update, within: 15m }',
      '{ id: first-update, kind: first-update, within: 15m, onMissed: { channel: phone, from: AFP, body: { fr: Alors ? } } }',
    ),
    expected: {
      lineWith: 'onMissed',
      path: 'timeline[4].expect.onMissed.body',
      message: /missing the "en" text/,
    },
  },
  {
    name: 'a contingency inject on an unknown channel',
    input: edit(
      '{ id: first-update, kind: first-update, within: 15m }',
      '{ id: first-update, kind: first-update, within: 15m, onMissed: { channel: fax, from: AFP, body: { fr: Alors ?, en: So? } } }',
    ),
    expected: {
      lineWith: 'channel: fax',
      path: 'timeline[4].expect.onMissed.channel',
      message: /"fax" is not allowed here/,
    },
  },
  {
    name: 'a contingency inject whose id another inject has',
    input: edit(
      '{ id: first-update, kind: first-update, within: 15m }',
      '{ id: first-update, kind: first-update, within: 15m, onMissed: { id: call, channel: phone, from: AFP, body: { fr: Alors ?, en: So? } } }',
      edit('inject: { channel: press,', 'inject: { id: call, channel: press,'),
    ),
    expected: {
      lineWith: 'onMissed',
      path: 'timeline[4].expect.onMissed.id',
      message: /duplicate inject id "call", first declared at timeline\[2\]\.inject\.id/,
    },
  },
  {
    name: 'a missing required key',
    input: edit('      status: investigating\n', ''),
    expected: {
      lineWith: 'incident: ddos',
      path: 'timeline[1].update.status',
      message: /missing required key "status"/,
    },
  },
  {
    name: 'a wrong type',
    input: edit('languages: [fr, en]', 'languages: fr'),
    expected: { lineWith: 'languages: fr', path: 'languages', message: /wrong type/ },
  },
  {
    name: 'a composed update that claims an original language',
    input: edit(
      '      body: { fr: Nous enquêtons., en: We are investigating. }',
      '      body: { fr: Nous enquêtons., en: We are investigating. }\n      wording: composed\n      originalLanguage: fr',
    ),
    expected: {
      lineWith: 'originalLanguage: fr',
      path: 'timeline[1].update.originalLanguage',
      message: /a composed update has no original language/,
    },
  },
  {
    name: 'a translated label missing a language',
    input: edit('inject: { channel: press, from: AFP,', 'inject: { channel: press, from: { fr: Journaliste },'),
    expected: {
      lineWith: 'from: { fr: Journaliste }',
      path: 'timeline[2].inject.from',
      message: /missing the "en" text/,
    },
  },
  {
    name: 'a source date that is not a real date',
    input: edit('{ id: S1, title: Dépêche, date: 2025-12-22 }', '{ id: S1, title: Dépêche, date: 2025-13 }'),
    expected: { lineWith: 'date: 2025-13', path: 'sources[0].date', message: /not a real date/ },
  },
  {
    name: 'a JSON file, located like YAML',
    file: 'scenarios/fixture.json',
    input: JSON.stringify(
      {
        schema: 'statusdrill/v1',
        id: 'fixture',
        title: { fr: 'a', en: 'b' },
        summary: { fr: 'a', en: 'b' },
        timeZone: 'Europe/Paris',
        startsAt: '2025-12-22T06:00:00+01:00',
        endsAt: '2025-12-22T18:00:00+01:00',
        languages: ['fr', 'en'],
        groups: [{ id: 'g', organisation: 'O', name: { fr: 'g', en: 'g' } }],
        channels: [{ id: 'c', group: 'g', name: { fr: 'c', en: 'c' }, initial: 'down' }],
        timeline: [],
      },
      null,
      2,
    ),
    expected: { lineWith: '"initial": "down"', path: 'channels[0].initial', message: /"down" is not allowed here/ },
  },
];

describe('scenario validation', () => {
  it('accepts the fixture as it is', () => {
    const result = load(FIXTURE_YAML);
    expect(result.problems).to.deep.equal([]);
    expect(result.ok).to.equal(true);
  });

  cases.forEach(({ name, input, file, expected: want }) => {
    it(`reports ${name} at its line, path and with a clear message`, () => {
      const result = load(input, file);
      expect(result.ok, 'the file must be rejected').to.equal(false);
      const match = result.problems.find((p: Problem) => p.path === want.path && want.message.test(p.message));
      expect(
        match,
        `no problem at ${want.path} matching ${want.message}; got:\n${result.problems.map((p) => `${p.line}:${p.column} ${p.path} ${p.message}`).join('\n')}`,
      ).to.not.equal(undefined);
      expect(match?.line).to.equal(lineOf(input, want.lineWith, want.occurrence));
      expect(match?.column).to.be.greaterThan(0);
      expect(match?.file).to.equal(file ?? 'scenarios/fixture.yaml');
    });
  });

  it('accepts a source dated by month, labels in one string or per language, and a wording', () => {
    let text = edit('{ id: S1, title: Dépêche, date: 2025-12-22 }', '{ id: S1, title: Dépêche, date: 2026-01 }');
    text = edit(
      'inject: { channel: press, from: AFP,',
      'inject: { channel: press, from: { fr: Journaliste, en: Journalist },',
      text,
    );
    text = edit(
      '      body: { fr: Nous enquêtons., en: We are investigating. }',
      '      body: { fr: Nous enquêtons., en: We are investigating. }\n      wording: verbatim\n      originalLanguage: fr\n      publisher: La Banque Postale (X)',
      text,
    );
    expect(load(text).problems).to.deep.equal([]);
  });

  it('accepts a cadence expectation on a scripted incident, and a contingency inject on an expectation', () => {
    const text = edit(
      '{ id: first-update, kind: first-update, within: 15m }',
      '{ id: first-update, kind: first-update, within: 15m, onMissed: { id: call, channel: phone, from: { fr: Journaliste, en: Journalist }, subject: { fr: Appel, en: Call }, body: { fr: Alors ?, en: So? } } }\n' +
        '  - at: +1h15m\n    expect: { id: cadence, kind: cadence, incident: ddos, within: 30m }',
    );
    expect(load(text).problems).to.deep.equal([]);
  });

  it('states what was expected and what was found', () => {
    const result = load(
      edit(
        'actual: { lbp-web: major_outage, lbp-app: major_outage }',
        'actual: { lbp-web: down, lbp-app: major_outage }',
      ),
    );
    const problem = result.problems.find((p) => p.path === 'timeline[0].actual.lbp-web');
    expect(problem?.expected).to.equal(
      'one of operational, degraded_performance, partial_outage, major_outage, under_maintenance',
    );
    expect(problem?.found).to.equal('"down"');
  });

  it('reports problems of other entries when one entry has a broken shape', () => {
    const broken = edit('within: 15m }', 'within: soon }', edit('    source: S11', '    source: S99'));
    const paths = load(broken).problems.map((p) => p.path);
    expect(paths).to.include.members(['timeline[4].expect.within', 'timeline[0].source']);
  });

  it('does not blame a later update for opening an incident whose broken first update was skipped', () => {
    const paths = load(edit('      status: investigating\n', '')).problems.map((p) => p.path);
    expect(paths).to.deep.equal(['timeline[1].update.status']);
  });

  it('reports every problem of a file, not only the first', () => {
    const broken = edit(
      'timeZone: Europe/Paris',
      'timeZone: Mars/Olympus',
      edit('id: fixture', 'id: other', edit('{ id: lbp-atm, group: lbp-pay,', '{ id: lbp-atm, group: nowhere,')),
    );
    const paths = load(broken).problems.map((p) => p.path);
    expect(paths).to.include.members(['id', 'timeZone', 'channels[2].group']);
  });

  it('answers a file that is not a mapping with a clear problem', () => {
    const result = load('- just\n- a list\n');
    expect(result.ok).to.equal(false);
    expect(result.problems[0]?.message).to.match(/wrong type/);
    expect(result.problems[0]?.expected).to.equal('a mapping of keys to values');
  });
});
