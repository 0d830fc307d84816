/**
 * Scenario files the fuzzer (`npm run fuzz`) found the loader mishandling, each reduced to the
 * least that shows it: every problem must stay located inside the text and readable.
 */
import { expect } from 'chai';
import { load } from '../support/scenario-fixture.js';
import type { Problem } from '../../server/scenario/problems.js';
import { LoaderWatchdog } from '../fuzz/loader-watchdog.js';
import { LOADER_BOUND_MS, type LoaderVerdict } from '../fuzz/loader-check.js';

/** Every problem's line and column point inside the text. */
function expectInsideText(problems: readonly Problem[], text: string): void {
  const lines = text.split('\n');
  for (const p of problems) {
    expect(p.line, `${p.line}:${p.column} ${p.message}`).to.be.within(1, lines.length);
    expect(p.column, `${p.line}:${p.column} ${p.message}`).to.be.within(1, lines[p.line - 1]!.length + 1);
  }
}

describe('scenario loading of hostile files', () => {
  it('locates the problems that follow a line the YAML parser skipped over', () => {
    // The parser's own line count misses the break after `    e`: the `:` of line 4 was told as line 3.
    const text = '   : \n0\n    e\nx: [\n';
    const { problems } = load(text);
    expectInsideText(problems, text);
    const colon = problems.find((p) => /map-value-ind/.test(p.message));
    expect(colon, JSON.stringify(problems)).to.include({ line: 4, column: 2 });
  });
});

describe('scenario loading of hostile files, under the fuzz watchdog', function () {
  // Starting the watchdog's worker (TypeScript, the loader) takes a few seconds on a busy machine.
  this.timeout(60_000);
  const watchdog = new LoaderWatchdog(LOADER_BOUND_MS);
  after(() => watchdog.close());

  const judge = async (text: string): Promise<LoaderVerdict> =>
    watchdog.judge(Buffer.from(text, 'utf8'), 'scenarios/fixture.yaml');

  it('refuses a fan of 20,000 aliases of one anchor within the bound, at the first alias', async () => {
    const text = `a: [ &big [${Array(1_000).fill('x').join(', ')}],\n  ${Array(20_000).fill('*big').join(', ')} ]\n`;
    expect(await judge(text)).to.include({ kind: 'problems' });
    const [problem] = load(text).problems;
    expect(problem).to.include({ line: 2, column: 3 });
    expect(problem?.message).to.match(/^YAML: Excessive alias count/);
  });
});
