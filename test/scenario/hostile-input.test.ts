/**
 * Scenario files the fuzzer (`npm run fuzz`) found the loader mishandling, each reduced to the
 * least that shows it: every problem must stay located inside the text and readable.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { edit, FIXTURE_YAML, lineOf, load } from '../support/scenario-fixture.js';
import { tempDir } from '../support/temp-dir.js';
import { loadScenarioFile, MAX_SCENARIO_BYTES } from '../../server/scenario/load.js';
import { MAX_NESTING } from '../../server/scenario/nesting.js';
import { ScenarioSchema } from '../../server/scenario/schema.js';
import { PROBLEM_TEXT_LIMITS, shorten, type Problem } from '../../server/scenario/problems.js';
import { LoaderWatchdog } from '../fuzz/loader-watchdog.js';
import { TIME_BOUND_MS, type LoaderVerdict } from '../fuzz/loader-check.js';

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

  it('cuts a syntax message that quotes a 50,000-character token in its middle, at the same place', () => {
    const text = `   : \n0\n    e\n${'x'.repeat(50_000)}: [\n`;
    const problem = load(text).problems.find((p) => /scalar token/.test(p.message));
    expect(problem).to.include({ line: 4, column: 1 });
    expect(problem?.message).to.have.length.at.most(PROBLEM_TEXT_LIMITS.message);
    expect(problem?.message).to.match(/^YAML syntax: Unexpected scalar token in YAML stream: "x+…x+"$/);
  });

  it('cuts the path and message of a channel named with 100,000 characters, keeping both ends', () => {
    const name = 'w'.repeat(100_000);
    const text = edit('actual: { lbp-web: major_outage,', `actual: { ${name}: major_outage,`);
    const problem = load(text).problems.find((p) => p.path.startsWith('timeline[0].actual.'));
    expect(problem?.line).to.equal(lineOf(text, name));
    expect(problem?.path).to.match(/^timeline\[0\]\.actual\.w+…w+$/);
    expect(problem?.path).to.have.length.at.most(PROBLEM_TEXT_LIMITS.path);
    expect(problem?.message).to.match(/^unknown channel "w+…w+"$/);
  });

  it('refuses a file over the size limit with one problem at its start', async () => {
    const text = `${FIXTURE_YAML}#${'x'.repeat(MAX_SCENARIO_BYTES)}\n`;
    expect(load(text).problems).to.deep.equal([
      {
        file: 'scenarios/fixture.yaml',
        line: 1,
        column: 1,
        path: '',
        message: 'the file is too large for a scenario',
        expected: 'at most 256 KB',
        found: `${Math.ceil(Buffer.byteLength(text) / 1024)} KB`,
      },
    ]);
    const { dir, cleanup } = await tempDir({ 'huge.yaml': text });
    try {
      const result = await loadScenarioFile(join(dir, 'huge.yaml'));
      expect(result.problems.map((p) => p.message)).to.deep.equal(['the file is too large for a scenario']);
    } finally {
      await cleanup();
    }
  });

  it('refuses brackets nested deeper than the limit at the first one too deep, before parsing them', () => {
    const nested = (depth: number): string => `a: ${'[ '.repeat(depth)}1${' ]'.repeat(depth)}\n`;
    const deep = load(nested(MAX_NESTING + 1)).problems;
    expect(deep).to.have.length(1);
    expect(deep[0]).to.include({
      line: 1,
      column: 4 + 2 * MAX_NESTING,
      message: 'YAML: nested more than 64 levels deep',
    });
    expect(load(nested(MAX_NESTING)).problems.map((p) => p.message)).to.not.include(deep[0]!.message);
  });

  it('names the languages a text may have when one of its keys is unknown', () => {
    const text = edit('title: { fr: Essai, en: Test }', 'title: { fr: Essai, en: Test, FR: Essai, prototype: x }');
    const problems = load(text).problems.filter((p) => p.path.startsWith('title.'));
    expect(problems.map(({ path, message, expected }) => ({ path, message, expected }))).to.deep.equal([
      { path: 'title.FR', message: 'unknown key "FR"; did you mean "fr"?', expected: 'one of fr, en' },
      { path: 'title.prototype', message: 'unknown key "prototype"', expected: 'one of fr, en' },
    ]);
  });

  [
    {
      name: 'beside the channels of an actual entry',
      find: 'actual: { lbp-web: major_outage,',
      replace: 'actual: { lbp-web: major_outage, __proto__: major_outage,',
      path: 'timeline[0].actual.__proto__',
      expected: undefined,
    },
    {
      name: 'in a text',
      find: 'title: { fr: Essai, en: Test }',
      replace: 'title: { fr: Essai, en: Test, __proto__: x }',
      path: 'title.__proto__',
      expected: 'one of fr, en',
    },
    {
      name: 'at the top level',
      find: 'timeZone: Europe/Paris',
      replace: 'timeZone: Europe/Paris\n__proto__: { polluted: true }',
      path: '__proto__',
      expected: `one of ${Object.keys(ScenarioSchema.shape).join(', ')}`,
    },
  ].forEach(({ name, find, replace, path, expected }) => {
    it(`reports a __proto__ key ${name} once, where it is written`, () => {
      const text = edit(find, replace);
      const problems = load(text).problems.filter((p) => p.path.includes('__proto__'));
      expect(problems).to.have.length(1);
      expect(problems[0]).to.include({ path, message: 'unknown key "__proto__"', line: lineOf(text, '__proto__') });
      expect(problems[0]?.expected).to.equal(expected);
    });
  });

  it('reports a list used as a key without making Node print a warning', async () => {
    const warnings: string[] = [];
    const listener = (warning: Error): number => warnings.push(warning.message);
    process.on('warning', listener);
    try {
      const text = edit('timeZone: Europe/Paris', '? [a, b]\n: 1\ntimeZone: Europe/Paris');
      expect(load(text).problems.map((p) => p.message)).to.include('unknown key "[ a, b ]"');
      // Node emits warnings on a later tick.
      await new Promise((done) => setImmediate(done));
      expect(warnings).to.deep.equal([]);
    } finally {
      process.off('warning', listener);
    }
  });

  [
    {
      name: 'a deadline of 99,999,999 days',
      find: 'within: 15m }',
      replace: 'within: 99999999d }',
      path: 'timeline[4].expect.within',
    },
    {
      name: 'a deadline of forty digits',
      find: 'within: 15m }',
      replace: `within: ${'9'.repeat(40)}m }`,
      path: 'timeline[4].expect.within',
    },
    { name: 'a gap of 366 days', find: 'maxGap: 30m }', replace: 'maxGap: 366d }', path: 'commsPolicy.maxGap' },
  ].forEach(({ name, find, replace, path }) => {
    it(`refuses ${name}, which no clock can show the end of`, () => {
      const text = edit(find, replace);
      expect(load(text).problems.map((p) => ({ path: p.path, message: p.message, line: p.line }))).to.deep.equal([
        { path, message: 'longer than a year', line: lineOf(text, replace) },
      ]);
    });
  });

  it('accepts a deadline of a year', () => {
    expect(load(edit('within: 15m }', 'within: 365d }')).problems).to.deep.equal([]);
  });

  it('never cuts a character in two', () => {
    expect(shorten('😀'.repeat(10), 7)).to.equal('😀…😀');
  });
});

describe('scenario loading of hostile files, under the fuzz watchdog', function () {
  // Starting the watchdog's worker (TypeScript, the loader) takes a few seconds on a busy machine.
  this.timeout(60_000);
  const watchdog = new LoaderWatchdog(TIME_BOUND_MS);
  after(() => watchdog.close());

  /** The file is refused with located problems, within the bound, by rules the fuzz applies. */
  const expectRefusedInTime = async (text: string): Promise<void> => {
    const verdict: LoaderVerdict = await watchdog.judge(Buffer.from(text, 'utf8'), 'scenarios/fixture.yaml');
    expect(verdict.kind, verdict.kind === 'failure' ? verdict.reason : '').to.equal('problems');
  };

  it('refuses a fan of 20,000 aliases of one anchor within the bound, at the first alias', async () => {
    const text = `a: [ &big [${Array(1_000).fill('x').join(', ')}],\n  ${Array(20_000).fill('*big').join(', ')} ]\n`;
    await expectRefusedInTime(text);
    const [problem] = load(text).problems;
    expect(problem).to.include({ line: 2, column: 3 });
    expect(problem?.message).to.match(/^YAML: Excessive alias count/);
  });

  it('refuses brackets nested as deep as fits in the size limit, within the bound', async () => {
    const depth = Math.floor((MAX_SCENARIO_BYTES - 10) / 2);
    await expectRefusedInTime(`a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
  });

  it('refuses a 200,000-character time zone within the bound', async () => {
    const text = edit('timeZone: Europe/Paris', `timeZone: ${'a'.repeat(200_000)}`);
    await expectRefusedInTime(text);
  });
});
