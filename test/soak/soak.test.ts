/**
 * The soak's short form: `bench/soak.ts` for 10 s with 200 viewers, as `npm run soak` runs it
 * for a minute with 2,000. It must exit 0, with every check of its results passed.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../server/config.js';
import { tempDir } from '../support/temp-dir.js';

describe('the soak, short form', function () {
  this.timeout(90_000);

  it('keeps every viewer in order and on the last version, every answer a 200, lateness and memory in bounds', async () => {
    const { dir, cleanup } = await tempDir();
    const out = join(dir, 'soak.json');
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', resolve(PROJECT_ROOT, 'bench/soak.ts')], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, SOAK_SECONDS: '10', SOAK_VIEWERS: '200', SOAK_CONCURRENCY: '8', SOAK_OUT: out },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code, output).to.equal(0);
      const results = JSON.parse(await readFile(out, 'utf8')) as {
        checks: Record<string, boolean>;
        viewers: { viewers: number; changes: number; outOfOrder: number };
        http: { requests: number };
        latenessMs: { samples: number };
      };
      expect(Object.keys(results.checks)).to.have.length(7);
      for (const [check, passed] of Object.entries(results.checks)) expect(passed, check).to.equal(true);
      expect(results.viewers.viewers).to.equal(200);
      expect(results.viewers.changes).to.be.greaterThan(200 * 20);
      expect(results.http.requests).to.be.greaterThan(1000);
      expect(results.latenessMs.samples).to.be.greaterThan(1000);
      expect(output).to.match(/soak: 10 s at 100x, 200 viewers/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await cleanup();
    }
  });
});
