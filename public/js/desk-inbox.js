// The inbox: injects (press, social, phone, email, internal) newest first, unread ones
// highlighted and counted. What a responder has read is kept per run in localStorage, so a
// reload does not bring old messages back as new. Items are keyed by their ref and kept in
// place, so a focused button keeps its focus while views stream in.
import { byId, h, setText } from './desk-dom.js';
import { UI } from './desk-i18n.js';

/**
 * @param {{ run: string; lang: 'fr' | 'en'; announce: (text: string) => void; onCount: (unread: number) => void }} options
 */
export function createInbox({ run, lang, announce, onCount }) {
  const t = UI[lang];
  const list = byId('inbox-list');
  const empty = byId('inbox-empty');
  const count = byId('inbox-count');
  const markAll = /** @type {HTMLButtonElement} */ (byId('mark-all-read'));
  const storageKey = `statusdrill:desk:${run}:read`;
  /** @type {Set<string>} */
  const read = new Set(load(storageKey));
  /** @type {Map<string, { item: HTMLElement; offsetMs: number }>} */
  const items = new Map();
  let first = true;

  const save = () => {
    try {
      localStorage.setItem(storageKey, JSON.stringify([...read]));
    } catch {
      // Private browsing or a full storage: read marks then last for this page only.
    }
  };

  const refresh = () => {
    let unread = 0;
    for (const [ref, { item }] of items) {
      const isUnread = !read.has(ref);
      if (isUnread) unread += 1;
      item.classList.toggle('is-unread', isUnread);
      const badge = item.querySelector('.new-badge');
      const button = item.querySelector('button');
      if (badge instanceof HTMLElement) badge.hidden = !isUnread;
      if (button instanceof HTMLElement) button.hidden = !isUnread;
    }
    setText(count, `(${t.unread(unread)})`);
    count.classList.toggle('has-unread', unread > 0);
    markAll.hidden = unread === 0;
    empty.hidden = items.size > 0;
    onCount(unread);
  };

  const markRead = (/** @type {string} */ ref) => {
    read.add(ref);
    save();
    // Focus would fall to the page's top when the button hides: keep it on the message.
    const entry = items.get(ref);
    if (entry !== undefined && entry.item.contains(document.activeElement)) entry.item.focus();
    refresh();
  };

  markAll.addEventListener('click', () => {
    for (const ref of items.keys()) read.add(ref);
    save();
    refresh();
    // The button hides itself: keep the focus nearby, on the inbox's heading.
    byId('inbox-heading').focus();
  });

  /** @param {any} inject */
  const itemOf = (inject) => {
    const subject = inject.subject === '' ? t.noSubject : inject.subject;
    const headingId = `inject-${inject.ref}-subject`;
    const button = h('button', {
      type: 'button',
      class: 'small-button',
      text: t.markRead,
      'aria-label': t.markReadFor(subject),
    });
    button.addEventListener('click', () => markRead(inject.ref));
    const attributes = {
      class: `inject inject-${inject.channel}`,
      id: `inject-${inject.ref}`,
      tabindex: -1,
      'data-offset': inject.offsetMs,
    };
    return h('li', { ...attributes, 'aria-labelledby': headingId }, [
      h('p', { class: 'inject-meta' }, [
        h('span', { class: 'inject-channel', text: t.channels[inject.channel] ?? inject.channel }),
        ' · ',
        h('time', { text: inject.displayTime }),
        ' ',
        h('strong', { class: 'new-badge', text: t.newMessage }),
      ]),
      h('h3', { class: 'inject-subject', id: headingId, text: subject }),
      h('p', { class: 'inject-from' }, [h('span', { class: 'muted', text: `${t.from} ` }), inject.from]),
      h('p', { class: 'inject-body', text: inject.body }),
      button,
    ]);
  };

  /**
   * Shows the view's injects; announces the ones that arrived since the last view.
   * @param {any[]} injects the view's injects, each with `displayTime` added
   */
  const update = (injects) => {
    const present = new Set(injects.map((i) => i.ref));
    for (const [ref, { item }] of items) {
      if (present.has(ref)) continue;
      // A seek backwards took it out of the story.
      item.remove();
      items.delete(ref);
    }
    const arrived = [];
    for (const inject of [...injects].sort((a, b) => a.offsetMs - b.offsetMs)) {
      if (items.has(inject.ref)) continue;
      const item = itemOf(inject);
      // Newest first: before the first item that is not newer.
      const older = [...list.children].find((el) => Number(el.getAttribute('data-offset')) <= inject.offsetMs);
      list.insertBefore(item, older ?? null);
      items.set(inject.ref, { item, offsetMs: inject.offsetMs });
      if (!first && !read.has(inject.ref)) arrived.push(inject);
    }
    first = false;
    refresh();
    for (const inject of arrived) {
      announce(
        t.injectAnnounce(
          t.channels[inject.channel] ?? inject.channel,
          inject.from,
          inject.subject || inject.body.slice(0, 120),
        ),
      );
    }
  };

  return { update };
}

/** @param {string} key */
function load(key) {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
