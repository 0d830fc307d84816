/** The live region as parts: what a change carries, and that applying it gives the new markup. */
import { expect } from 'chai';
import { publicRunOf } from '../../server/status/public-run.js';
import { applyParts, changedParts, splitLive } from '../../server/web/live-parts.js';
import { LiveRenderer } from '../../server/web/live-renderer.js';
import { edit, loadValid } from '../support/scenario-fixture.js';
import { FACILITATOR, testRun } from '../support/runs.js';

const part = (key: string, text: string): string =>
  `<!--part:${key}--><div data-part="${key}">${text}</div><!--/part-->`;

describe('live parts', () => {
  it('splits the markup into a frame and the elements of its parts', () => {
    const split = splitLive(`<h2>A</h2>${part('one', '1')}<p>b</p>${part('two', '2')}`);
    expect(split.frame).to.equal('<h2>A</h2><!--part:one--><!--/part--><p>b</p><!--part:two--><!--/part-->');
    expect([...split.parts]).to.deep.equal([
      ['one', '<div data-part="one">1</div>'],
      ['two', '<div data-part="two">2</div>'],
    ]);
  });

  [
    {
      name: 'only the parts whose markup changed',
      before: `<h2>A</h2>${part('one', '1')}${part('two', '2')}`,
      after: `<h2>A</h2>${part('one', '1')}${part('two', '3')}`,
      expected: [{ key: 'two', html: '<div data-part="two">3</div>' }],
    },
    {
      name: 'nothing when nothing changed',
      before: `<h2>A</h2>${part('one', '1')}`,
      after: `<h2>A</h2>${part('one', '1')}`,
      expected: [],
    },
    {
      name: 'no parts when the frame changed',
      before: `<h2>A</h2>${part('one', '1')}`,
      after: `<h2>B</h2>${part('one', '1')}`,
      expected: undefined,
    },
    {
      name: 'no parts when a part came or went',
      before: `<h2>A</h2>${part('one', '1')}`,
      after: `<h2>A</h2>${part('one', '1')}${part('two', '2')}`,
      expected: undefined,
    },
  ].forEach(({ name, before, after, expected }) => {
    it(`tells a change as ${name}`, () => {
      expect(changedParts(splitLive(before), splitLive(after))).to.deep.equal(expected);
    });
  });

  it('gives the markup of the new version when the parts that changed are applied to the old one', () => {
    const { run } = testRun();
    const renderer = new LiveRenderer();
    const before = renderer.snapshot(publicRunOf(run), 'en').html;
    run.act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
    const change = renderer.change(publicRunOf(run), 'en');
    const after = new LiveRenderer().snapshot(publicRunOf(run), 'en').html;
    if (!('parts' in change)) throw new Error('expected the change as parts');
    expect(change.parts.map((p) => p.key)).to.include.members(['indicator', 'glance']);
    expect(applyParts(before, change.parts)).to.equal(after);
    expect(JSON.stringify(change).length).to.be.below(JSON.stringify({ ...change, html: after }).length / 2);
    run.close();
  });

  it('sends the whole region when the version before was never rendered', () => {
    const { run } = testRun();
    run.act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
    const change = new LiveRenderer().change(publicRunOf(run), 'en');
    expect(change).to.have.property('html').that.includes('data-part="glance"');
    expect(change).to.not.have.property('parts');
    run.close();
  });

  it('keeps texts that look like part markers from splitting the region', () => {
    const { run } = testRun({
      scenario: loadValid(edit('{ fr: DAB, en: ATMs }', '{ fr: DAB, en: "ATMs<!--/part-->" }')),
    });
    const html = new LiveRenderer().snapshot(publicRunOf(run), 'en').html;
    const { parts } = splitLive(html);
    expect([...parts.values()].some((element) => element.includes('ATMs&lt;!--/part--&gt;'))).to.equal(true);
    expect(html.match(/<!--\/part-->/g)?.length).to.equal(parts.size);
    run.close();
  });
});
