/**
 * No secret reaches a log line: the server runs as a child process at the most verbose level, is
 * signed into, joined, shared, hooked and subscribed to, refused wrong secrets, and drained; then
 * every byte it wrote is searched for every secret it was given or gave out.
 */
import { expect } from 'chai';
import { killServer, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { tempDir } from '../support/temp-dir.js';

const ADMIN = 'the-admin-secret-0123456789abcdef';
const WRONG = 'the-admin-secret-0123456789abcdeX';
const HOOK_SECRET = 'T0SECRET/B0SECRET/xoxb-hook-secret';
const SUBSCRIBER = 'camille.secret@example.org';

describe('secrets in logs', function () {
  this.timeout(30_000);
  let server: ServerProcess | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await killServer(server);
    server = undefined;
    await cleanup?.();
  });

  it('writes none of the admin token, wrong tokens, codes, cookies, share tokens, webhook URLs or addresses', async () => {
    const made = await tempDir();
    cleanup = made.cleanup;
    server = await startServerProcess({
      DATA_DIR: made.dir,
      STATUSDRILL_ADMIN_TOKEN: ADMIN,
      LOG_LEVEL: 'trace',
      DEFAULT_SCENARIO: 'tutorial',
    });
    const { url } = server;
    const bearer = { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' };
    const post = async (path: string, body: object, headers: Record<string, string> = bearer) =>
      fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const secrets: string[] = [ADMIN, WRONG, HOOK_SECRET, SUBSCRIBER];

    const run = (await (await post('/api/runs', { scenario: 'tutorial', mode: 'exercise' })).json()) as {
      run: { id: string };
    };
    const id = run.run.id;
    const code = (await (await post(`/api/runs/${id}/codes`, { label: 'Comms' })).json()) as { code: string };
    secrets.push(code.code);
    const share = (await (await post(`/api/runs/${id}/shares`, {})).json()) as { token: string };
    secrets.push(share.token);
    expect(
      (await post(`/api/runs/${id}/webhooks`, { url: `https://hooks.example.org/${HOOK_SECRET}` })).status,
    ).to.equal(201);
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const subscribe = await fetch(`${url}/r/${id}/subscribe`, {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({ kind: 'email', address: SUBSCRIBER }),
      redirect: 'manual',
    });
    expect(subscribe.status).to.be.oneOf([201, 303]);

    const login = await fetch(`${url}/login`, {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({ token: ADMIN }),
      redirect: 'manual',
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).to.match(/^sd_session=./);
    secrets.push(cookie.slice('sd_session='.length));
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(
      await (await fetch(`${url}/console`, { headers: { Cookie: cookie } })).text(),
    )?.[1];
    expect(csrf).to.be.a('string');
    secrets.push(csrf!);
    // A publish sends the webhook, which fails (no network here) and is logged as a failure.
    expect(
      (
        await post(`/api/runs/${id}/actions`, {
          action: {
            type: 'publish',
            update: { incident: 'x', status: 'investigating', impact: 'minor', title: { en: 'T' }, body: { en: 'B' } },
          },
        })
      ).status,
    ).to.equal(201);

    // Secrets in paths and queries: a share link, a join link.
    expect((await fetch(`${url}/share/${share.token}?from=${ADMIN}`)).status).to.equal(200);
    expect((await fetch(`${url}/join/${code.code}`)).status).to.equal(200);

    // Wrong secrets, each way they can be given.
    expect((await post('/api/runs', {}, { ...bearer, Authorization: `Bearer ${WRONG}` })).status).to.equal(401);
    const wrongLogin = await fetch(`${url}/login`, {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({ token: WRONG }),
      redirect: 'manual',
    });
    expect(wrongLogin.status).to.be.within(400, 499);
    const wrongJoin = await fetch(`${url}/join`, {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({ code: WRONG, name: 'x' }),
      redirect: 'manual',
    });
    expect(wrongJoin.status).to.be.within(400, 499);
    // An unknown session cookie is not a session: the console answers with its sign-in form.
    await (await fetch(`${url}/console`, { headers: { Cookie: `sd_session=${WRONG}` } })).text();

    await new Promise((done) => setTimeout(done, 500));
    await killServer(server, 'SIGTERM');
    const output = server.output();
    expect(output).to.include('SIGTERM received');
    // The access log is on at this level, with the secret segments of paths masked.
    expect(output).to.include('"path":"/share/…"').and.include('"path":"/join/…"').and.include('"status":401');
    for (const secret of secrets) expect(output, `a log line holds ${secret.slice(0, 6)}…`).to.not.include(secret);
  });
});
