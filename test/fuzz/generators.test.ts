/** The fuzz's generators: reproducible from their seed, and valid where they must be. */
import { expect } from 'chai';
import { COMMANDS, type CommandName } from '../../server/control/commands.js';
import { loadCorpus, loaderInput } from './loader-inputs.js';
import { commandExamples } from './command-examples.js';
import type { TargetIds } from './fuzz-target.js';

const IDS: TargetIds = {
  exercise: 'ex',
  replay: 're',
  ended: 'en',
  draft: 'dr',
  code: 'co',
  note: 'n_1',
  share: 'sh_1',
  schedule: 'sc',
};

describe('the fuzz generators', () => {
  it('make the same loader input from the same seed and index, and another from another seed', async () => {
    const corpus = await loadCorpus();
    const [a, b, c] = [loaderInput(7, 12, corpus), loaderInput(7, 12, corpus), loaderInput(8, 12, corpus)];
    expect(a.bytes.equals(b.bytes)).to.equal(true);
    expect(a.did).to.deep.equal(b.did);
    expect(a.bytes.equals(c.bytes) && a.did.join() === c.did.join()).to.equal(false);
  });

  (Object.keys(COMMANDS) as CommandName[]).forEach((name) => {
    it(`start from inputs of ${name} its schema takes, so each payload is refused for its one defect`, () => {
      const examples = commandExamples(IDS)[name];
      expect(examples).to.not.have.length(0);
      for (const example of examples) {
        const parsed = COMMANDS[name].input.safeParse(example);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).to.equal(true);
      }
    });
  });
});
