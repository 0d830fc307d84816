/**
 * Nothing around a run is lost in a crash either: after SIGKILL and a restart, the server still
 * has the run's waiting draft (and can approve it), its subscribers and outbox, its webhook (which
 * goes on receiving) and the delivery log, the facilitator's notes and the report's share link.
 */
import { expect } from 'chai';
import type { NotificationsView } from '../../server/notify/outbox.js';
import type { Draft } from '../../server/control/drafts.js';
import { pause, startReceiver, until, type Receiver } from '../notify/receiver.js';
import { killServer, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { tempDir } from '../support/temp-dir.js';

const TOKEN = 'item-recovery-token-0123456789';
const JSON_TYPE = { 'Content-Type': 'application/json' };
const ADMIN = { Authorization: `Bearer ${TOKEN}`, ...JSON_TYPE };

const update = (body: string) => ({
  incident: 'banking',
  title: { fr: 'Banque en ligne', en: 'Online banking' },
  status: 'investigating',
  impact: 'major',
  channels: { 'lbp-web': 'major_outage' },
  body: { fr: body, en: body },
});

describe('recovery of what belongs to a run', function () {
  this.timeout(60_000);
  let server: ServerProcess | undefined;
  let receiver: Receiver | undefined;
  let cleanup: () => Promise<void> = () => Promise.resolve();
  afterEach(async () => {
    await killServer(server);
    server = undefined;
    await receiver?.close();
    await cleanup();
  });

  const call = async <T>(path: string, method = 'GET', body?: unknown, headers: Record<string, string> = ADMIN) => {
    const res = await fetch(`${server!.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  it('keeps drafts, subscribers, the outbox, webhooks, deliveries, notes and share links across a SIGKILL', async () => {
    let dir: string;
    ({ dir, cleanup } = await tempDir());
    receiver = await startReceiver();
    const env = { DATA_DIR: dir, STATUSDRILL_ADMIN_TOKEN: TOKEN, DEFAULT_SCENARIO: 'tutorial' };
    server = await startServerProcess(env);
    const created = await call<{ run: { id: string } }>('/api/runs', 'POST', {
      scenario: 'la-poste-ddos-2025-12-22',
      mode: 'exercise',
      requireApproval: true,
      play: false,
    });
    const run = created.body.run.id;
    const code = (await call<{ code: string }>(`/api/runs/${run}/codes`, 'POST', { label: 'Comms' })).body.code;
    const responder = { Authorization: `Bearer ${code}`, 'X-Responder-Name': 'Alice', ...JSON_TYPE };
    const drafted = await call<{ draft: Draft }>(
      `/api/runs/${run}/updates`,
      'POST',
      { update: update('Alice’s draft') },
      responder,
    );
    expect(drafted.status, JSON.stringify(drafted.body)).to.equal(201);
    expect(
      (await call(`/r/${run}/subscribe`, 'POST', { kind: 'email', address: 'jane@example.org' }, JSON_TYPE)).status,
    ).to.equal(201);
    expect((await call(`/api/runs/${run}/webhooks`, 'POST', { url: receiver.url })).status).to.equal(201);
    await call(`/api/runs/${run}/actions`, 'POST', {
      action: { type: 'publish', update: update('Facilitator update') },
    });
    await until(() => receiver!.received.length >= 1, 5_000);
    const note = await call<{ id: string }>(`/api/runs/${run}/notes`, 'POST', { text: 'Approval took long' });
    expect(note.status).to.equal(201);
    const { token } = (await call<{ token: string }>(`/api/runs/${run}/shares`, 'POST', { label: 'Boss' })).body;
    let before: NotificationsView | undefined;
    for (let i = 0; i < 100 && (before?.deliveries.length ?? 0) === 0; i++) {
      if (i > 0) await pause(20);
      before = (await call<NotificationsView>(`/api/runs/${run}/notifications`)).body;
    }
    expect(before!.deliveries).to.have.length.greaterThan(0);
    await killServer(server, 'SIGKILL');

    server = await startServerProcess(env);
    const view = (await call<{ drafts: Draft[]; notes: Array<{ text: string }> }>(`/api/runs/${run}`)).body;
    expect(view.drafts.map((d) => [d.author, d.state])).to.deep.equal([['Alice', 'pending']]);
    expect(view.notes.map((n) => n.text)).to.deep.equal(['Approval took long']);
    const after = (await call<NotificationsView>(`/api/runs/${run}/notifications`)).body;
    expect(after.subscribers.map((s) => s.address)).to.deep.equal(['j***@example.org']);
    expect(after.outbox).to.deep.equal(before!.outbox);
    expect(after.webhooks).to.deep.equal(before!.webhooks);
    expect(after.deliveries).to.deep.equal(before!.deliveries);
    expect((await fetch(`${server.url}/share/${token}`)).status).to.equal(200);

    const received = receiver.received.length;
    const approved = await call<{ draft: Draft }>(`/api/runs/${run}/drafts/${view.drafts[0]!.id}`, 'POST', {
      decision: 'approve',
    });
    expect(approved.body.draft.state).to.equal('approved');
    await until(() => receiver!.received.length > received, 5_000);
    const latest = (await call<NotificationsView>(`/api/runs/${run}/notifications`)).body;
    expect(latest.deliveries.length).to.be.greaterThan(after.deliveries.length);
    expect(new Set(latest.deliveries.map((d) => d.id)).size).to.equal(latest.deliveries.length);
    expect(latest.outbox.length).to.be.greaterThan(after.outbox.length);
  });
});
