/**
 * The after-action report of a run, for the facilitator: the page at `/r/:run/report` and its
 * Markdown, JSON and CSV exports. The page sends a browser without a facilitator session to sign
 * in; the exports answer 401. Mounted after `authenticate`.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { UnauthorizedError } from '../errors.js';
import type { Run } from '../replay/run.js';
import type { RunRegistry } from '../runs/registry.js';
import { durationText, reportView, type ReportView } from '../report/report-view.js';
import { timelineSvgOf } from '../report/timeline-svg.js';
import { reportJson, reportMarkdown, timelineCsv } from '../report/exports.js';
import { requestAuth } from './auth.js';
import { requestLanguage } from './language.js';

/** The exports: path suffix, content type and renderer. */
const EXPORTS = {
  md: { type: 'text/markdown; charset=utf-8', render: reportMarkdown },
  json: { type: 'application/json; charset=utf-8', render: reportJson },
  csv: { type: 'text/csv; charset=utf-8', render: timelineCsv },
} as const satisfies Record<string, { type: string; render: (view: ReportView) => string }>;

/** Routes for `/r/:run/report` and `/r/:run/report.{md,json,csv}`. */
export function reportRoutes(deps: { runs: RunRegistry }): Router {
  const router = Router();
  const viewOf = (req: Request, run: Run): ReportView =>
    reportView(run, requestLanguage(req, run.scenario.languages[0] ?? 'fr'));

  router.get('/r/:run/report', (req, res) => {
    if (!isFacilitator(res)) return res.redirect(303, '/login');
    const run = deps.runs.require(req.params.run);
    const view = viewOf(req, run);
    res.setHeader('Cache-Control', 'no-store');
    res.render('report', {
      v: view,
      svg: timelineSvgOf(view),
      durations: { wall: durationText(view.summary.wallDurationMs), story: durationText(view.summary.storyDurationMs) },
      exports: exportLinks(run.id, view.lang),
    });
  });

  for (const [ext, { type, render }] of Object.entries(EXPORTS)) {
    router.get(`/r/:run/report.${ext}`, (req: Request<{ run: string }>, res: Response, next: NextFunction) => {
      if (!isFacilitator(res)) return next(new UnauthorizedError());
      const run = deps.runs.require(req.params.run);
      const body = render(viewOf(req, run));
      res.setHeader('Cache-Control', 'no-store');
      res.attachment(`statusdrill-report-${run.id}.${ext}`);
      res.type(type).send(body);
    });
  }
  return router;
}

function isFacilitator(res: Response): boolean {
  return requestAuth(res).principal?.role === 'facilitator';
}

function exportLinks(run: string, lang: string): Array<{ ext: string; href: string }> {
  const base = `/r/${encodeURIComponent(run)}/report`;
  return Object.keys(EXPORTS).map((ext) => ({ ext, href: `${base}.${ext}?lang=${lang}` }));
}
