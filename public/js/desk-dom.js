// Building the desk's elements safely: every text goes in as textContent, never as markup.

/**
 * @typedef {Node | string | null | undefined | false} Child
 * @typedef {Record<string, string | number | boolean | undefined>} Props
 */

/**
 * A new element. `props.text` becomes its text; `props.class` its class; `true` sets a boolean
 * attribute, `false` and `undefined` leave it out; everything else is an attribute.
 * @param {string} tag
 * @param {Props} [props]
 * @param {Child[]} [children]
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (name === 'text') element.textContent = String(value);
    else if (name === 'class') element.className = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/**
 * The element with `id`; throws when the page lacks it, so a broken template fails loudly.
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
export function byId(id) {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`desk: no element #${id}`);
  return /** @type {T} */ (element);
}

/**
 * Sets a text only when it changed, so screen readers and selections are left alone otherwise.
 * @param {Element} element
 * @param {string} text
 */
export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/**
 * A text of a localised value: in `lang`, else in the first language it has.
 * @param {string | Record<string, string> | undefined} value
 * @param {string} lang
 */
export function pick(value, lang) {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value[lang] ?? Object.values(value)[0] ?? '';
}
