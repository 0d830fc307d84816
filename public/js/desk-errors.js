// What stopped an update, shown next to the composer: a list in a role="alert" region, each
// problem linked to its field, and the field marked aria-invalid until it is edited.
import { h } from './desk-dom.js';

/**
 * @typedef {{ field: string | undefined; message: string }} Problem
 */

/**
 * A function that shows `problems` in `region` (or clears it when there are none).
 * @param {HTMLFormElement} form
 * @param {HTMLElement} region
 * @param {string} title
 * @returns {(problems: Problem[]) => void}
 */
export function errorList(form, region, title) {
  return (problems) => {
    for (const element of form.querySelectorAll('[aria-invalid]')) element.removeAttribute('aria-invalid');
    if (problems.length === 0) {
      region.replaceChildren();
      return;
    }
    const items = problems.map(({ field, message }) => {
      const target = field === undefined ? null : document.getElementById(field);
      target?.setAttribute('aria-invalid', 'true');
      return h('li', {}, [target === null ? message : h('a', { href: `#${field}`, text: message })]);
    });
    region.replaceChildren(h('p', { class: 'form-errors-title', text: title }), h('ul', {}, items));
  };
}

/**
 * The server's "path: message; path: message" as problems, each tied to the field its path
 * names (`update.` left off): `fieldFor('body', 'fr')`, `fieldFor('nextUpdateAt', '')`.
 * @param {string} message
 * @param {(head: string, sub: string) => string | undefined} fieldFor
 * @returns {Problem[]}
 */
export function serverProblems(message, fieldFor) {
  return message.split('; ').map((part) => {
    const path = /^([\w.-]+): /.exec(part)?.[1] ?? '';
    const [head = '', sub = ''] = path.replace(/^update\./, '').split('.');
    return { field: fieldFor(head, sub), message: part };
  });
}
