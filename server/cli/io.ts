/** What a command needs from its process: where to write, where it runs, whether to colour. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Whether to use ANSI colours (a terminal, and NO_COLOR unset). */
  color: boolean;
}

/** Exit codes: 0 success, 1 the files have problems, 2 the command was used wrongly. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

/** Wraps text in an ANSI colour when colour is on. */
export function paint(io: CliIo, colour: keyof typeof CODES, text: string): string {
  return io.color ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}

/** A command-line usage error: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
