// Channel and group names in every language of the run, from the desk's view: templates need the
// names in each language an update is written in.

/**
 * @typedef {{ channel: (id: string, lang: string) => string; group: (id: string) => string }} Names
 */

/**
 * Names for `channels` (ChannelView[]): each channel's name per language, its group's name.
 * @param {string} _run
 * @param {'fr' | 'en'} _lang
 * @param {string[]} _languages
 * @param {any[]} channels
 * @returns {Promise<Names>}
 */
export async function loadNames(_run, _lang, _languages, channels) {
  return {
    channel: (id, l) => {
      const view = channels.find((c) => c.id === id);
      return view?.names?.[l] ?? view?.name ?? id;
    },
    group: (id) => channels.find((c) => c.group === id)?.groupName ?? id,
  };
}
