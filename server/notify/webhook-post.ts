/**
 * One webhook request: a JSON body POSTed with statusdrill's headers, under a timeout, cancellable.
 * The timeout's timer comes from the injected time source and is cleared when the request ends,
 * so a finished or cancelled request leaves no timer behind.
 */
import type { TimeSource } from '../replay/time-source.js';

/** How one request went. */
export interface PostOutcome {
  /** The receiver answered 2xx. */
  ok: boolean;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why the request failed without an answer. */
  error?: string;
  durationMs: number;
}

/** What a request needs besides its URL and body. */
export interface PostOptions {
  fetch: typeof fetch;
  time: TimeSource;
  timeoutMs: number;
  /** Aborting it cancels the request. */
  signal: AbortSignal;
}

/** The headers of every webhook request. */
export const WEBHOOK_HEADERS = { 'Content-Type': 'application/json', 'User-Agent': 'statusdrill-webhook' } as const;

/** POSTs `body` to `url`; never throws: a failure is an outcome. Redirects are not followed. */
export async function postJson(url: string, body: string, options: PostOptions): Promise<PostOutcome> {
  const { time, timeoutMs, signal } = options;
  const startedMs = time.now();
  const controller = new AbortController();
  const cancel = (): void => controller.abort(new Error('cancelled'));
  signal.addEventListener('abort', cancel, { once: true });
  const timer = time.setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  try {
    if (signal.aborted) cancel();
    const response = await options.fetch(url, {
      method: 'POST',
      headers: WEBHOOK_HEADERS,
      body,
      redirect: 'manual',
      signal: controller.signal,
    });
    // The answer's body is of no interest; cancelling it frees the connection.
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, durationMs: time.now() - startedMs };
  } catch (error) {
    return { ok: false, error: describe(error), durationMs: time.now() - startedMs };
  } finally {
    time.clearTimeout(timer);
    signal.removeEventListener('abort', cancel);
  }
}

/** A failed request's reason, with the network error's code when there is one (`fetch failed: ECONNREFUSED`). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  return code === undefined ? error.message : `${error.message}: ${code}`;
}
