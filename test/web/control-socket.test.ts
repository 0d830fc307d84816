/** The `/control` namespace's live behaviour: views pushed after changes, the lobby, a run ending. */
import { expect } from 'chai';
import request from 'supertest';
import type { ConsoleView } from '../../server/control/views.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { listen } from '../support/viewers.js';
import {
  connectControl,
  facilitatorSession,
  FACILITATOR_AUTH,
  responderSession,
  type ControlClient,
} from '../support/control.js';

const LA_POSTE = 'la-poste-ddos-2025-12-22';

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 10));
  }
}

describe('the /control namespace', () => {
  let app: TestApp;
  let url: string;
  let run: string;
  const sockets: ControlClient[] = [];

  beforeEach(async () => {
    app = await createTestApp({}, { defaultRun: false });
    url = await listen(app);
    const created = await request(app.app)
      .post('/api/runs')
      .set(FACILITATOR_AUTH)
      .send({ scenario: LA_POSTE, mode: 'exercise', play: false })
      .expect(201);
    run = (created.body as { run: { id: string } }).run.id;
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await app.close();
  });

  const facilitator = async (): Promise<ControlClient> => {
    const socket = await connectControl(url, await facilitatorSession(app));
    sockets.push(socket);
    return socket;
  };

  it("pushes the run's view after a control, in the console's shape", async () => {
    const socket = await facilitator();
    const views: ConsoleView[] = [];
    socket.on('run:view', ({ view }: { view: ConsoleView }) => views.push(view));
    const watched = await socket.call('run:watch', { run });
    expect(watched.ok).to.equal(true);
    const before = (watched as { data: ConsoleView }).data.summary.clock.offsetMs;
    expect((await socket.call('runs:control', { run, control: 'step-next' })).ok).to.equal(true);
    await until(() => views.some((v) => v.summary.clock.offsetMs > before), 'a view after step-next');
    expect(views.at(-1)!.log[0]!.text).to.match(/^step-next/);
  });

  it('tells the lobby when a run is created', async () => {
    const socket = await facilitator();
    let changes = 0;
    socket.on('lobby:changed', () => (changes += 1));
    expect((await socket.call('lobby:watch')).ok).to.equal(true);
    expect((await socket.call('runs:create', { scenario: 'tutorial', play: false })).ok).to.equal(true);
    await until(() => changes > 0, 'lobby:changed');
  });

  it('tells those who follow a run that it ended, and disconnects its responders', async () => {
    const team = await responderSession(app, run, 'Alice');
    const desk = await connectControl(url, team);
    sockets.push(desk);
    expect((await desk.call('run:watch', { run })).ok).to.equal(true);
    const socket = await facilitator();
    let ended = '';
    socket.on('run:ended', (event: { run: string }) => (ended = event.run));
    await socket.call('run:watch', { run });
    expect((await socket.call('runs:end', { run })).ok).to.equal(true);
    await until(() => ended === run && !desk.connected, 'run:ended and the desk cut off');
    await request(app.app).get(`/desk/${run}`).set('Cookie', team.cookie).expect(404);
  });

  it('answers a malformed payload with an error acknowledgement and keeps the run as it was', async () => {
    const socket = await facilitator();
    const version = app.runs.require(run).version;
    for (const payload of [
      null,
      42,
      'play',
      { run, control: 'explode' },
      { run, control: 'seek', to: -5 },
      { run, control: 'speed', speed: 1e9 },
    ]) {
      const ack = await socket.call('runs:control', payload);
      expect(ack.ok, JSON.stringify(payload)).to.equal(false);
    }
    expect(app.runs.require(run).version).to.equal(version);
    expect(socket.connected).to.equal(true);
  });
});
