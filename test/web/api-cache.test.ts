import { expect } from 'chai';
import { etagMatches, ResponseCache, strongEtag, type BodyKey } from '../../server/web/api-cache.js';
import { publicRunOf, type PublicRun } from '../../server/status/public-run.js';
import { testRun } from '../support/runs.js';

const KEY: BodyKey = { endpoint: 'summary.json', lang: 'fr', baseUrl: 'https://status.test' };

describe('API response cache', () => {
  const etag = strongEtag('drill', 3, 'fr', '{}');
  const matches = [
    { name: 'no header', header: undefined, expected: false },
    { name: 'the same tag', header: etag, expected: true },
    { name: 'the tag among others', header: `"other", ${etag}`, expected: true },
    { name: 'the weak form of the tag', header: `W/${etag}`, expected: true },
    { name: 'a wildcard', header: '*', expected: true },
    { name: 'another tag', header: strongEtag('drill', 4, 'fr', '{}'), expected: false },
    { name: 'the tag without its quotes', header: etag.slice(1, -1), expected: false },
  ];
  matches.forEach(({ name, header, expected }) => {
    it(`${expected ? 'matches' : 'does not match'} If-None-Match with ${name}`, () => {
      expect(etagMatches(header, etag)).to.equal(expected);
    });
  });

  it('makes a strong ETag of run, version, language and body hash', () => {
    expect(etag).to.match(/^"drill-3-fr-[0-9a-f]{16}"$/);
    expect(strongEtag('drill', 3, 'fr', '{"a":1}')).to.not.equal(etag);
  });

  let closers: Array<() => void>;
  let runs: PublicRun[];
  beforeEach(() => {
    const made = [testRun().run, testRun().run];
    closers = made.map((run) => () => run.close());
    runs = made.map(publicRunOf);
  });
  afterEach(() => closers.forEach((close) => close()));

  /** A maker that counts its calls and says it saw `version`. */
  const counting = (version: number) => {
    let calls = 0;
    return { make: () => ({ version, body: `body ${++calls}` }), calls: () => calls };
  };

  it('makes a body once per version and key', () => {
    const cache = new ResponseCache();
    const maker = counting(1);
    const first = cache.get(runs[0]!, 1, KEY, maker.make);
    const second = cache.get(runs[0]!, 1, KEY, maker.make);
    expect(second).to.equal(first);
    expect(maker.calls()).to.equal(1);
    cache.get(runs[0]!, 1, { ...KEY, lang: 'en' }, maker.make);
    expect(maker.calls()).to.equal(2);
  });

  it('makes the body again when the version moves', () => {
    const cache = new ResponseCache();
    const first = cache.get(runs[0]!, 1, KEY, counting(1).make);
    const second = cache.get(runs[0]!, 2, KEY, counting(2).make);
    expect(second.etag).to.not.equal(first.etag);
    expect(second.etag).to.include('-2-');
  });

  it('keeps a body under the version its maker saw', () => {
    const cache = new ResponseCache();
    const made = cache.get(runs[0]!, 1, KEY, counting(2).make);
    expect(made.etag).to.include('-2-');
    const maker = counting(2);
    expect(cache.get(runs[0]!, 2, KEY, maker.make)).to.equal(made);
    expect(maker.calls()).to.equal(0);
  });

  it('keeps at most its limit of bodies per run, dropping the oldest', () => {
    const cache = new ResponseCache(2);
    const maker = counting(1);
    for (const baseUrl of ['http://a', 'http://b', 'http://c']) cache.get(runs[0]!, 1, { ...KEY, baseUrl }, maker.make);
    cache.get(runs[0]!, 1, { ...KEY, baseUrl: 'http://c' }, maker.make);
    expect(maker.calls()).to.equal(3);
    cache.get(runs[0]!, 1, { ...KEY, baseUrl: 'http://a' }, maker.make);
    expect(maker.calls()).to.equal(4);
  });

  it('never gives one run the body of another with the same id', () => {
    const cache = new ResponseCache();
    expect(runs[0]!.id).to.equal(runs[1]!.id);
    cache.get(runs[0]!, 0, KEY, counting(0).make);
    const maker = counting(0);
    cache.get(runs[1]!, 0, KEY, maker.make);
    expect(maker.calls()).to.equal(1);
  });
});
