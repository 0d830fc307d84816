/** socket.io viewers of a test app's status pages. */
import { io as connect, type Socket } from 'socket.io-client';
import type { AddressInfo } from 'node:net';
import type { App } from '../../server/app.js';
import {
  STATUS_NAMESPACE,
  type StatusClientToServer,
  type StatusServerToClient,
  type StatusChange,
  type StatusSnapshot,
} from '../../server/events.js';
import { applyParts } from '../../server/web/live-parts.js';

/**
 * A test viewer: `received` holds every snapshot and every change as the page ends up showing it
 * (a change's parts applied to the markup held before, as the page's script does), `changes`
 * every change as it came.
 */
export type Viewer = Socket<StatusServerToClient, StatusClientToServer> & {
  received: StatusSnapshot[];
  changes: StatusChange[];
};

/** Starts the app on a free port (once) and returns its base URL. */
export async function listen(app: App): Promise<string> {
  if (!app.httpServer.listening) await new Promise<void>((done) => app.httpServer.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
}

/** A connected viewer that records every snapshot and change it receives; `auth` goes with its handshake. */
export async function connectViewer(url: string, auth?: Record<string, unknown>): Promise<Viewer> {
  const socket = connect(`${url}${STATUS_NAMESPACE}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(auth === undefined ? {} : { auth }),
  }) as Viewer;
  socket.received = [];
  socket.changes = [];
  socket.on('status:snapshot', (s) => socket.received.push(s));
  socket.on('status:changed', (change) => {
    socket.changes.push(change);
    const held = socket.received.at(-1)?.html ?? '';
    const { parts, html, ...rest } = { parts: undefined, html: undefined, ...change };
    socket.received.push({ ...rest, html: html ?? applyParts(held, parts ?? []) });
  });
  await new Promise<void>((done, fail) => {
    socket.once('connect', () => done());
    socket.once('connect_error', fail);
  });
  return socket;
}

/** Waits until `predicate` holds for the viewer's received messages (2 s at most). */
export async function waitFor(
  viewer: Viewer,
  predicate: (received: StatusSnapshot[]) => boolean,
  what: string,
): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!predicate(viewer.received)) {
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}; received versions ${viewer.received.map((s) => s.version).join(', ')}`,
      );
    await new Promise((done) => setTimeout(done, 10));
  }
}
