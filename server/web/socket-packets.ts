/**
 * socket.io events encoded once and written as they are. socket.io encodes an event for every
 * `emit`: JSON of the whole payload, then, for a broadcast, a WebSocket frame. A status change
 * goes to thousands of viewers a slice at a time, and a snapshot (the whole page's live region)
 * to every viewer that joins; encoding each once and handing the same bytes to every socket's
 * engine.io connection (`conn.write`, as socket.io itself does after encoding) saves that work
 * per slice and per viewer. The bytes are those socket.io would write: a test holds them to it.
 */
import type { Socket } from 'socket.io';

/** An event of a namespace, encoded as a socket.io packet, with its WebSocket frame when made. */
export interface EncodedEvent {
  packet: string;
  /** engine.io's write options; `wsPreEncodedFrame` is the one socket.io's adapter sets for a broadcast. */
  options: { compress: false; wsPreEncodedFrame?: Buffer[] };
}

/** `event` with `json` (its argument, already JSON) as socket.io encodes it for namespace `nsp`. */
export function encodeEvent(nsp: string, event: string, json: string): EncodedEvent {
  return { packet: `2${nsp === '/' ? '' : `${nsp},`}[${JSON.stringify(event)},${json}]`, options: { compress: false } };
}

/**
 * The same, with the WebSocket frame made once for all its sockets (engine.io sends it as it is to
 * a socket on the WebSocket transport without compression, as socket.io's adapter does for a
 * broadcast; to one on polling, it sends the packet). The frame is one buffer, header and payload
 * together: ws writes a one-buffer frame with a single `write`, where two take a cork, two buffered
 * writes and a `writev`, for each of thousands of sockets.
 */
export function encodeBroadcast(nsp: string, event: string, json: string): EncodedEvent {
  const encoded = encodeEvent(nsp, event, json);
  // "4" is engine.io's type of a message packet.
  const data = Buffer.from(`4${encoded.packet}`);
  return {
    packet: encoded.packet,
    options: { compress: false, wsPreEncodedFrame: [Buffer.concat([textFrameHeader(data.length), data])] },
  };
}

/**
 * The header of a final, unmasked WebSocket text frame of `length` bytes (RFC 6455, 5.2): what a
 * server writes before the data, the length in 7 bits, or 16, or 64.
 */
export function textFrameHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([0x81, length]);
  if (length < 65_536) {
    const header = Buffer.from([0x81, 126, 0, 0]);
    header.writeUInt16BE(length, 2);
    return header;
  }
  const header = Buffer.alloc(10);
  header[0] = 0x81;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

/** The bytes of the last few tails given to `encodeSnapshot`, each with the packet's closing bracket. */
const tails = new Map<string, Buffer>();
const TAILS_KEPT = 8;

/**
 * `event` with the JSON `head + tail`, for one socket, where the tail is long and the same string
 * for many sockets (a snapshot's markup): its UTF-8 bytes are made once, and only the head's per
 * socket, both handed to the WebSocket as one frame in two buffers.
 */
export function encodeSnapshot(nsp: string, event: string, head: string, tail: string): EncodedEvent {
  const start = encodeEvent(nsp, event, head).packet.slice(0, -1);
  let end = tails.get(tail);
  if (end === undefined) {
    end = Buffer.from(`${tail}]`);
    tails.set(tail, end);
    if (tails.size > TAILS_KEPT) tails.delete(tails.keys().next().value as string);
  }
  const first = Buffer.from(`4${start}`);
  return {
    packet: `${start}${tail}]`,
    options: {
      compress: false,
      wsPreEncodedFrame: [Buffer.concat([textFrameHeader(first.length + end.length), first]), end],
    },
  };
}

/** The engine.io and ws internals a write of a ready-made frame goes through (their types hide them). */
interface EngineConnection {
  writeBuffer: unknown[];
  transport: {
    name: string;
    writable: boolean;
    socket?: { _sender?: { sendFrame?: (frame: Buffer[], done?: () => void) => void } };
  };
}

/**
 * Writes an encoded event to a socket whose connection is open (socket.io drops it otherwise
 * too). A frame made beforehand goes straight to the WebSocket when engine.io has nothing queued
 * and no write in flight, as engine.io itself would send it, without its bookkeeping of a packet
 * per socket (an object, four events, a callback); otherwise the packet is handed to engine.io.
 */
export function writeEncoded(socket: Pick<Socket, 'conn'>, event: EncodedEvent): void {
  const conn = socket.conn;
  if (conn.readyState !== 'open') return;
  const frame = event.options.wsPreEncodedFrame;
  const { writeBuffer, transport } = conn as unknown as EngineConnection;
  const sender = transport.socket?._sender;
  if (
    frame !== undefined &&
    transport.name === 'websocket' &&
    transport.writable &&
    writeBuffer.length === 0 &&
    typeof sender?.sendFrame === 'function'
  ) {
    sender.sendFrame(frame);
    return;
  }
  conn.write(event.packet, event.options);
}
