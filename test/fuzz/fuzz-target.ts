/**
 * The server the API and socket fuzz hit: a test app listening on a free port, with rate limits
 * off (so payloads reach validation rather than a 429), and something for every operation to act
 * on: a paused exercise run needing approval with a responder and a pending draft, a paused replay
 * run with a note and a share, an ended run and a schedule. Every run stays paused, so its state
 * changes only when an operation changes it.
 */
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { listen } from '../support/viewers.js';
import { facilitatorSession, FACILITATOR_AUTH, responderSession, type TestSession } from '../support/control.js';
import { fingerprint } from './state-fingerprint.js';
import { validUpdate } from './command-examples.js';

/** How a request or a socket authenticates. */
export interface Credentials {
  /** Who it stands for, for the figures. */
  who: 'facilitator' | 'responder';
  /** Headers of a request: a bearer token, or a cookie with its anti-forgery header. */
  headers: Record<string, string>;
  /** The session, for sockets (cookie and anti-forgery token). */
  session: TestSession;
}

/** The ids the fuzz's valid examples refer to. */
export interface TargetIds {
  /** The exercise run (tutorial) that requires approval; the responder's run. */
  exercise: string;
  /** The replay run (tutorial), whose changes viewers see. */
  replay: string;
  /** An ended run. */
  ended: string;
  draft: string;
  code: string;
  note: string;
  share: string;
  schedule: string;
}

/** The server under fuzz. */
export interface FuzzTarget {
  app: TestApp;
  url: string;
  ids: TargetIds;
  facilitator: Credentials[];
  responder: Credentials[];
  /** Everything an operation could change, as one string. */
  fingerprint(): string;
  close(): Promise<void>;
}

/** What a run of the fuzz on one of the target's surfaces is given. */
export interface SurfaceFuzzOptions {
  seed: number;
  /** Payloads (requests, events; connections for raw packets). */
  count: number;
  target: FuzzTarget;
  /** How long an answer may take before the server is said to hang. */
  boundMs: number;
}

/** The scenario every run plays: small, so a fingerprint costs little. */
export const TARGET_SCENARIO = 'tutorial';

/** Starts the server and sets up what the fuzz acts on. */
export async function startFuzzTarget(): Promise<FuzzTarget> {
  const app = await createTestApp({ loginRateLimit: 0, apiRateLimit: 0, publicRateLimit: 0 }, { defaultRun: false });
  try {
    const url = await listen(app);
    const api = async <T>(method: 'post' | 'delete', path: string, body: object = {}): Promise<T> => {
      const res = await request(app.app)[method](path).set(FACILITATOR_AUTH).send(body);
      if (res.status >= 300) throw new Error(`setting up the fuzz target: ${method} ${path} answered ${res.status}`);
      return res.body as T;
    };
    const run = async (body: object): Promise<string> =>
      (await api<{ run: { id: string } }>('post', '/api/runs', { scenario: TARGET_SCENARIO, play: false, ...body })).run
        .id;

    const exercise = await run({ mode: 'exercise', requireApproval: true });
    const replay = await run({ mode: 'replay' });
    const ended = await run({ mode: 'replay' });
    await api('delete', `/api/runs/${ended}`);
    const team = await responderSession(app, exercise, 'Fuzz team');
    const code = app.control.codes.list(exercise)[0]!.id;
    const submitted = (
      await request(app.app)
        .post(`/api/runs/${exercise}/updates`)
        .set('Cookie', team.cookie)
        .set('x-csrf-token', team.csrf)
        .send({ update: validUpdate() })
        .expect(201)
    ).body as { draft: { id: string } };
    const note = (await api<{ id: string }>('post', `/api/runs/${replay}/notes`, { text: 'A note' })).id;
    const share = (await api<{ id: string }>('post', `/api/runs/${replay}/shares`)).id;
    // Due on 29 February at 03:00: never while the fuzz runs.
    const scheduled = await api<{ scheduled: { id: string } }>('post', '/api/runs', {
      scenario: TARGET_SCENARIO,
      start: { kind: 'cron', cron: '0 3 29 2 *', timeZone: 'UTC' },
    });
    const session = await facilitatorSession(app);
    const cookie = (s: TestSession): Record<string, string> => ({ Cookie: s.cookie, 'x-csrf-token': s.csrf });
    return {
      app,
      url,
      ids: { exercise, replay, ended, draft: submitted.draft.id, code, note, share, schedule: scheduled.scheduled.id },
      facilitator: [
        { who: 'facilitator', headers: FACILITATOR_AUTH, session },
        { who: 'facilitator', headers: cookie(session), session },
      ],
      responder: [
        { who: 'responder', headers: { Authorization: `Bearer ${team.code}` }, session: team },
        { who: 'responder', headers: cookie(team), session: team },
      ],
      fingerprint: () => fingerprint(app, ended),
      close: () => app.close(),
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}
