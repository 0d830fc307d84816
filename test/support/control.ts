/** Signed-in clients of a test app's control surfaces: sessions, CSRF tokens and `/control` sockets. */
import request from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import type { App } from '../../server/app.js';
import { CONTROL_NAMESPACE, type Ack } from '../../server/events.js';
import { CONTROL_SOCKET_PATH } from '../../server/web/control-plane.js';
import { ADMIN_TOKEN } from './test-app.js';

/** A browser-like session: its cookie and its anti-forgery token. */
export interface TestSession {
  cookie: string;
  csrf: string;
}

/** The `Authorization` header of the facilitator. */
export const FACILITATOR_AUTH = { Authorization: `Bearer ${ADMIN_TOKEN}` };

/** Signs in as the facilitator through the login form. */
export async function facilitatorSession(app: App): Promise<TestSession> {
  const login = await request(app.app).post('/login').type('form').send({ token: ADMIN_TOKEN }).expect(303);
  const cookie = sessionCookie(login.headers['set-cookie']);
  const page = await request(app.app).get('/console').set('Cookie', cookie).expect(200);
  return { cookie, csrf: csrfOf(page.text) };
}

/** Makes a join code for `run` (as the facilitator) and joins with it through the form. */
export async function responderSession(
  app: App,
  run: string,
  name = 'Responder',
): Promise<TestSession & { code: string }> {
  const made = await request(app.app)
    .post(`/api/runs/${run}/codes`)
    .set(FACILITATOR_AUTH)
    .send({ label: 'Comms' })
    .expect(201);
  const code = (made.body as { code: string }).code;
  const join = await request(app.app).post('/join').type('form').send({ code, name }).expect(303);
  const cookie = sessionCookie(join.headers['set-cookie']);
  const page = await request(app.app).get(`/desk/${run}`).set('Cookie', cookie).expect(200);
  return { cookie, csrf: csrfOf(page.text), code };
}

/** A `/control` socket with a session (or none). */
export type ControlClient = Socket & { call: (event: string, payload?: unknown) => Promise<Ack<unknown>> };

/** Connects to `/control`; rejects when the server refuses the handshake. */
export async function connectControl(url: string, session?: Partial<TestSession>): Promise<ControlClient> {
  const socket = connect(`${url}${CONTROL_NAMESPACE}`, {
    path: CONTROL_SOCKET_PATH,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: session?.csrf === undefined ? {} : { csrf: session.csrf },
    extraHeaders: session?.cookie === undefined ? {} : { Cookie: session.cookie },
  }) as ControlClient;
  socket.call = (event, payload = {}) =>
    new Promise((done) => socket.emit(event, payload, (response: Ack<unknown>) => done(response)));
  await new Promise<void>((done, fail) => {
    socket.once('connect', () => done());
    socket.once('connect_error', (error) => {
      socket.close();
      fail(error);
    });
  });
  return socket;
}

function sessionCookie(header: string[] | string | undefined): string {
  const list = Array.isArray(header) ? header : header === undefined ? [] : [header];
  const cookie = list.find((c) => c.startsWith('sd_session='));
  if (cookie === undefined) throw new Error('no session cookie was set');
  return cookie.split(';')[0]!;
}

function csrfOf(html: string): string {
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error('the page has no csrf-token meta');
  return token;
}
