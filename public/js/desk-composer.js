// The composer: an update to a new or existing incident, with its stage, impact, the statuses it
// sets on the page, its text and "what still works" in each language of the run, and when the
// next update will come. It publishes with `runs:publish`; the answer is either published
// ({ seq }) or a draft waiting for the facilitator ({ draft }). Errors are shown next to the form.
import { byId, h, setText } from './desk-dom.js';
import { PUBLIC, UI } from './desk-i18n.js';
import { TEMPLATE_STAGES, templateFacts, updateTemplate } from './desk-templates.js';
import { SETTABLE, fieldsOf, slug } from './desk-fields.js';
import { errorList, serverProblems } from './desk-errors.js';

/**
 * @param {{
 *   run: string;
 *   lang: 'fr' | 'en';
 *   socket: { timeout(ms: number): { emit(event: string, payload: unknown, ack: (err: Error | null, response: any) => void): void } };
 *   onChange: () => void;
 *   storyNow: () => number;
 *   stamp: (offsetMs: number) => string;
 * }} options
 */
export function createComposer({ run, lang, socket, onChange, storyNow, stamp }) {
  const t = UI[lang];
  const form = /** @type {HTMLFormElement} */ (byId('composer'));
  const incident = /** @type {HTMLSelectElement} */ (byId('incident'));
  const newIncident = byId('new-incident');
  const incidentId = /** @type {HTMLInputElement} */ (byId('incident-id'));
  const impact = /** @type {HTMLSelectElement} */ (byId('impact'));
  const next = /** @type {HTMLSelectElement} */ (byId('next-update'));
  const nextCustom = /** @type {HTMLInputElement} */ (byId('next-update-custom'));
  const nextCustomField = byId('next-update-custom-field');
  const errors = byId('composer-errors');
  const status = byId('composer-status');
  const submit = /** @type {HTMLButtonElement} */ (byId('publish'));
  const fields = fieldsOf({ lang, titles: byId('titles'), texts: byId('texts'), statuses: byId('channel-statuses') });

  /** @type {any} the last view */
  let view;
  /** @type {import('./desk-names.js').Names | undefined} */
  let names;
  let idTouched = false;
  /** @type {string | undefined} the incident to select once the view has it */
  let selectWhenKnown;
  let busy = false;
  let showAll = false;
  const showAllButton = byId('show-all-statuses');
  const statusesNone = byId('statuses-none');

  /** Lists the channels this update is likely about, or all of them. */
  const filterStatuses = () => {
    const incidentChannels = new Set(current()?.channels ?? []);
    const channelsById = new Map((view?.channels ?? []).map((/** @type {any} */ c) => [c.id, c]));
    const shown = fields.filter(showAll, (id) => {
      const c = channelsById.get(id);
      return c !== undefined && (c.diverges || c.published !== 'operational' || incidentChannels.has(id));
    });
    statusesNone.hidden = shown > 0;
    showAllButton.setAttribute('aria-expanded', String(showAll));
    setText(showAllButton, showAll ? t.showConcerned : t.showAll(fields.count()));
  };
  showAllButton.addEventListener('click', () => {
    showAll = !showAll;
    filterStatuses();
  });

  const showErrors = errorList(form, errors, t.errorsTitle);

  /**
   * The field a server error names, by its path (`body.fr`, `channels.lbp-web`, `nextUpdateAt`).
   * @param {string} head
   * @param {string} sub
   * @returns {string | undefined}
   */
  const fieldFor = (head, sub) => {
    if (head === 'title' || head === 'body' || head === 'workaround') return fields.idOf(head, sub);
    if (head === 'channels') return fields.statusId(sub);
    if (head === 'incident') return current() === undefined ? 'incident-id' : 'incident';
    if (head === 'nextUpdateAt') return next.value === 'other' ? 'next-update-custom' : 'next-update';
    return { impact: 'impact', status: 'stage-investigating' }[head];
  };

  const stage = () =>
    /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="stage"]:checked'))?.value ??
    'investigating';
  const current = () => (view?.incidents ?? []).find((/** @type {any} */ i) => i.id === incident.value);

  /** The incident options, keeping the choice. */
  const renderIncidents = () => {
    const incidents = [...(view?.incidents ?? [])].sort((a, b) => b.updatedAtMs - a.updatedAtMs);
    const wanted =
      selectWhenKnown !== undefined && incidents.some((i) => i.id === selectWhenKnown)
        ? selectWhenKnown
        : incident.value;
    if (wanted === selectWhenKnown) selectWhenKnown = undefined;
    const options = [h('option', { value: '', text: t.newIncident })];
    for (const i of incidents) {
      const title = i.title[lang] ?? Object.values(i.title)[0] ?? i.id;
      options.push(h('option', { value: i.id, text: `${title} · ${PUBLIC[lang].stage[i.stage]} (${i.id})` }));
    }
    const signature = options.map((o) => `${o.getAttribute('value')}=${o.textContent}`).join('|');
    if (incident.dataset.signature !== signature) {
      incident.replaceChildren(...options);
      incident.dataset.signature = signature;
    }
    incident.value = incidents.some((i) => i.id === wanted) ? wanted : '';
    syncIncident();
  };

  /** Shows the new-incident fields or the chosen incident's current impact. */
  const syncIncident = () => {
    const chosen = current();
    filterStatuses();
    newIncident.hidden = chosen !== undefined;
    const first = impact.options[0];
    if (first !== undefined)
      first.text = chosen === undefined ? t.chooseImpact : t.unchangedImpact(PUBLIC[lang].impact[chosen.impact]);
  };

  const deriveId = () => {
    if (idTouched) return;
    const existing = new Set((view?.incidents ?? []).map((/** @type {any} */ i) => i.id));
    let id = slug(fields.title(lang) || Object.values(fields.titles()).find(Boolean) || '');
    if (id !== '' && existing.has(id)) id = `${id.slice(0, 61)}-2`;
    incidentId.value = id;
  };

  // Preview and validity follow every keystroke.
  form.addEventListener('input', (event) => {
    if (event.target === incidentId) idTouched = incidentId.value.trim() !== '';
    if (event.target instanceof HTMLElement && event.target.dataset.role === 'title') deriveId();
    if (event.target instanceof HTMLElement) event.target.removeAttribute('aria-invalid');
    onChange();
  });
  form.addEventListener('change', (event) => {
    if (event.target === incident) syncIncident();
    if (event.target === next) {
      nextCustomField.hidden = next.value !== 'other';
      if (next.value === 'other') nextCustom.focus();
    }
    onChange();
  });

  byId('use-template').addEventListener('click', () => {
    const chosen = stage();
    if (!TEMPLATE_STAGES.includes(/** @type {any} */ (chosen))) return;
    const facts = templateFacts(chosen, view?.channels ?? [], fields.statuses(), current()?.channels);
    for (const l of view?.languages ?? [lang]) {
      const text = updateTemplate(/** @type {any} */ (chosen), l, {
        affected: facts.affected.map((id) => names?.channel(id, l) ?? id),
        working: facts.working.map((id) => names?.channel(id, l) ?? id),
      });
      fields.setText(l, 'body', text.body);
      fields.setText(l, 'workaround', text.workaround);
    }
    let note = '';
    if (chosen !== 'resolved' && next.value === '') {
      next.value = (view?.policy?.maxGapMs ?? Infinity) <= 15 * 60_000 ? '+15m' : '+30m';
      note = t.nextSetTo(next.selectedOptions[0]?.text ?? next.value);
    }
    setText(status, t.templateFilled(PUBLIC[lang].stage[chosen]) + note);
    onChange();
  });

  byId('copy-monitoring').addEventListener('click', () => {
    for (const c of view?.channels ?? [])
      if (c.diverges && SETTABLE.includes(c.actual)) fields.setStatus(c.id, c.actual);
    onChange();
  });

  /** The update as typed, and what is missing. */
  const collect = () => {
    const chosen = current();
    /** @type {Array<{ field: string; message: string }>} */
    const problems = [];
    /** @type {Record<string, unknown>} */
    const update = { incident: chosen === undefined ? incidentId.value.trim() : chosen.id, status: stage() };
    if (chosen === undefined) {
      const titles = fields.titles();
      if (Object.keys(titles).length === 0) problems.push({ field: fields.firstId('title'), message: t.needTitle });
      else update.title = titles;
      if (update.incident === '') problems.push({ field: 'incident-id', message: t.needId });
      if (impact.value === '') problems.push({ field: 'impact', message: t.needImpact });
    }
    if (impact.value !== '') update.impact = impact.value;
    const channels = fields.statuses();
    if (Object.keys(channels).length > 0) update.channels = channels;
    const body = fields.texts('body');
    if (Object.keys(body).length === 0) problems.push({ field: fields.firstId('body'), message: t.needBody });
    update.body = body;
    const workaround = fields.texts('workaround');
    if (Object.keys(workaround).length > 0) update.workaround = workaround;
    const nextAt = next.value === 'other' ? nextCustom.value.trim() : next.value;
    if (next.value === 'other' && nextAt === '') problems.push({ field: 'next-update-custom', message: t.needNext });
    if (nextAt !== '') update.nextUpdateAt = nextAt;
    return { update, problems };
  };

  const reset = () => {
    fields.clear();
    incidentId.value = '';
    idTouched = false;
    impact.value = '';
    next.value = '';
    nextCustom.value = '';
    nextCustomField.hidden = true;
    showErrors([]);
    filterStatuses();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    const { update, problems } = collect();
    showErrors(problems);
    if (problems.length > 0) return;
    busy = true;
    submit.disabled = true;
    setText(status, t.publishing);
    socket.timeout(15_000).emit('runs:publish', { run, update }, (err, ack) => {
      busy = false;
      submit.disabled = false;
      if (err !== null && err !== undefined) {
        setText(status, '');
        showErrors([{ field: undefined, message: t.noAnswer }]);
        return;
      }
      if (!ack?.ok) {
        setText(status, '');
        showErrors(serverProblems(ack?.error?.message ?? String(ack?.error?.code ?? 'error'), fieldFor));
        return;
      }
      const published = ack.data?.draft === undefined;
      reset();
      if (published) selectWhenKnown = String(update.incident);
      else incident.value = '';
      syncIncident();
      setText(status, published ? t.published(stamp(ack.data?.offsetMs ?? storyNow())) : t.drafted);
      onChange();
    });
  });

  /**
   * Takes a view: incidents, channels, languages, approval.
   * @param {any} next_
   * @param {import('./desk-names.js').Names} names_
   */
  const update = (next_, names_) => {
    view = next_;
    names = names_;
    fields.build(view.languages, view.channels, names_, t);
    fields.hints(view.channels, (c) =>
      t.pageNow(
        `${PUBLIC[lang].status[c.published].icon} ${c.publishedLabel}`,
        `${PUBLIC[lang].status[c.actual].icon} ${c.actualLabel}`,
      ),
    );
    renderIncidents();
    filterStatuses();
    const approval = view.summary.requireApproval === true;
    setText(submit, approval ? t.submitForApproval : t.publish);
    byId('approval-notice').hidden = !approval;
  };

  /** What the preview needs: the update as typed, and the incident it goes to. */
  const draft = () => ({
    ...collect().update,
    nextChoice: next.value,
    current: current(),
    languages: view?.languages ?? [lang],
  });

  /**
   * Sets a channel's status in the update, from the monitoring panel.
   * @param {string} channel
   * @param {string} to
   */
  const useStatus = (channel, to) => {
    if (!SETTABLE.includes(to)) return;
    fields.setStatus(channel, to);
    document.getElementById(fields.statusId(channel) ?? '')?.focus();
    onChange();
  };

  return { update, draft, useStatus };
}
