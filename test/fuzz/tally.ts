/**
 * The figures of a fuzzed surface: payloads sent per route or event, outcomes (status codes,
 * acknowledgement codes) and every payload that broke a rule, with what it was and why it failed.
 */

/**
 * Failures after which a part of the fuzz stops: a server that breaks that often has been shown to,
 * and each hang costs the whole bound.
 */
export const STOP_AFTER_FAILURES = 20;

/** A payload that broke a rule. */
export interface SurfaceFailure {
  /** Its index in the run: with the seed, it is made again. */
  index: number;
  surface: string;
  /** What made the payload invalid. */
  what: string;
  /** Which rule it broke. */
  reason: string;
  /** The payload as sent, for the failure file. */
  sent: unknown;
}

/** Counts of one fuzzed surface (HTTP, `/control`, `/status`, raw packets). */
export class Tally {
  sent = 0;
  readonly bySurface: Record<string, number> = {};
  readonly outcomes: Record<string, number> = {};
  readonly failures: SurfaceFailure[] = [];

  /** One payload sent to `surface`, answered with `outcome` when each payload has its own. */
  count(surface: string, outcome?: string): void {
    this.sent += 1;
    this.bySurface[surface] = (this.bySurface[surface] ?? 0) + 1;
    if (outcome !== undefined) this.outcome(outcome);
  }

  /** One outcome, of a payload or of a connection that carried several. */
  outcome(outcome: string): void {
    this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
  }

  fail(failure: SurfaceFailure): void {
    this.failures.push(failure);
  }
}

/** A buffer as text when it is UTF-8, else as base64, for a failure file. */
export function bytesForReport(bytes: Buffer | undefined): { utf8: string } | { base64: string } | undefined {
  if (bytes === undefined) return undefined;
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? { utf8: text } : { base64: bytes.toString('base64') };
}
