// The console's line to the server: one socket on `/control`, commands with acknowledgements.
// Wire contract: server/events.ts (events) and server/control/commands.ts (commands and inputs).
/** @typedef {import('../../server/events.js').Ack<unknown>} Ack */

const ACK_TIMEOUT_MS = 10_000;

/** An error a command answered with, or a timeout; `code` as the server says it. */
export class CommandError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * Connects to `/control` with the page's anti-forgery token and the language of scenario texts.
 * @param {'fr' | 'en'} lang
 */
export function connectControl(lang) {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const socket = window.io('/control', {
    path: '/control.io',
    auth: { csrf },
    query: { lang },
    transports: ['websocket', 'polling'],
  });

  /**
   * Sends a command and resolves with its data; rejects with a CommandError.
   * @param {string} name @param {Record<string, unknown>} [input]
   * @returns {Promise<any>}
   */
  const call = async (name, input = {}) => {
    if (!socket.connected) throw new CommandError('offline', 'Not connected to the server; try again in a moment.');
    /** @type {Ack} */
    let reply;
    try {
      reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(name, input);
    } catch {
      throw new CommandError('timeout', `The server did not answer "${name}" in time.`);
    }
    if (reply && reply.ok === true) return reply.data;
    const error = reply && reply.ok === false ? reply.error : { code: 'invalid', message: 'unexpected answer' };
    throw new CommandError(error.code, error.message);
  };

  return { socket, call };
}
