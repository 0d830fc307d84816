/**
 * Sockets handed to another process, as the primary hands its clients to workers: what the client
 * writes before that process has taken the socket must reach it, not the primary.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { expect } from 'chai';
import { HandOvers } from '../../server/cluster/hand-over.js';
import { PROJECT_ROOT } from '../../server/config.js';

const CHILD = resolve(PROJECT_ROOT, 'test/support/hand-over-child.ts');

/** What `socket` receives first, or '' if nothing comes within `ms`. */
const firstData = (socket: Socket, ms: number): Promise<string> =>
  new Promise((done) => {
    const timer = setTimeout(() => done(''), ms);
    socket.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      done(chunk.toString());
    });
  });

describe('handing sockets over to another process', function () {
  this.timeout(20_000);
  let child: ChildProcess;
  let server: Server;
  let client: Socket | undefined;

  beforeEach(async () => {
    child = fork(CHILD, [], { execArgv: ['--import', 'tsx'] });
    await once(child, 'message');
    new HandOvers().watch(1, child);
    // The receiver is busy as the socket reaches it: it takes the socket a second late, as a
    // loaded worker does, and only the primary could read the socket in the meantime.
    server = createServer((socket) => {
      child.send({ busyMs: 1_000 });
      child.send('socket', socket);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });
  afterEach(async () => {
    client?.destroy();
    client = undefined;
    child.kill();
    server.close();
    await once(server, 'close');
  });

  it('leaves what the client writes before the receiver takes the socket to the receiver', async () => {
    const { port } = server.address() as AddressInfo;
    const opened = connect(port, '127.0.0.1');
    client = opened;
    await once(opened, 'connect');
    await new Promise((done) => setTimeout(done, 200));
    opened.write('written while the socket was on its way');
    expect(await firstData(opened, 5_000)).to.equal('written while the socket was on its way');
  });
});

describe('connections the primary keeps for a worker', () => {
  let server: Server;
  let held: HandOvers;
  let sent: unknown[][];
  const clients: Socket[] = [];

  const worker = { send: (...args: unknown[]): boolean => sent.push(args) > 0 };
  const open = async (): Promise<{ client: Socket; accepted: Socket }> => {
    const accepted = once(server, 'connection') as Promise<[Socket]>;
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    clients.push(client);
    await once(client, 'connect');
    return { client, accepted: (await accepted)[0] };
  };
  const start = (socket: Socket) => ({
    type: 'sticky:http-chunk-start',
    connectionId: 'c',
    socketInfo: { remoteAddress: socket.remoteAddress, remotePort: socket.remotePort },
  });

  beforeEach(async () => {
    sent = [];
    held = new HandOvers();
    server = createServer();
    held.follow(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    held.watch(1, worker);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    server.close();
    await once(server, 'close');
  });

  it('closes a request kept for a worker once that worker is gone, and only those', async () => {
    const kept = await open();
    const other = await open();
    worker.send(start(kept.accepted), () => undefined);
    expect(sent).to.have.length(1);
    const closed = once(kept.client, 'close');
    held.workerGone(2);
    expect(kept.client.destroyed, 'not the connections of another worker').to.equal(false);
    held.workerGone(1);
    await closed;
    expect(other.accepted.destroyed, 'a connection not kept for it is left').to.equal(false);
  });
});
