// Small DOM helpers and the console's words: every value goes through textContent or attributes,
// never through innerHTML.

/**
 * Creates an element. `props`: `class`, `text`, `dataset`, `on<event>` listeners, attributes
 * (true = present, false/undefined/null = absent).
 * @param {string} tag @param {Record<string, any>} [props] @param {...any} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

/**
 * Creates an SVG element.
 * @param {string} tag @param {Record<string, any>} [props] @param {...any} children
 * @returns {SVGElement}
 */
export function s(tag, props = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

/** @param {Element} element @param {Record<string, any>} props */
function applyProps(element, props) {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.setAttribute('class', String(value));
    else if (key === 'text') element.textContent = String(value);
    else if (key === 'dataset') Object.assign(/** @type {HTMLElement} */ (element).dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
}

/** @param {Element} element @param {any[]} children */
function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const signatures = new WeakMap();

/**
 * Fills `container` with what `build` returns, unless `data` is the same as last time. Keeps the
 * keyboard focus: an element with the same `data-focus` gets it back; when it is gone, the
 * section's heading does.
 * @param {HTMLElement} container @param {unknown} data @param {() => any} build
 */
export function renderInto(container, data, build) {
  const signature = JSON.stringify(data);
  if (signatures.get(container) === signature) return;
  signatures.set(container, signature);
  const active = document.activeElement;
  const hadFocus = active instanceof HTMLElement && container.contains(active);
  const focusKey = hadFocus ? active.dataset.focus : undefined;
  container.replaceChildren(...[build()].flat(Infinity).filter((node) => node !== undefined && node !== null));
  if (!hadFocus || container.contains(document.activeElement)) return;
  const again = focusKey === undefined ? null : container.querySelector(`[data-focus="${CSS.escape(focusKey)}"]`);
  const fallback = container.closest('section')?.querySelector('h2[tabindex]');
  if (again instanceof HTMLElement) again.focus();
  else if (fallback instanceof HTMLElement) fallback.focus();
}

/** Forgets what `container` showed, so the next `renderInto` draws it again. */
export function forget(/** @type {HTMLElement} */ container) {
  signatures.delete(container);
}

/** An element by id; throws when the template lacks it. */
export function byId(/** @type {string} */ id) {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`#${id} missing from the page`);
  return element;
}

/** How statuses look: a symbol (never colour alone), words and a CSS class. */
export const STATUS = {
  operational: { icon: '✓', label: 'Operational', css: 'ok' },
  degraded_performance: { icon: '▲', label: 'Degraded performance', css: 'degraded' },
  partial_outage: { icon: '◆', label: 'Partial outage', css: 'partial' },
  major_outage: { icon: '✕', label: 'Major outage', css: 'major' },
  under_maintenance: { icon: '⚙', label: 'Under maintenance', css: 'maintenance' },
};

/** Timeline entry kinds: the shape on the scrubber, and words. */
export const KIND = {
  actual: { label: 'Actual', shape: 'circle', lane: 0 },
  update: { label: 'Update', shape: 'square', lane: 1 },
  inject: { label: 'Inject', shape: 'triangle', lane: 2 },
  prompt: { label: 'Prompt', shape: 'diamond', lane: 3 },
  expect: { label: 'Expectation', shape: 'ring', lane: 4 },
};

/** How an expectation stands. */
export const EXPECTATION = {
  pending: { icon: '…', label: 'Pending', css: 'pending' },
  met: { icon: '✓', label: 'Met', css: 'ok' },
  late: { icon: '◷', label: 'Late', css: 'degraded' },
  missed: { icon: '✕', label: 'Missed', css: 'major' },
};

export const STAGE = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
};

/** A status badge: icon and words. @param {string} status */
export function statusBadge(status) {
  const look = STATUS[/** @type {keyof typeof STATUS} */ (status)] ?? { icon: '?', label: status, css: 'unknown' };
  return h(
    'span',
    { class: `badge st-${look.css}` },
    h('span', { 'aria-hidden': 'true', text: look.icon }),
    `\u00a0${look.label}`,
  );
}

/** A small SVG of a timeline kind's shape. @param {string} kind */
export function kindShape(kind) {
  return s(
    'svg',
    { class: `kind-shape kind-${kind}`, viewBox: '-8 -8 16 16', 'aria-hidden': 'true', focusable: 'false' },
    s('use', { href: `#shape-${kind}` }),
  );
}

/** A timeline kind shown by shape and words. @param {string} kind */
export function kindTag(kind) {
  const look = KIND[/** @type {keyof typeof KIND} */ (kind)];
  return h('span', { class: 'kind-tag' }, kindShape(kind), ` ${look?.label ?? kind}`);
}

/** A text in the scenario's language, read from a `{fr, en}` object or a plain string. */
export function pick(/** @type {unknown} */ text, /** @type {string} */ lang) {
  if (typeof text === 'string') return text;
  if (text === null || typeof text !== 'object') return '';
  const texts = /** @type {Record<string, string>} */ (text);
  return texts[lang] ?? Object.values(texts)[0] ?? '';
}

/** `2025-12-22T10:05:00+01:00` → `22 Dec 10:05`, as written (the scenario's zone). */
export function shortTime(/** @type {string} */ iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!match) return iso;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(match[3])} ${months[Number(match[2]) - 1] ?? ''} ${match[4]}:${match[5]}`;
}

/** A wall time (ISO, UTC) in the browser's zone, which it names. */
export function wallTime(/** @type {string | null | undefined} */ iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** A `<time>` element for a story time, short, with the full value in its attribute. */
export function storyTimeEl(/** @type {string} */ iso) {
  return h('time', { datetime: iso, title: iso, text: shortTime(iso) });
}

/** "1 entry", "3 entries". */
export function plural(/** @type {number} */ n, /** @type {string} */ one, /** @type {string} */ many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** A muted paragraph for an empty list. */
export function empty(/** @type {string} */ text) {
  return h('p', { class: 'muted empty', text });
}
