/** The fast path of a status server: its runs, its headers, its limit, and how it renders. */
import type { Config } from '../config.js';
import { pageView } from '../status/page-view.js';
import type { PublicRuns } from '../status/public-run.js';
import { statuspageDocument } from '../status/statuspage.js';
import { fastPath } from './fast-path.js';
import type { RequestLimiter } from './limits.js';
import { securityHeaderList } from './security-headers.js';
import { compileView } from './view-template.js';

/** The fast-path handler over `deps.runs`, rendering as the express routes do. */
export function statusFastPath(
  config: Pick<Config, 'publicUrl' | 'trustProxy'>,
  deps: { runs: PublicRuns; defaultRun: string | undefined },
  limiter: RequestLimiter,
): ReturnType<typeof fastPath> {
  const statusPage = compileView('status');
  return fastPath({
    runs: deps.runs,
    defaultRun: deps.defaultRun,
    headers: securityHeaderList(),
    limiter,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    page: (run, lang) => {
      const model = run.model();
      const v = pageView(model, lang, model.clock.offsetMs);
      return { version: model.version, body: statusPage({ v, subscribe: 'none' }) };
    },
    summary: (run, lang, baseUrl) => {
      const model = run.model();
      return { version: model.version, body: JSON.stringify(statuspageDocument(model, 'summary.json', lang, baseUrl)) };
    },
  });
}
