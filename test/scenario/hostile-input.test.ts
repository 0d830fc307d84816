/**
 * Scenario files the fuzzer (`npm run fuzz`) found the loader mishandling, each reduced to the
 * least that shows it: every problem must stay located inside the text and readable.
 */
import { expect } from 'chai';
import { load } from '../support/scenario-fixture.js';
import type { Problem } from '../../server/scenario/problems.js';

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
