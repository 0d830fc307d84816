import { expect } from 'chai';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { historyAtom, historyRss, incidentNumber, rfc822 } from '../../server/status/feeds.js';
import { feedLabels } from '../../server/status/feed-html.js';
import type { Language } from '../../server/scenario/vocabulary.js';
import { AT, apiModelAt, SP_BASE, SUMMER_YAML } from '../support/api-fixture.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });

interface AtomEntry {
  id: string;
  published: string;
  updated: string;
  link: { '@href': string; '@rel': string };
  title: string;
  content: { '#text': string; '@type': string };
}
interface RssItem {
  title: string;
  description: string;
  pubDate: string;
  link: string;
  guid: string;
}

const atomAt = (offsetMs: number, lang: Language = 'en', yaml?: string): string =>
  historyAtom({ model: apiModelAt(offsetMs, yaml), lang, baseUrl: SP_BASE });
const rssAt = (offsetMs: number, lang: Language = 'en'): string =>
  historyRss({ model: apiModelAt(offsetMs), lang, baseUrl: SP_BASE });
const parse = (xml: string): Record<string, Record<string, unknown>> => {
  expect(XMLValidator.validate(xml)).to.equal(true);
  return parser.parse(xml) as Record<string, Record<string, unknown>>;
};
const entries = (xml: string): AtomEntry[] => [parse(xml).feed!.entry as AtomEntry[] | AtomEntry].flat();
const items = (xml: string): RssItem[] => [(parse(xml).rss!.channel as { item: RssItem[] | RssItem }).item].flat();
/** The paragraphs of an entry's HTML, as `small` and `strong` texts. */
const paragraphs = (html: string): Array<{ when: string; label: string }> =>
  [...html.matchAll(/<p><small>(.*?)<\/small><br><strong>(.*?)<\/strong> - /g)].map((m) => ({
    when: m[1]!,
    label: m[2]!,
  }));

