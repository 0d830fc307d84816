/**
 * A follower passing the control plane on to the leader: requests as they came (method, path,
 * body, headers, cookies both ways), where they came from, WebSocket upgrades piped through, and a
 * 503 with Retry-After while no leader is known or it cannot be reached.
 */
import { expect } from 'chai';
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Server as IoServer } from 'socket.io';
import { io as connectIo } from 'socket.io-client';
import { silentLogger } from '../../server/logger.js';
import { PEER_HEADER, proxyToLeader, proxyUpgrades, type LeaderAddress } from '../../server/web/leader-proxy.js';
import { passControlPlane } from '../../server/web/control-plane.js';
import { errorHandler } from '../../server/web/error-handler.js';

const listen = async (server: Server): Promise<number> => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
};

describe('passing the control plane on to the leader', () => {
  let leaderServer: Server;
  let leaderIo: IoServer;
  let edgeServer: Server;
  let address: ReturnType<LeaderAddress>;
  let edgeUrl: string;

  beforeEach(async () => {
    const leader = express();
    leader.use(express.json());
    leader.all('/{*any}', (req, res) => {
      res.setHeader('Set-Cookie', 'sd_session=abc; HttpOnly');
      res.status(req.method === 'POST' ? 201 : 200).json({
        method: req.method,
        url: req.originalUrl,
        body: req.body as unknown,
        cookie: req.headers.cookie ?? null,
        forwardedFor: req.headers['x-forwarded-for'] ?? null,
      });
    });
    leaderServer = createServer(leader);
    leaderIo = new IoServer(leaderServer, { path: '/control.io' });
    leaderIo.of('/control').on('connection', (socket) => {
      socket.on('echo', (value: unknown, ack: (v: unknown) => void) => ack({ echoed: value }));
    });
    const port = await listen(leaderServer);
    address = { host: '127.0.0.1', port };

    const edge = express();
    edge.use(proxyToLeader(() => address, silentLogger()));
    edge.use(errorHandler(silentLogger()));
    edgeServer = createServer(edge);
    proxyUpgrades(edgeServer, '/control.io/', () => address, silentLogger());
    edgeUrl = `http://127.0.0.1:${await listen(edgeServer)}`;
  });
  afterEach(async () => {
    await leaderIo.close();
    edgeServer.closeAllConnections();
    await new Promise((done) => edgeServer.close(done));
  });

  it('passes a request on as it came, and the answer back as it was given', async () => {
    const res = await request(edgeServer)
      .post('/api/runs/x/control?lang=fr')
      .set('Cookie', 'sd_session=s1')
      .send({ control: 'play' });
    expect(res.status).to.equal(201);
    expect(res.headers['set-cookie']).to.deep.equal(['sd_session=abc; HttpOnly']);
    expect(res.body).to.deep.include({
      method: 'POST',
      url: '/api/runs/x/control?lang=fr',
      body: { control: 'play' },
      cookie: 'sd_session=s1',
    });
    expect((res.body as { forwardedFor: string }).forwardedFor).to.match(/127\.0\.0\.1$/);
  });

  it('answers 503 with Retry-After while no leader is known', async () => {
    address = undefined;
    const res = await request(edgeServer).get('/api/runs').set('Accept', 'application/json');
    expect(res.status).to.equal(503);
    expect(res.headers['retry-after']).to.equal('2');
    expect((res.body as { error: { code: string } }).error.code).to.equal('unavailable');
  });

  it('answers 503 with Retry-After when the leader cannot be reached', async () => {
    await leaderIo.close();
    const res = await request(edgeServer).get('/api/runs');
    expect(res.status).to.equal(503);
    expect(res.headers['retry-after']).to.equal('2');
  });

  it('pipes a control socket through to the leader, websocket only', async () => {
    const socket = connectIo(`${edgeUrl}/control`, {
      path: '/control.io',
      transports: ['websocket'],
      reconnection: false,
    });
    try {
      const answer: unknown = await socket.timeout(3_000).emitWithAck('echo', 'ping');
      expect(answer).to.deep.equal({ echoed: 'ping' });
    } finally {
      socket.disconnect();
    }
  });

  it('pipes a control socket through to the leader over long polling too', async () => {
    const socket = connectIo(`${edgeUrl}/control`, {
      path: '/control.io',
      transports: ['polling'],
      reconnection: false,
    });
    try {
      const answer: unknown = await socket.timeout(3_000).emitWithAck('echo', 'ping');
      expect(answer).to.deep.equal({ echoed: 'ping' });
    } finally {
      socket.disconnect();
    }
  });
});

describe('a follower handed a request by a peer', () => {
  let leaderHits: number;
  let leaderServer: Server;
  let follower: express.Express;
  const TOKEN = 'peer-token';

  beforeEach(async () => {
    leaderHits = 0;
    leaderServer = createServer((_req, res) => {
      leaderHits += 1;
      res.end('{}');
    });
    const port = await listen(leaderServer);
    const pass: express.RequestHandler = (_req, _res, next) => next();
    follower = express();
    follower.use(
      passControlPlane({
        leading: () => false,
        leader: () => ({ host: '127.0.0.1', port }),
        token: TOKEN,
        logger: silentLogger(),
        limiters: { login: pass, subscription: pass },
      }),
    );
    follower.use(errorHandler(silentLogger()));
  });
  afterEach(async () => {
    leaderServer.closeAllConnections();
    await new Promise((done) => leaderServer.close(done));
  });

  it('passes a client’s request on, but answers a peer’s with 503 rather than pass it round again', async () => {
    expect((await request(follower).get('/api/runs')).status).to.equal(200);
    expect(leaderHits).to.equal(1);
    const res = await request(follower).get('/api/runs').set(PEER_HEADER, TOKEN);
    expect(res.status).to.equal(503);
    expect(res.headers['retry-after']).to.equal('2');
    expect(leaderHits, 'nothing passed on').to.equal(1);
  });
});
