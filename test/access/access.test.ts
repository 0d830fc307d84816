import { expect } from 'chai';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveAdminToken } from '../../server/access/admin-token.js';
import { JoinCodes } from '../../server/access/join-codes.js';
import { assertRight, FACILITATOR, type Responder } from '../../server/access/principal.js';
import { sameSecret } from '../../server/access/secrets.js';
import { MAX_SESSIONS, Sessions, SESSION_IDLE_MS } from '../../server/access/sessions.js';
import { ConfigError } from '../../server/errors.js';
import { tempDir } from '../support/temp-dir.js';

describe('access', () => {
  describe('sameSecret', () => {
    [
      { name: 'equal secrets', given: 'abc-123', expected: 'abc-123', equal: true },
      { name: 'a different last character', given: 'abc-124', expected: 'abc-123', equal: false },
      { name: 'a prefix', given: 'abc', expected: 'abc-123', equal: false },
      { name: 'an empty string', given: '', expected: 'abc-123', equal: false },
    ].forEach(({ name, given, expected, equal }) => {
      it(`answers ${equal} for ${name}`, () => {
        expect(sameSecret(given, expected)).to.equal(equal);
      });
    });
  });

  describe('join codes', () => {
    it('finds a code however it is typed, and only while it is live', () => {
      const codes = new JoinCodes();
      const made = codes.create('run1', 'Comms');
      expect(made.code).to.match(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      expect(codes.find(made.code.toLowerCase().replace(/-/g, ' '))?.id).to.equal(made.id);
      codes.revoke('run1', made.id);
      expect(codes.find(made.code)).to.equal(undefined);
      expect(codes.isLive(made.id)).to.equal(false);
    });

    it("refuses to revoke another run's code", () => {
      const codes = new JoinCodes();
      const made = codes.create('run1', 'Comms');
      expect(() => codes.revoke('run2', made.id)).to.throw(/no join code/);
      expect(codes.isLive(made.id)).to.equal(true);
    });

    it('revokes every code of a run that ends, and no other', () => {
      const codes = new JoinCodes();
      codes.create('run1', 'A');
      codes.create('run1', 'B');
      const kept = codes.create('run2', 'C');
      codes.revokeRun('run1');
      expect(codes.list('run1')).to.deep.equal([]);
      expect(codes.list('run2')).to.deep.equal([kept]);
    });
  });

  describe('sessions', () => {
    it('expires a session left unused for the idle period', () => {
      let now = 1_000;
      const sessions = new Sessions(() => now);
      const { id } = sessions.open(FACILITATOR);
      now += SESSION_IDLE_MS - 1;
      expect(sessions.get(id)?.principal).to.deep.equal(FACILITATOR);
      now += SESSION_IDLE_MS + 1;
      expect(sessions.get(id)).to.equal(undefined);
    });

    it('keeps at most MAX_SESSIONS sessions, closing the oldest first', () => {
      const sessions = new Sessions();
      const first = sessions.open(FACILITATOR);
      const second = sessions.open(FACILITATOR);
      for (let i = 2; i < MAX_SESSIONS; i += 1) sessions.open(FACILITATOR);
      expect(sessions.get(first.id)).to.not.equal(undefined);
      sessions.open(FACILITATOR);
      expect(sessions.get(first.id)).to.equal(undefined);
      expect(sessions.get(second.id)).to.not.equal(undefined);
    });

    it('closes the sessions of the responders a code admitted', () => {
      const sessions = new Sessions();
      const alice: Responder = { role: 'responder', name: 'Alice', run: 'r', code: 'c1' };
      const bob: Responder = { role: 'responder', name: 'Bob', run: 'r', code: 'c2' };
      const a = sessions.open(alice);
      const b = sessions.open(bob);
      expect(sessions.closeWhere((p) => p.role === 'responder' && p.code === 'c1')).to.equal(1);
      expect(sessions.get(a.id)).to.equal(undefined);
      expect(sessions.get(b.id)?.principal).to.deep.equal(bob);
    });
  });

  describe('rights', () => {
    const responder: Responder = { role: 'responder', name: 'Alice', run: 'r1', code: 'c' };
    [
      { name: 'nobody, anything', principal: undefined, right: 'run' as const, run: 'r1', error: /sign in/ },
      {
        name: 'a responder, a facilitator right',
        principal: responder,
        right: 'facilitator' as const,
        run: 'r1',
        error: /only the facilitator/,
      },
      {
        name: 'a responder, another run',
        principal: responder,
        right: 'run' as const,
        run: 'r2',
        error: /own run only/,
      },
      { name: 'a responder, their run', principal: responder, right: 'run' as const, run: 'r1', error: undefined },
      {
        name: 'the facilitator, anything',
        principal: FACILITATOR,
        right: 'facilitator' as const,
        run: undefined,
        error: undefined,
      },
    ].forEach(({ name, principal, right, run, error }) => {
      it(`${error === undefined ? 'allows' : 'refuses'} ${name}`, () => {
        const check = (): void => assertRight(principal, right, run);
        if (error === undefined) expect(check).to.not.throw();
        else expect(check).to.throw(error);
      });
    });
  });

  describe('the admin token', () => {
    it('prefers the environment, and writes nothing then', async () => {
      const { dir, cleanup } = await tempDir();
      try {
        const token = await resolveAdminToken({ envToken: 'from-the-environment-123', dataDir: dir });
        expect(token).to.deep.equal({ token: 'from-the-environment-123', source: 'env' });
      } finally {
        await cleanup();
      }
    });

    it('generates a token once, readable by its owner only, and reads it back', async () => {
      const { dir, cleanup } = await tempDir();
      try {
        const first = await resolveAdminToken({ envToken: undefined, dataDir: join(dir, 'data') });
        expect(first.source).to.equal('generated');
        expect((await stat(join(dir, 'data', 'admin-token'))).mode & 0o777).to.equal(0o600);
        const second = await resolveAdminToken({ envToken: undefined, dataDir: join(dir, 'data') });
        expect(second).to.include({ source: 'file', token: first.token });
        expect((await readFile(join(dir, 'data', 'admin-token'), 'utf8')).trim()).to.equal(first.token);
      } finally {
        await cleanup();
      }
    });

    it('refuses a stored token that is too short', async () => {
      const { dir, cleanup } = await tempDir();
      try {
        await writeFile(join(dir, 'admin-token'), 'short\n');
        const error = await resolveAdminToken({ envToken: undefined, dataDir: dir }).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(ConfigError);
        expect((error as Error).message).to.match(/at least 16 characters/);
      } finally {
        await cleanup();
      }
    });
  });
});
