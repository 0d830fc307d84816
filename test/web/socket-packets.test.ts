/** Events encoded once: the same bytes socket.io and ws would write. */
import { expect } from 'chai';
import { Encoder, PacketType } from 'socket.io-parser';
import { WebSocket } from 'ws';
import { STATUS_NAMESPACE } from '../../server/events.js';
import { publicRunOf } from '../../server/status/public-run.js';
import { LiveRenderer } from '../../server/web/live-renderer.js';
import { encodeBroadcast, encodeEvent, encodeSnapshot, textFrameHeader } from '../../server/web/socket-packets.js';
import { testRun } from '../support/runs.js';

const socketIo = (nsp: string, data: unknown[]): string => {
  const packets: unknown[] = new Encoder().encode({ type: PacketType.EVENT, nsp, data });
  return packets[0] as string;
};

describe('socket packets', () => {
  [
    { name: 'a namespace', nsp: STATUS_NAMESPACE },
    { name: 'the main namespace', nsp: '/' },
  ].forEach(({ name, nsp }) => {
    it(`encodes an event of ${name} as socket.io does`, () => {
      const data = { run: 'é"<x>', version: 3, list: [1, null] };
      expect(encodeEvent(nsp, 'status:changed', JSON.stringify(data)).packet).to.equal(
        socketIo(nsp, ['status:changed', data]),
      );
    });
  });

  [0, 125, 126, 65_535, 65_536].forEach((length) => {
    it(`frames ${length} bytes of text as ws does`, () => {
      const data = Buffer.alloc(length, 'a');
      // ws keeps its frame builder off its types.
      const { Sender } = WebSocket as unknown as { Sender: { frame: (d: Buffer, o: object) => Buffer[] } };
      const [header] = Sender.frame(data, {
        readOnly: false,
        mask: false,
        rsv1: false,
        opcode: 1,
        fin: true,
      });
      expect(textFrameHeader(length).equals(header!)).to.equal(true);
    });
  });

  it('makes a broadcast frame of the engine.io message of the packet, in one buffer for one write', () => {
    for (const json of ['{"version":1}', JSON.stringify({ html: 'é'.repeat(40_000) })]) {
      const { packet, options } = encodeBroadcast(STATUS_NAMESPACE, 'status:changed', json);
      expect(options.wsPreEncodedFrame).to.have.length(1);
      const data = Buffer.from(`4${packet}`);
      expect(options.wsPreEncodedFrame![0]!.equals(Buffer.concat([textFrameHeader(data.length), data]))).to.equal(true);
    }
  });

  it('encodes a snapshot member for member as JSON.stringify does', () => {
    const { run } = testRun();
    const renderer = new LiveRenderer();
    const view = publicRunOf(run);
    for (let i = 0; i < 2; i += 1) {
      const { version, head, tail } = renderer.snapshotJson(view, 'fr');
      expect(head + tail).to.equal(JSON.stringify(renderer.snapshot(view, 'fr')));
      expect(version).to.equal(run.version);
    }
    run.close();
  });

  it('frames a snapshot in two buffers that make the frame ws would write', () => {
    const head = '{"run":"r","version":2,';
    const tail = `"html":${JSON.stringify('<p>é</p>'.repeat(50))}}`;
    for (let i = 0; i < 2; i += 1) {
      const { packet, options } = encodeSnapshot(STATUS_NAMESPACE, 'status:snapshot', head, tail);
      expect(packet).to.equal(encodeEvent(STATUS_NAMESPACE, 'status:snapshot', head + tail).packet);
      const [start, end] = options.wsPreEncodedFrame ?? [];
      const data = Buffer.from(`4${packet}`);
      expect(Buffer.concat([start!, end!]).equals(Buffer.concat([textFrameHeader(data.length), data]))).to.equal(true);
    }
  });
});