describe('history feeds', () => {
  it('heads the Atom feed with its tag id, links, title, last change and author', () => {
    const feed = parse(atomAt(AT.cashResolved)).feed!;
    expect(feed['@xml:lang']).to.equal('en-US');
    expect(feed.id).to.equal('tag:status.example.test,2005:/history');
    expect(feed.link).to.deep.equal([
      { '@rel': 'alternate', '@type': 'text/html', '@href': `${SP_BASE}/r/test` },
      { '@rel': 'self', '@type': 'application/atom+xml', '@href': `${SP_BASE}/r/test/history.atom` },
    ]);
    expect(feed.title).to.equal('Bank <Test> & Co Status - Incident History');
    expect(feed.updated).to.equal('2026-01-06T06:00:00+01:00');
    expect(feed.author).to.deep.equal({ name: 'Bank <Test> & Co' });
  });

  it('has one Atom entry per incident, newest first, with stable numeric tag ids', () => {
    const model = apiModelAt(AT.cashResolved);
    const [cash, outage] = entries(atomAt(AT.cashResolved));
    expect([cash!.title, outage!.title]).to.deep.equal(['Cash machines failing', 'Website down']);
    expect(cash!.id).to.match(/^tag:status\.example\.test,2005:Incident\/\d+$/);
    expect(cash!.id).to.not.equal(outage!.id);
    expect(entries(atomAt(AT.cashResolved))[0]!.id).to.equal(cash!.id);
    const code = model.incidents.find((i) => i.id === 'cash')!.code;
    expect(cash!.id).to.equal(`tag:status.example.test,2005:Incident/${incidentNumber(code)}`);
    expect(cash!.link['@href']).to.equal(`${SP_BASE}/r/test#incident-${code}`);
  });

  it('dates an entry from its first update to its last', () => {
    const outage = entries(atomAt(AT.cashResolved))[1]!;
    expect(outage.published).to.equal('2026-01-05T07:30:00+01:00');
    expect(outage.updated).to.equal('2026-01-05T12:00:00+01:00');
  });

  it('writes one paragraph per update, newest first, in local time with the zone abbreviation', () => {
    const html = entries(atomAt(AT.cashResolved))[1]!.content['#text'];
    expect(paragraphs(html)).to.deep.equal([
      { when: "Jan <var data-var='date'> 5</var>, <var data-var='time'>12:00</var> CET", label: 'Resolved' },
      { when: "Jan <var data-var='date'> 5</var>, <var data-var='time'>11:00</var> CET", label: 'Monitoring' },
      { when: "Jan <var data-var='date'> 5</var>, <var data-var='time'>09:00</var> CET", label: 'Identified' },
      { when: "Jan <var data-var='date'> 5</var>, <var data-var='time'>08:00</var> CET", label: 'Update' },
      { when: "Jan <var data-var='date'> 5</var>, <var data-var='time'>07:30</var> CET", label: 'Investigating' },
    ]);
    expect(html).to.include('<strong>Investigating</strong> - We are investigating.<br><br>Use the app.</p>');
  });

  it('speaks French when asked: labels, month names and language tag', () => {
    const xml = atomAt(AT.cashResolved, 'fr');
    expect(parse(xml).feed!['@xml:lang']).to.equal('fr-FR');
    const html = entries(xml)[1]!.content['#text'];
    expect(paragraphs(html).map((p) => p.label)).to.deep.equal([
      'Résolu',
      'Surveillance',
      'Identifié',
      'Mise à jour',
      'Enquête en cours',
    ]);
    expect(paragraphs(html)[0]!.when).to.equal(
      "janv. <var data-var='date'> 5</var>, <var data-var='time'>12:00</var> CET",
    );
  });

  it('uses the summer abbreviation and offset in summer', () => {
    const [entry] = entries(atomAt(AT.identified, 'en', SUMMER_YAML));
    expect(entry!.published).to.equal('2026-07-06T07:30:00+02:00');
    expect(paragraphs(entry!.content['#text'])[0]!.when).to.equal(
      "Jul <var data-var='date'> 6</var>, <var data-var='time'>09:00</var> CEST",
    );
  });

  it('escapes markup in texts twice over: as HTML in the entry, then as XML', () => {
    const xml = atomAt(AT.identified);
    const html = entries(xml)[0]!.content['#text'];
    expect(html).to.include('Still ongoing &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).to.not.include('<script>');
    expect(xml).to.include('Still ongoing &amp;lt;script&amp;gt;');
    expect(xml).to.include('<title>Bank &lt;Test&gt; &amp; Co Status - Incident History</title>');
  });

  it('is a valid, empty feed before any incident', () => {
    expect(parse(atomAt(AT.start)).feed!.entry).to.equal(undefined);
    expect((parse(rssAt(AT.start)).rss!.channel as Record<string, unknown>).item).to.equal(undefined);
  });

  it('heads the RSS channel with title, link, the literal description and an RFC 822 date', () => {
    const rss = parse(rssAt(AT.cashResolved)).rss!;
    expect(rss['@version']).to.equal('2.0');
    expect(rss.channel).to.include({
      title: 'Bank <Test> & Co Status - Incident History',
      link: `${SP_BASE}/r/test`,
      description: 'Statuspage',
      pubDate: 'Tue, 06 Jan 2026 06:00:00 +0100',
    });
  });

  it('has one RSS item per incident, newest first, with the Atom HTML and the link as guid', () => {
    const [cash, outage] = items(rssAt(AT.cashResolved));
    const atom = entries(atomAt(AT.cashResolved));
    expect([cash!.title, outage!.title]).to.deep.equal(['Cash machines failing', 'Website down']);
    expect(outage!.pubDate).to.equal('Mon, 05 Jan 2026 12:00:00 +0100');
    expect(outage!.description).to.equal(atom[1]!.content['#text']);
    expect(outage!.guid).to.equal(outage!.link);
    expect(outage!.link).to.equal(atom[1]!.link['@href']);
  });

  const dates = [
    { name: 'winter', at: AT.start, yaml: undefined, expected: 'Mon, 05 Jan 2026 06:00:00 +0100' },
    { name: 'the next day', at: AT.cashResolved, yaml: undefined, expected: 'Tue, 06 Jan 2026 06:00:00 +0100' },
    { name: 'summer', at: AT.identified, yaml: SUMMER_YAML, expected: 'Mon, 06 Jul 2026 09:00:00 +0200' },
  ];
  dates.forEach(({ name, at, yaml, expected }) => {
    it(`writes RFC 822 dates with the page's offset in ${name}`, () => {
      expect(rfc822(apiModelAt(at, yaml), at)).to.equal(expected);
    });
  });

  it('labels an update that keeps the stage "update", and the first update by its stage', () => {
    const outage = apiModelAt(AT.identified).incidents.find((i) => i.id === 'outage')!;
    expect(feedLabels(outage)).to.deep.equal(['identified', 'update', 'investigating']);
  });
});
