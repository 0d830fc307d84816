/**
 * How deep a scenario's flow collections (`[…]`, `{…}`, and so every level of a JSON file) may
 * nest. A valid scenario needs six levels at most. The YAML parser spends about ten microseconds
 * per level and its recursion overflows the stack past a thousand, so 256 KB of brackets held it
 * for two seconds: a file nested deeper than the limit is refused before it is parsed, after a
 * lexing pass that costs a few milliseconds and never recurses.
 */
import { CST, Lexer } from 'yaml';

/** The most flow collections a scenario may nest. */
export const MAX_NESTING = 64;

/** Tokens the lexer adds to mark modes; they stand for no character of the text. */
const MARKERS = new Set(['\u0002', '\u0018', '\u001f']);

/** The offset of the first bracket nested deeper than `MAX_NESTING`, or undefined. */
export function overNested(text: string): number | undefined {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (MARKERS.has(token)) continue;
    const type = CST.tokenType(token);
    if (type === 'flow-seq-start' || type === 'flow-map-start') {
      depth += 1;
      if (depth > MAX_NESTING) return offset;
    } else if (type === 'flow-seq-end' || type === 'flow-map-end') {
      depth = Math.max(0, depth - 1);
    }
    offset += token.length;
  }
  return undefined;
}
