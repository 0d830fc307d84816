/**
 * What every answer of the HTTP fuzz must be: a 4xx for a refused request (with a JSON error
 * `{ error: { code, message } }` where the surface speaks JSON), the page for a page with a
 * hostile query string, a redirect back to the form for a browser's invalid subscription; never a
 * 5xx, never silence past the bound.
 */
import type { FuzzRequest } from './control-requests.js';
import type { RawAnswer } from './raw-http.js';

/** What is wrong with the answer to `req`, if anything. */
export function answerFault(req: FuzzRequest, answer: RawAnswer): string | undefined {
  if ('error' in answer) return answer.error;
  const { status } = answer;
  if (status >= 500) return `answered ${status}: ${answer.body.toString('utf8').slice(0, 300)}`;
  if (req.expect === 'shown') return status >= 200 && status < 400 ? undefined : `answered ${status}, not the page`;
  if (req.expect === 'form') {
    const location = String(answer.headers.location ?? '');
    if (status === 404 || (status === 303 && location.includes('subscribe_error='))) return undefined;
    return `answered ${status} ${location}, not a redirect back to the form with its error`;
  }
  if (status < 400)
    return `answered ${status}: accepted what it must refuse (${answer.body.toString('utf8').slice(0, 300)})`;
  // 431: Node's own answer to headers over the limit, before any route.
  if (req.method !== 'HEAD' && status !== 431 && speaksJson(req)) return jsonErrorFault(answer.body);
  return undefined;
}

/** Whether the surface answers its errors in JSON. */
function speaksJson(req: FuzzRequest): boolean {
  const path = req.path.split('?')[0]!;
  if (path.startsWith('/api/') || /^\/r\/[^/]+\/api\//.test(path) || path.endsWith('.json')) return true;
  return path.endsWith('/subscribe') && req.expect === 'refused';
}

function jsonErrorFault(body: Buffer): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return `the error is not JSON: ${body.toString('utf8').slice(0, 200)}`;
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string' || error.message === '')
    return `the error is not { error: { code, message } }: ${body.toString('utf8').slice(0, 200)}`;
  return undefined;
}
