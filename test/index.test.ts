import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PROJECT_ROOT } from '../server/config.js';
import { tempDir } from './support/temp-dir.js';
import { BROKEN_FIXTURE_YAML, FIXTURE_YAML } from './support/scenario-fixture.js';

interface LogLine {
  level: number;
  msg: string;
  problems?: string[];
}

/** Starts the server as `npm start` does, and collects its JSON log lines until `until` holds. */
async function startServer(
  env: Record<string, string>,
  until: (lines: LogLine[]) => boolean,
): Promise<{ child: ChildProcess; lines: LogLine[]; text: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(PROJECT_ROOT, 'server/index.ts')], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      LOG_FORMAT: 'json',
      STATUSDRILL_ADMIN_TOKEN: 'process-test-token-0123456789',
      // Never the project's own data folder: a test must not restore, or leave, runs there.
      DATA_DIR: mkdtempSync(join(tmpdir(), 'statusdrill-data-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  /** Lines that are not log records: what the server prints for people (the generated token). */
  const text: string[] = [];
  const reader = createInterface({ input: child.stdout });
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`server did not log what was awaited:\n${JSON.stringify(lines, null, 1)}`)),
      8000,
    );
    reader.on('line', (line) => {
      if (!line.startsWith('{')) {
        text.push(line);
        return;
      }
      lines.push(JSON.parse(line) as LogLine);
      if (until(lines)) {
        clearTimeout(timer);
        done();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}`));
    });
  });
  return { child, lines, text };
}

describe('the server process', () => {
  let cleanup: () => Promise<void> = () => Promise.resolve();
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (child !== undefined && child.exitCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    child = undefined;
    await cleanup();
    cleanup = () => Promise.resolve();
  });

  it('reports a broken scenario file with its problems, skips it, and serves the others', async () => {
    let dir: string;
    ({ dir, cleanup } = await tempDir({
      'fixture.yaml': FIXTURE_YAML,
      'broken.yaml': BROKEN_FIXTURE_YAML,
    }));
    const started = await startServer({ SCENARIOS_DIR: dir, DEFAULT_SCENARIO: 'fixture' }, (lines) =>
      lines.some((l) => l.msg.startsWith('statusdrill listening')),
    );
    child = started.child;
    const skipped = started.lines.find((l) => l.msg.startsWith('scenario skipped'));
    expect(skipped?.msg).to.match(/broken\.yaml has 1 problem/);
    expect(skipped?.problems?.[0]).to.match(
      /broken\.yaml:\d+:\d+ timeline\[0\]\.actual\.lbp-ap: unknown channel "lbp-ap"; did you mean "lbp-app"\?/,
    );
    const listening = started.lines.find((l) => l.msg.startsWith('statusdrill listening'));
    const url = /listening on (http:\/\/\S+)/.exec(listening?.msg ?? '')?.[1];
    const health = (await (await fetch(`${url}/healthz`)).json()) as { scenarios: number };
    expect(health.scenarios).to.equal(1);
  });

  it('generates the admin token on first start, prints it once with the console URL, and never logs it', async () => {
    let dir: string;
    ({ dir, cleanup } = await tempDir());
    const listening = (lines: LogLine[]): boolean => lines.some((l) => l.msg.startsWith('statusdrill listening'));
    const env = { DATA_DIR: dir, DEFAULT_SCENARIO: 'tutorial', STATUSDRILL_ADMIN_TOKEN: '' };
    const first = await startServer(env, (lines) => lines.some((l) => l.msg.startsWith('facilitator console')));
    child = first.child;
    const token = (await readFile(join(dir, 'admin-token'), 'utf8')).trim();
    expect(token).to.have.length.greaterThan(20);
    expect((await stat(join(dir, 'admin-token'))).mode & 0o777).to.equal(0o600);
    // The printed lines arrive just after the listening log line.
    await new Promise((done) => setTimeout(done, 200));
    expect(first.text.join('\n')).to.match(/Facilitator console: http:\/\/localhost:\d+\/console/);
    expect(first.text.join('\n')).to.include(token);
    expect(JSON.stringify(first.lines)).to.not.include(token);
    child.kill('SIGKILL');
    await once(child, 'exit');

    const second = await startServer(env, listening);
    child = second.child;
    await new Promise((done) => setTimeout(done, 200));
    expect(second.text.join('\n')).to.not.include(token);
    expect(JSON.stringify(second.lines)).to.not.include(token);
  });

  it('closes cleanly on SIGTERM', async () => {
    const started = await startServer({ DEFAULT_SCENARIO: 'tutorial' }, (lines) =>
      lines.some((l) => l.msg.startsWith('statusdrill listening')),
    );
    child = started.child;
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).to.equal(0);
  });

  it('refuses to start on invalid configuration, naming the variable', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', resolve(PROJECT_ROOT, 'server/index.ts')], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(proc, 'exit')) as [number | null];
    expect(code).to.equal(2);
    expect(stderr).to.match(/^statusdrill: invalid configuration:\s+PORT:/);
    expect(stderr).to.not.match(/\bat .*\.ts:\d+/);
  });
});
