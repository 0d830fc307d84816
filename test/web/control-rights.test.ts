/**
 * The rights matrix: every control route and every `/control` event, without credentials, with
 * wrong ones, with a responder's of another run, with a responder's of the run, and with the
 * facilitator's. Rights are checked before anything else, so "allowed" means "not 401 or 403".
 */
import { expect } from 'chai';
import request from 'supertest';
import { COMMANDS, type CommandName } from '../../server/control/commands.js';
import { CONTROL_ROUTES, type ControlRoute } from '../../server/web/control-api.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { listen } from '../support/viewers.js';
import {
  connectControl,
  facilitatorSession,
  FACILITATOR_AUTH,
  responderSession,
  type ControlClient,
  type TestSession,
} from '../support/control.js';

const LA_POSTE = 'la-poste-ddos-2025-12-22';

/** A path with its parameters filled: the run under test, and ids that need not exist. */
const pathOf = (route: ControlRoute, run: string): string =>
  route.path
    .replace(':run', run)
    .replace(':draft', 'd0')
    .replace(':code', 'c0')
    .replace(':webhook', 'w0')
    .replace(':note', 'n0')
    .replace(':share', 'sh0')
    .replace(':schedule', 's0');

const send = (app: TestApp, route: ControlRoute, run: string): request.Test => {
  const agent = request(app.app);
  const test = agent[route.method](pathOf(route, run));
  return route.method === 'get' || route.method === 'delete' ? test : test.send({});
};

/** Commands that name no run. */
const WITHOUT_RUN = new Set<string>([
  'scenarios:list',
  'runs:list',
  'runs:create',
  'runs:ended',
  'schedules:list',
  'schedules:remove',
]);

/** Whether a responder of the run may use the command. */
const responderMay = (name: CommandName): boolean => COMMANDS[name].right === 'run';

