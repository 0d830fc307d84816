/**
 * Where a structure-aware mutation can act in a parsed scenario: every value of every mapping and
 * every item of every list, with its path and parent. Some mutations need text the document model
 * cannot hold (a nesting 50,000 deep, a billion-laughs block): they put a placeholder in the
 * document and the raw snippet replaces it once the document is written out.
 */
import { isMap, isScalar, isSeq, Scalar, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/** A value in the document, and how to reach and replace it. */
export interface Place {
  /** Keys and indexes from the root, e.g. `['timeline', 3, 'actual']`. */
  path: Array<string | number>;
  node: Node | null;
  /** The mapping or list that holds it. */
  parent: YAMLMap<unknown, unknown> | YAMLSeq<unknown>;
  /** Its position in the parent's items. */
  index: number;
  /** The pair it is the value of, when the parent is a mapping. */
  pair?: Pair<unknown, unknown>;
}

/** Every place under the document's root. */
export function placesOf(doc: Document): Place[] {
  const places: Place[] = [];
  const walk = (node: unknown, path: Array<string | number>): void => {
    if (isMap(node)) {
      node.items.forEach((pair, index) => {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const value = (pair.value ?? null) as Node | null;
        places.push({ path: [...path, key], node: value, parent: node, index, pair });
        walk(value, [...path, key]);
      });
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        places.push({ path: [...path, index], node: item as Node | null, parent: node, index });
        walk(item, [...path, index]);
      });
    }
  };
  walk(doc.contents, []);
  return places;
}

/** Puts `node` where `place` is. */
export function replaceAt(place: Place, node: unknown): void {
  if (place.pair !== undefined) place.pair.value = node;
  else (place.parent as YAMLSeq<unknown>).items[place.index] = node;
}

/** Removes the value (and its key) at `place`. */
export function removeAt(place: Place): void {
  place.parent.items.splice(place.index, 1);
}

/** The key a place has in its mapping, if any. */
export function keyOf(place: Place): string | undefined {
  const last = place.path[place.path.length - 1];
  return typeof last === 'string' ? last : undefined;
}

/** Raw snippets waiting for their placeholders. */
export class Slots {
  private readonly snippets = new Map<string, string>();

  /** A placeholder scalar that `render` will replace by `snippet`. */
  add(snippet: string): Scalar {
    const name = `FUZZSLOT${this.snippets.size}X`;
    this.snippets.set(name, snippet);
    return new Scalar(name);
  }

  /** The document as text, snippets in place. Throws when the model cannot be written out. */
  render(doc: Document): string {
    let text = doc.toString({ lineWidth: 0 });
    for (const [name, snippet] of this.snippets) text = text.split(name).join(snippet);
    return text;
  }
}
