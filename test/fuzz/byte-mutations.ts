/**
 * Raw byte mutations of a scenario file, as a disk, an editor or a transfer might damage one:
 * flipped bits, truncation, inserted or deleted runs, splices of another scenario, invalid UTF-8,
 * NUL bytes, byte order marks, other encodings and line endings.
 */
import type { Rng } from './rng.js';

/** Byte sequences that are not valid UTF-8, or are valid but rarely expected. */
const STRANGE_BYTES: readonly number[][] = [
  [0x00],
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0x80],
  [0xc3],
  [0x80],
  [0xbf, 0xbf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xef, 0xbb, 0xbf],
  [0xe2, 0x80, 0xa8],
  [0xe2, 0x80, 0xae],
  [0x09],
  [0x0d],
  [0x0b],
  [0x1b, 0x5b, 0x32, 0x4a],
];

/** Characters that mean something to YAML. */
const INDICATORS = ':-?[]{},&*!|>\'"%@`#\n '.split('').map((c) => c.charCodeAt(0));

/** A mutation of bytes; it names what it did. */
type ByteMutation = (bytes: Buffer, rng: Rng, others: readonly Buffer[]) => { bytes: Buffer; did: string };

const at = (rng: Rng, bytes: Buffer): number => rng.int(bytes.length + 1);

/** The byte mutations, by name. */
export const BYTE_MUTATIONS: Record<string, ByteMutation> = {
  'bit-flip': (bytes, rng) => {
    const out = Buffer.from(bytes);
    const flips = rng.between(1, 8);
    for (let i = 0; i < flips && out.length > 0; i++) out[rng.int(out.length)]! ^= 1 << rng.int(8);
    return { bytes: out, did: `bit-flip x${flips}` };
  },
  'set-byte': (bytes, rng) => {
    const out = Buffer.from(bytes);
    const i = rng.int(Math.max(out.length, 1));
    if (out.length > 0) out[i] = rng.int(256);
    return { bytes: out, did: `set-byte @${i}` };
  },
  truncate: (bytes, rng) => {
    const end = at(rng, bytes);
    return { bytes: bytes.subarray(0, end), did: `truncate @${end}` };
  },
  'insert-strange': (bytes, rng) => {
    const i = at(rng, bytes);
    const run = Buffer.from(rng.pick(STRANGE_BYTES));
    const times = rng.size(64) + 1;
    return {
      bytes: Buffer.concat([bytes.subarray(0, i), Buffer.concat(Array(times).fill(run)), bytes.subarray(i)]),
      did: `insert-strange @${i} [${run.toString('hex')}]x${times}`,
    };
  },
  'insert-indicator': (bytes, rng) => {
    const i = at(rng, bytes);
    const byte = rng.pick(INDICATORS);
    return {
      bytes: Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i)]),
      did: `insert-indicator @${i} ${JSON.stringify(String.fromCharCode(byte))}`,
    };
  },
  'delete-run': (bytes, rng) => {
    const i = at(rng, bytes);
    const length = rng.size(4_096);
    return {
      bytes: Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + length)]),
      did: `delete-run @${i}+${length}`,
    };
  },
  'repeat-run': (bytes, rng) => {
    const i = at(rng, bytes);
    const run = bytes.subarray(i, i + rng.size(2_048) + 1);
    const times = rng.size(200) + 1;
    return {
      bytes: Buffer.concat([bytes.subarray(0, i), ...Array<Buffer>(times).fill(run), bytes.subarray(i)]),
      did: `repeat-run @${i}+${run.length}x${times}`,
    };
  },
  splice: (bytes, rng, others) => {
    const other = rng.pick(others);
    const i = at(rng, bytes);
    const from = rng.int(other.length + 1);
    const piece = other.subarray(from, from + rng.size(other.length) + 1);
    const cut = rng.chance(0.5) ? bytes.length : i + rng.size(4_096);
    return {
      bytes: Buffer.concat([bytes.subarray(0, i), piece, bytes.subarray(Math.min(cut, bytes.length))]),
      did: `splice @${i} of ${piece.length} bytes from another scenario`,
    };
  },
  'swap-lines': (bytes, rng) => {
    const lines = bytes.toString('latin1').split('\n');
    const a = rng.int(lines.length);
    const b = rng.int(lines.length);
    [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    return { bytes: Buffer.from(lines.join('\n'), 'latin1'), did: `swap-lines ${a + 1} and ${b + 1}` };
  },
  'shift-indent': (bytes, rng) => {
    const lines = bytes.toString('latin1').split('\n');
    const i = rng.int(lines.length);
    lines[i] = rng.chance(0.5) ? ` ${lines[i]}` : lines[i]!.replace(/^ /, rng.chance(0.5) ? '' : '\t');
    return { bytes: Buffer.from(lines.join('\n'), 'latin1'), did: `shift-indent line ${i + 1}` };
  },
  bom: (bytes, rng) => {
    const bom = rng.pick([
      [0xef, 0xbb, 0xbf],
      [0xff, 0xfe],
      [0xfe, 0xff],
      [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf],
    ]);
    return { bytes: Buffer.concat([Buffer.from(bom), bytes]), did: `bom ${Buffer.from(bom).toString('hex')}` };
  },
  'utf-16': (bytes, rng) => {
    const text = bytes.toString('utf8');
    const little = Buffer.from(text, 'utf16le');
    const out = rng.chance(0.5) ? little : little.swap16();
    return { bytes: Buffer.concat([Buffer.from(rng.chance(0.5) ? [0xff, 0xfe] : []), out]), did: 'utf-16' };
  },
  'line-endings': (bytes, rng) => {
    const ending = rng.pick(['\r\n', '\r', '\u2028', '\u0085']);
    return {
      bytes: Buffer.from(bytes.toString('utf8').replace(/\n/g, ending), 'utf8'),
      did: `line-endings ${JSON.stringify(ending)}`,
    };
  },
  'nul-fill': (bytes, rng) => {
    const out = Buffer.from(bytes);
    const i = rng.int(Math.max(out.length, 1));
    out.fill(0, i, Math.min(out.length, i + rng.size(1_024) + 1));
    return { bytes: out, did: `nul-fill @${i}` };
  },
};

/** `bytes` with `count` byte mutations; `others` are the other scenarios, for splices. */
export function mutateBytes(
  bytes: Buffer,
  rng: Rng,
  count: number,
  others: readonly Buffer[],
): { bytes: Buffer; did: string[] } {
  const names = Object.keys(BYTE_MUTATIONS);
  let out = bytes;
  const did: string[] = [];
  for (let i = 0; i < count; i++) {
    const step = BYTE_MUTATIONS[rng.pick(names)]!(out, rng, others);
    out = step.bytes;
    did.push(step.did);
  }
  return { bytes: out, did };
}
