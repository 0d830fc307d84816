/**
 * The HTTP fuzz: a seeded run of requests to the control API and the public surfaces, each
 * invalid by construction. Every answer is checked, every run's state is compared with what it
 * was before the request, and the server's health is asked every hundred requests and at the end.
 */
import { Rng } from './rng.js';
import type { FuzzTarget, SurfaceFuzzOptions } from './fuzz-target.js';
import { controlRequest, type FuzzRequest } from './control-requests.js';
import { publicRequest } from './public-requests.js';
import { answerFault } from './answer-check.js';
import { RawClient } from './raw-http.js';
import { describeChange } from './state-fingerprint.js';
import { bytesForReport, STOP_AFTER_FAILURES, Tally } from './tally.js';

/** Request `index` of the run seeded `seed`: three in four to the control API. */
export function httpRequest(seed: number, index: number, target: FuzzTarget): FuzzRequest {
  const rng = Rng.derive(seed, 'http', index);
  return rng.chance(0.75) ? controlRequest(rng, target) : publicRequest(rng, target);
}

/** Runs the HTTP fuzz. */
export async function fuzzHttp({ seed, count, target, boundMs }: SurfaceFuzzOptions): Promise<Tally> {
  const tally = new Tally();
  const client = new RawClient(target.url, boundMs);
  try {
    let before = target.fingerprint();
    for (let index = 0; index < count && tally.failures.length < STOP_AFTER_FAILURES; index++) {
      const req = httpRequest(seed, index, target);
      const answer = await client.send(req);
      tally.count(req.surface, 'error' in answer ? 'no answer' : String(answer.status));
      const after = target.fingerprint();
      const reasons = [
        answerFault(req, answer),
        after === before ? undefined : `the state changed: ${describeChange(before, after)}`,
      ];
      const reason = reasons.filter((r) => r !== undefined).join('; ');
      if (reason !== '') {
        const { method, path, headers, body } = req;
        tally.fail({
          index,
          surface: req.surface,
          what: req.what,
          reason,
          sent: { method, path, headers, body: bytesForReport(body) },
        });
      }
      before = after;
      if (index % 100 === 99) await checkHealth(client, tally, index);
    }
    await checkHealth(client, tally, count);
  } finally {
    client.close();
  }
  return tally;
}

/** The server still answers its health check. */
async function checkHealth(client: RawClient, tally: Tally, index: number): Promise<void> {
  const answer = await client.send({ method: 'GET', path: '/healthz', headers: {} });
  if ('error' in answer || answer.status !== 200) {
    const reason = 'error' in answer ? answer.error : `answered ${answer.status}`;
    tally.fail({
      index,
      surface: 'GET /healthz',
      what: 'the health check',
      reason: `the server is not healthy: ${reason}`,
      sent: {},
    });
  }
}