describe('control rights', () => {
  let app: TestApp;
  let run: string;
  let other: string;
  let responder: TestSession & { code: string };
  let stranger: TestSession & { code: string };

  beforeEach(async () => {
    app = await createTestApp({}, { defaultRun: false });
    const scenario = app.control.library.find((e) => e.id === LA_POSTE);
    if (!scenario?.result.ok) throw new Error('the La Poste scenario must load');
    run = app.runs.create({ scenario: scenario.result.scenario, mode: 'exercise' }).id;
    other = app.runs.create({ scenario: scenario.result.scenario, mode: 'exercise' }).id;
    responder = await responderSession(app, run, 'Alice');
    stranger = await responderSession(app, other, 'Mallory');
  });
  afterEach(async () => {
    await app.close();
  });

  it('has a route for every command, and every route names a command', () => {
    const routed = new Set(CONTROL_ROUTES.map((r) => r.command));
    expect([...routed].sort()).to.deep.equal(Object.keys(COMMANDS).sort());
  });

  describe('over HTTP', () => {
    for (const route of CONTROL_ROUTES) {
      const label = `${route.method.toUpperCase()} ${route.path}`;

      it(`${label}: 401 without credentials`, async () => {
        const res = await send(app, route, run);
        expect(res.status, res.text).to.equal(401);
        expect(res.body).to.have.nested.property('error.code', 'unauthorized');
      });

      it(`${label}: 401 with a wrong bearer token`, async () => {
        const res = await send(app, route, run).set('Authorization', 'Bearer not-the-admin-token-0000');
        expect(res.status, res.text).to.equal(401);
      });

      it(`${label}: 403 for a responder of another run`, async () => {
        const res = await send(app, route, run).set('Authorization', `Bearer ${stranger.code}`);
        expect(res.status, res.text).to.equal(403);
      });

      it(`${label}: ${responderMay(route.command) ? 'allowed' : '403'} for a responder of the run`, async () => {
        const res = await send(app, route, run).set('Authorization', `Bearer ${responder.code}`);
        if (responderMay(route.command)) expect(res.status, res.text).to.not.be.oneOf([401, 403]);
        else expect(res.status, res.text).to.equal(403);
      });

      it(`${label}: allowed for the facilitator`, async () => {
        const res = await send(app, route, run).set(FACILITATOR_AUTH);
        expect(res.status, res.text).to.not.be.oneOf([401, 403]);
      });
    }

    it('refuses a cookie-authenticated change without the anti-forgery token', async () => {
      const session = await facilitatorSession(app);
      const res = await request(app.app)
        .post(`/api/runs/${run}/control`)
        .set('Cookie', session.cookie)
        .send({ control: 'play' });
      expect(res.status).to.equal(403);
      expect((res.body as { error: { message: string } }).error.message).to.match(/anti-forgery/);
    });

    it('refuses a cookie-authenticated change from another origin, even with the token', async () => {
      const session = await facilitatorSession(app);
      const res = await request(app.app)
        .post(`/api/runs/${run}/control`)
        .set('Cookie', session.cookie)
        .set('X-CSRF-Token', session.csrf)
        .set('Origin', 'https://evil.example')
        .send({ control: 'play' });
      expect(res.status).to.equal(403);
    });

    it('accepts a cookie-authenticated change with the token from this site', async () => {
      const session = await facilitatorSession(app);
      await request(app.app)
        .post(`/api/runs/${run}/control`)
        .set('Cookie', session.cookie)
        .set('X-CSRF-Token', session.csrf)
        .send({ control: 'play' })
        .expect(200);
      expect(app.runs.require(run).clock.playing).to.equal(true);
    });

    it('shuts a responder out when their code is revoked', async () => {
      const codes = await request(app.app).get(`/api/runs/${run}/codes`).set(FACILITATOR_AUTH).expect(200);
      const id = (codes.body as Array<{ id: string }>)[0]!.id;
      await request(app.app).delete(`/api/runs/${run}/codes/${id}`).set(FACILITATOR_AUTH).expect(200);
      await request(app.app).get(`/api/runs/${run}`).set('Authorization', `Bearer ${responder.code}`).expect(401);
      await request(app.app).get(`/desk/${run}`).set('Cookie', responder.cookie).expect(303);
    });

    it('limits failed sign-ins per address', async () => {
      const limited = await createTestApp({ loginRateLimit: 3 }, { defaultRun: false });
      try {
        for (let i = 0; i < 3; i += 1)
          await request(limited.app).post('/login').type('form').send({ token: 'wrong-token-wrong-token' }).expect(401);
        await request(limited.app).post('/login').type('form').send({ token: 'wrong-token-wrong-token' }).expect(429);
      } finally {
        await limited.close();
      }
    });
  });

  describe('over /control', () => {
    let url: string;
    const sockets: ControlClient[] = [];
    const open = async (session?: Partial<TestSession>): Promise<ControlClient> => {
      const socket = await connectControl(url, session);
      sockets.push(socket);
      return socket;
    };
    beforeEach(async () => {
      url = await listen(app);
    });
    afterEach(() => {
      for (const socket of sockets.splice(0)) socket.close();
    });

    it('refuses a connection without a session', async () => {
      await connectControl(url).then(
        () => expect.fail('connected without a session'),
        (error: Error) => expect(error.message).to.equal('unauthorized'),
      );
    });

    it('refuses a connection with a session but without its anti-forgery token', async () => {
      const session = await facilitatorSession(app);
      await connectControl(url, { cookie: session.cookie, csrf: 'wrong' }).then(
        () => expect.fail('connected with a wrong token'),
        (error: Error) => expect(error.message).to.equal('unauthorized'),
      );
    });

    /** The events besides the commands, with the right each needs. */
    const FOLLOWING = { 'run:watch': 'run', 'run:unwatch': 'run', 'lobby:watch': 'facilitator' } as const;
    const events = [
      ...(Object.keys(COMMANDS) as CommandName[]),
      ...(Object.keys(FOLLOWING) as Array<keyof typeof FOLLOWING>),
    ];
    for (const name of events) {
      const right = name in FOLLOWING ? FOLLOWING[name as keyof typeof FOLLOWING] : COMMANDS[name as CommandName].right;
      const payload = (id: string): Record<string, string> =>
        name === 'schedules:remove' ? { schedule: 's0' } : WITHOUT_RUN.has(name) ? {} : { run: id };

      it(`${name}: forbidden for a responder of another run`, async () => {
        const socket = await open(stranger);
        const ack = await socket.call(name, payload(run));
        expect(ack.ok).to.equal(false);
        if (!ack.ok) expect(ack.error.code).to.equal('forbidden');
      });

      it(`${name}: ${right === 'run' ? 'allowed' : 'forbidden'} for a responder of the run`, async () => {
        const socket = await open(responder);
        const ack = await socket.call(name, payload(run));
        if (right === 'run') expect(ack.ok || !['forbidden', 'unauthorized'].includes(ack.error.code)).to.equal(true);
        else expect(ack.ok ? 'ok' : ack.error.code).to.equal('forbidden');
      });

      it(`${name}: allowed for the facilitator`, async () => {
        const socket = await open(await facilitatorSession(app));
        const ack = await socket.call(name, payload(run));
        expect(ack.ok || !['forbidden', 'unauthorized'].includes(ack.error.code), JSON.stringify(ack)).to.equal(true);
      });
    }

    it('cuts off a responder whose code is revoked, at the next event', async () => {
      const socket = await open(responder);
      expect((await socket.call('runs:get', { run })).ok).to.equal(true);
      const codes = await request(app.app).get(`/api/runs/${run}/codes`).set(FACILITATOR_AUTH).expect(200);
      const id = (codes.body as Array<{ id: string; label: string }>)[0]!.id;
      await request(app.app).delete(`/api/runs/${run}/codes/${id}`).set(FACILITATOR_AUTH).expect(200);
      await new Promise((done) => setTimeout(done, 50));
      expect(socket.connected).to.equal(false);
    });
  });
});
