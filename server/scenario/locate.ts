/**
 * Maps a path inside a parsed YAML (or JSON) document back to a line and column, so problems
 * found on plain data can be shown where the author wrote them.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { DocPath } from './problems.js';

/** A 1-based position in a file. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Position of the value at `path` (or of its key when `atKey`), falling back to the deepest
 * enclosing node that exists: a missing key is reported at the object that lacks it.
 */
export function locate(doc: Document, lines: LineCounter, path: DocPath, atKey = false): Position {
  let node: unknown = doc.contents;
  let best: Node | null = doc.contents;
  for (const [i, part] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (pair === undefined) break;
      if (last && atKey && isScalar(pair.key)) {
        best = pair.key;
        break;
      }
      node = pair.value;
      if (node === null && isScalar(pair.key)) {
        best = pair.key;
        break;
      }
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
    } else {
      break;
    }
    if (node === undefined || node === null) break;
    best = node as Node;
  }
  const offset = best?.range?.[0] ?? 0;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}
