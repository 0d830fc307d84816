/**
 * The after-action report of a run, live or ended: the page and its Markdown, JSON and CSV
 * exports, for the facilitator at `/r/:run/report`, and read-only through a share link at
 * `/share/:token`. Without a facilitator session the page sends the browser to sign in and the
 * exports answer 401; a share token that is unknown or revoked answers 404. Mounted after
 * `authenticate`.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { NotFoundError, UnauthorizedError } from '../errors.js';
import type { Run } from '../replay/run.js';
import type { RunRegistry } from '../runs/registry.js';
import type { Notes } from '../report/notes.js';
import type { ReportShares, ShareView } from '../report/shares.js';
import { durationText, reportView, type ReportView } from '../report/report-view.js';
import { timelineSvgOf } from '../report/timeline-svg.js';
import { reportJson, reportMarkdown, timelineCsv } from '../report/exports.js';
import { reportPath, sharePath } from '../control/report-commands.js';
import { requestAuth } from './auth.js';
import { requestLanguage } from './language.js';
import { messages } from '../status/i18n.js';

/** The exports: path suffix, content type and renderer. */
const EXPORTS = {
  md: { type: 'text/markdown; charset=utf-8', render: reportMarkdown },
  json: { type: 'application/json; charset=utf-8', render: reportJson },
  csv: { type: 'text/csv; charset=utf-8', render: timelineCsv },
} as const satisfies Record<string, { type: string; render: (view: ReportView) => string }>;

/** What the report routes need. */
export interface ReportDeps {
  runs: RunRegistry;
  notes: Notes;
  shares: ReportShares;
}

/** What the facilitator's copy of the page adds: note and share management. */
interface Manage {
  csrf: string;
  shares: ShareView[];
}

/** Routes for `/r/:run/report(.md|.json|.csv)` and `/share/:token(/report.md|.json|.csv)`. */
export function reportRoutes(deps: ReportDeps): Router {
  const router = Router();
  const viewOf = (req: Request, run: Run): ReportView =>
    reportView(run, requestLanguage(req, run.scenario.languages[0] ?? 'fr'), deps.notes.list(run.id));

  const page = (req: Request, res: Response, run: Run, base: string, manage: Manage | undefined): void => {
    const view = viewOf(req, run);
    res.setHeader('Cache-Control', 'no-store');
    res.render('report', {
      v: view,
      svg: timelineSvgOf(view),
      durations: { wall: durationText(view.summary.wallDurationMs), story: durationText(view.summary.storyDurationMs) },
      exports: Object.keys(EXPORTS).map((ext) => ({ ext, href: `${base}.${ext}?lang=${view.lang}` })),
      manage,
    });
  };
  const download = (req: Request, res: Response, run: Run, ext: keyof typeof EXPORTS): void => {
    const { type, render } = EXPORTS[ext];
    res.setHeader('Cache-Control', 'no-store');
    res.attachment(`statusdrill-report-${run.id}.${ext}`);
    res.type(type).send(render(viewOf(req, run)));
  };
  const shared = (req: Request<{ token: string }>, res: Response): Run => {
    // The token is in the address: it must not leave in a Referer.
    res.setHeader('Referrer-Policy', 'no-referrer');
    const run = deps.shares.open(req.params.token);
    if (run === undefined) throw new NotFoundError(messages(requestLanguage(req, 'fr')).shareInvalid);
    return deps.runs.requireAny(run).run;
  };

  router.get('/r/:run/report', (req, res) => {
    const auth = requestAuth(res);
    if (auth.principal?.role !== 'facilitator') return res.redirect(303, '/login');
    const run = deps.runs.requireAny(req.params.run).run;
    const manage =
      auth.session === undefined ? undefined : { csrf: auth.session.csrf, shares: deps.shares.list(run.id) };
    page(req, res, run, reportPath(run.id), manage);
  });
  router.get('/share/:token', (req, res) => {
    const run = shared(req, res);
    page(req, res, run, `${sharePath(req.params.token)}/report`, undefined);
  });

  for (const ext of Object.keys(EXPORTS) as Array<keyof typeof EXPORTS>) {
    router.get(`/r/:run/report.${ext}`, (req: Request<{ run: string }>, res: Response, next: NextFunction) => {
      if (requestAuth(res).principal?.role !== 'facilitator') return next(new UnauthorizedError());
      download(req, res, deps.runs.requireAny(req.params.run).run, ext);
    });
    router.get(`/share/:token/report.${ext}`, (req: Request<{ token: string }>, res: Response) => {
      download(req, res, shared(req, res), ext);
    });
  }
  return router;
}
