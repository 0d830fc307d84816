// The facilitator's ad-hoc actions on a run: set a channel's actual status, publish an incident
// update, send an inject, and seek to a typed story time. The forms are in the template; pushes
// only refresh their choices (channels, incidents, languages), keeping what was typed.
import { STATUS, byId, h, pick, renderInto } from './console-dom.js';

/** @typedef {import('../../server/control/views.js').ConsoleView} ConsoleView */

const NEW_INCIDENT = '';

/**
 * @param {object} deps
 * @param {(name: string, input?: object) => Promise<any>} deps.call
 * @param {(text: string) => void} deps.notify
 * @param {(error: unknown) => void} deps.fail
 * @param {() => string | undefined} deps.runId
 */
export function createRunForms({ call, notify, fail, runId }) {
  const actualForm = /** @type {HTMLFormElement} */ (byId('actual-form'));
  const incidentForm = /** @type {HTMLFormElement} */ (byId('incident-form'));
  const injectForm = /** @type {HTMLFormElement} */ (byId('inject-form'));
  const seekForm = /** @type {HTMLFormElement} */ (byId('seek-form'));
  const actualChannel = /** @type {HTMLSelectElement} */ (byId('actual-channel'));
  const incidentSelect = /** @type {HTMLSelectElement} */ (byId('incident-id'));
  const channelGrid = byId('incident-channels');

  for (const select of document.querySelectorAll('select[data-statuses]')) {
    select.replaceChildren(
      ...Object.entries(STATUS).map(([value, look]) => h('option', { value, text: `${look.icon} ${look.label}` })),
    );
  }
  /** @type {string[]} */
  let languages = ['fr', 'en'];

  /**
   * Submits a form: builds the input (which may throw an Error saying what to fix), sends it,
   * then says it worked. @param {HTMLFormElement} form @param {(run: string) => [string, object, string]} build
   * @param {() => void} [after]
   */
  const onSubmit = (form, build, after) => {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const run = runId();
      if (run === undefined) return;
      try {
        const [name, input, done] = build(run);
        call(name, input)
          .then(() => {
            notify(done);
            after?.();
          })
          .catch(fail);
      } catch (error) {
        fail(error);
      }
    });
  };

  onSubmit(actualForm, (run) => {
    const data = new FormData(actualForm);
    const channel = String(data.get('channel') ?? '');
    const status = String(data.get('status') ?? '');
    const name = actualChannel.selectedOptions[0]?.textContent ?? channel;
    const look = STATUS[/** @type {keyof typeof STATUS} */ (status)];
    return [
      'runs:act',
      { run, action: { type: 'set-actual', channel, status } },
      `${name}: actual status set to ${look?.label ?? status}.`,
    ];
  });

  onSubmit(
    incidentForm,
    (run) => {
      const data = new FormData(incidentForm);
      const chosen = String(data.get('incident') ?? NEW_INCIDENT);
      const incident = chosen === NEW_INCIDENT ? String(data.get('newId') ?? '').trim() : chosen;
      if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(incident))
        throw new Error('Incident id: lowercase letters, digits and dashes, e.g. "ddos".');
      const title = texts(data, 'title');
      const body = texts(data, 'body');
      const impact = String(data.get('impact') ?? '');
      if (chosen === NEW_INCIDENT && (title === undefined || impact === ''))
        throw new Error('A new incident needs a title and an impact.');
      if (body === undefined) throw new Error('Message: write it in at least one language.');
      /** @type {Record<string, string>} */
      const channels = {};
      for (const select of channelGrid.querySelectorAll('select')) {
        if (select.value !== '') channels[select.name] = select.value;
      }
      const next = String(data.get('nextUpdateAt') ?? '').trim();
      const update = {
        incident,
        status: String(data.get('status')),
        body,
        ...(title === undefined ? {} : { title }),
        ...(impact === '' ? {} : { impact }),
        ...(Object.keys(channels).length === 0 ? {} : { channels }),
        ...(next === '' ? {} : { nextUpdateAt: next }),
      };
      return ['runs:act', { run, action: { type: 'publish', update } }, `Update published on incident "${incident}".`];
    },
    () => {
      const published = String(new FormData(incidentForm).get('newId') ?? '').trim();
      incidentForm.reset();
      if (published !== '') incidentForm.dataset.select = published;
      showNewIncidentFields();
    },
  );

  onSubmit(
    injectForm,
    (run) => {
      const data = new FormData(injectForm);
      const from = String(data.get('from') ?? '').trim();
      if (from === '') throw new Error('Inject: say who it is from.');
      const body = texts(data, 'body');
      if (body === undefined) throw new Error('Inject: write its message in at least one language.');
      const subject = texts(data, 'subject');
      const inject = {
        channel: String(data.get('channel')),
        from,
        body,
        ...(subject === undefined ? {} : { subject }),
      };
      return ['runs:act', { run, action: { type: 'inject', inject } }, 'Inject sent to responders.'];
    },
    () => injectForm.reset(),
  );

  onSubmit(seekForm, (run) => {
    const to = String(new FormData(seekForm).get('to') ?? '').trim();
    if (to === '') throw new Error('Story time: a date-time such as 2025-12-22T10:00+01:00, or an offset such as +3h.');
    return ['runs:control', { run, control: 'seek', to }, `Moved the story clock to ${to}.`];
  });

  const showNewIncidentFields = () => {
    const isNew = incidentSelect.value === NEW_INCIDENT;
    for (const field of incidentForm.querySelectorAll('[data-new-incident]'))
      /** @type {HTMLElement} */ (field).hidden = !isNew;
  };
  incidentSelect.addEventListener('change', showNewIncidentFields);

  /** Texts per language from `<name>-<lang>` fields; undefined when all are empty. @param {FormData} data @param {string} name */
  function texts(data, name) {
    /** @type {Record<string, string>} */
    const out = {};
    for (const lang of languages) {
      const text = String(data.get(`${name}-${lang}`) ?? '').trim();
      if (text !== '') out[lang] = text;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }

  return {
    /** Refreshes the forms' choices for a view. @param {ConsoleView} view */
    update(view) {
      languages = view.languages;
      for (const field of document.querySelectorAll('#run [data-field-lang]')) {
        /** @type {HTMLElement} */ (field).hidden = !languages.includes(
          /** @type {HTMLElement} */ (field).dataset.fieldLang ?? '',
        );
      }
      const channels = view.channels.map((c) => ({ id: c.id, name: c.name }));
      keepValue(actualChannel, () =>
        renderInto(actualChannel, channels, () =>
          channels.map((c) => h('option', { value: c.id, lang: view.lang, text: c.name })),
        ),
      );
      renderInto(channelGrid, channels, () =>
        channels.map((c) =>
          h(
            'div',
            { class: 'channel-pick' },
            h('label', { for: `incident-channel-${c.id}`, lang: view.lang, text: c.name }),
            h(
              'select',
              { id: `incident-channel-${c.id}`, name: c.id, dataset: { focus: `ic-${c.id}` } },
              h('option', { value: '', text: '(not named)' }),
              Object.entries(STATUS).map(([value, look]) => h('option', { value, text: `${look.icon} ${look.label}` })),
            ),
          ),
        ),
      );
      const incidents = view.incidents.map((i) => ({ id: i.id, title: pick(i.title, view.lang), stage: i.stage }));
      keepValue(incidentSelect, () =>
        renderInto(incidentSelect, incidents, () => [
          h('option', { value: NEW_INCIDENT, text: 'New incident…' }),
          incidents.map((i) => h('option', { value: i.id, lang: view.lang, text: `${i.title} (${i.id}, ${i.stage})` })),
        ]),
      );
      const wanted = incidentForm.dataset.select;
      if (wanted !== undefined && incidents.some((i) => i.id === wanted)) {
        incidentSelect.value = wanted;
        delete incidentForm.dataset.select;
      }
      showNewIncidentFields();
    },
    reset() {
      for (const form of [actualForm, incidentForm, injectForm, seekForm]) form.reset();
      delete incidentForm.dataset.select;
    },
  };
}

/** Redraws a select's options, keeping the chosen value when it is still there. @param {HTMLSelectElement} select @param {() => void} redraw */
function keepValue(select, redraw) {
  const value = select.value;
  redraw();
  if ([...select.options].some((option) => option.value === value)) select.value = value;
}
