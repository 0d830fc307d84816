import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runCli } from '../support/cli.js';
import { PROJECT_ROOT } from '../../server/config.js';

const exec = promisify(execFile);

describe('statusdrill command line', () => {
  it('prints the JSON Schema of scenario files', async () => {
    const run = await runCli(['schema']);
    const schema = JSON.parse(run.stdout) as {
      $schema: string;
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(run.code).to.equal(0);
    expect(schema.$schema).to.equal('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).to.include.members(['schema', 'id', 'timeline', 'channels']);
    expect(schema.properties).to.have.property('commsPolicy');
  });

  it('answers an unknown command with the usage and exit code 2', async () => {
    const run = await runCli(['valdate']);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.match(/unknown command "valdate"/);
  });

  it('prints help', async () => {
    const run = await runCli(['help']);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/validate \[FILE\.\.\.\]/);
  });

  it('is reachable as `npx statusdrill` from the repository', async () => {
    const { stdout } = await exec('npx', ['--no-install', 'statusdrill', 'validate', 'scenarios/tutorial.yaml'], {
      cwd: PROJECT_ROOT,
    });
    expect(stdout).to.match(/✓ scenarios\/tutorial\.yaml/);
  });

  it('exits with 1 from the shell when a file has problems', async () => {
    const failure = await exec('node', ['bin/statusdrill.js', 'validate', 'package.json'], { cwd: PROJECT_ROOT }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stdout: string },
    );
    expect(failure?.code).to.equal(1);
    expect(failure?.stdout).to.match(/package\.json:\d+:\d+ .*unknown key "name"/);
  });
});
