/** The after-action report's view, timeline chart and exports, on a finished exercise run of the fixture. */
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import type { Run } from '../../server/replay/run.js';
import { reportView } from '../../server/report/report-view.js';
import { timelineSvg } from '../../server/report/timeline-svg.js';
import { reportJson, reportMarkdown, timelineCsv, TIMELINE_COLUMNS } from '../../server/report/exports.js';
import { FACILITATOR, RESPONDER, testRun } from '../support/runs.js';
import { edit, loadValid } from '../support/scenario-fixture.js';

const HOUR = 3_600_000;
const HOSTILE_NAME = '<script>alert("x")</script> & ATMs';
const HOSTILE_BODY = '<img src=x onerror=alert(1)> we are on it';

/** The fixture in exercise mode, with a hostile channel name, a responder's update and the story played to its end. */
function finishedRun(): Run {
  const scenario = loadValid(
    edit('name: { fr: DAB, en: ATMs }', `name: { fr: '${HOSTILE_NAME}', en: '${HOSTILE_NAME}' }`),
  );
  const { run } = testRun({ scenario, mode: 'exercise' });
  run.seek(1.5 * HOUR, FACILITATOR);
  run.act(
    {
      type: 'publish',
      update: {
        incident: 'outage',
        title: { fr: 'Panne', en: 'Outage' },
        status: 'investigating',
        impact: 'major',
        body: { fr: HOSTILE_BODY, en: HOSTILE_BODY },
        channels: { 'lbp-web': 'major_outage', 'lbp-atm': 'operational' },
      },
    },
    RESPONDER,
  );
  run.seek(scenario.durationMs, FACILITATOR);
  return run;
}

describe('the after-action report', () => {
  let run: Run;
  beforeEach(() => {
    run = finishedRun();
  });
  afterEach(() => run?.close());

  it('summarises the scenario, mode, participants and the story time covered', () => {
    const view = reportView(run, 'en');
    expect(view.summary.title).to.equal('Test');
    expect(view.exercise).to.equal(true);
    expect(view.summary.participants).to.deep.equal([
      { role: 'facilitator', name: 'Facilitator' },
      { role: 'responder', name: 'Comms team' },
    ]);
    expect(view.summary.storyDurationMs).to.equal(12 * HOUR);
    expect(view.summary.storyFrom).to.equal('2025-12-22 06:00');
  });

  it('puts the scripted model answers beside what the responders published, at their story times', () => {
    const view = reportView(run, 'en');
    expect(view.modelAnswers.map((u) => u.time)).to.deep.equal(['2025-12-22 07:15', '2025-12-22 16:30']);
    expect(view.published).to.have.length(1);
    expect(view.published[0]).to.include({ time: '2025-12-22 07:30', origin: 'responder', body: HOSTILE_BODY });
  });

  it('gives the metrics in words and numbers, with the expectation outcomes', () => {
    const view = reportView(run, 'en');
    const row = view.metricRows.find((r) => r.key === 'time-to-first-update');
    expect(row?.value).to.equal('30m (outside policy, ≤ 15m)');
    expect(view.metricRows.find((r) => r.key === 'what-still-works')?.value).to.equal('yes');
    expect(view.expectations.map((e) => [e.id, e.statusKey])).to.deep.equal([['first-update', 'late']]);
  });

  it('draws one lane per channel in an accessible SVG', () => {
    const svg = timelineSvg(run, 'en');
    expect(svg).to.match(/^<svg [^>]*role="img"/);
    expect(svg).to.include('<title id="timeline-title">').and.include('<desc id="timeline-desc">');
    expect(svg.match(/<g class="tl-lane"/g)).to.have.length(3);
    expect(svg.match(/class="tl-mark tl-update/g)).to.have.length(1);
    expect(svg.match(/class="tl-mark tl-inject/g)).to.have.length(1);
  });

  it('escapes a hostile channel name and update text in the SVG', () => {
    const svg = timelineSvg(run, 'en');
    expect(svg).not.to.include('<script').and.not.to.include('<img');
    expect(svg).to.include('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; ATMs');
    expect(svg).to.include('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('exports the timeline as CSV rows that parse back to the intervals', () => {
    const view = reportView(run, 'en');
    const rows = parse<Record<string, string>>(timelineCsv(view), { columns: true });
    expect(Object.keys(rows[0] ?? {})).to.deep.equal([...TIMELINE_COLUMNS]);
    expect(rows).to.have.length(view.intervals.length);
    const web = rows.filter((r) => r.channel === 'lbp-web');
    expect(web.map((r) => [r.from, r.actual, r.published])).to.deep.equal([
      ['2025-12-22T06:00:00+01:00', 'operational', 'operational'],
      ['2025-12-22T07:00:00+01:00', 'major_outage', 'operational'],
      ['2025-12-22T07:30:00+01:00', 'major_outage', 'major_outage'],
      ['2025-12-22T16:00:00+01:00', 'operational', 'major_outage'],
    ]);
    expect(web.at(-1)?.to).to.equal('2025-12-22T18:00:00+01:00');
  });

  it('exports JSON holding the summary, the metrics and the updates', () => {
    const json = JSON.parse(reportJson(reportView(run, 'en'))) as Record<string, unknown>;
    expect(json).to.include.keys(
      'summary',
      'metrics',
      'metricRows',
      'expectations',
      'modelAnswers',
      'published',
      'intervals',
    );
    const metrics = json.metrics as { timeToFirstUpdateMs: number; updateCount: number };
    expect(metrics.timeToFirstUpdateMs).to.equal(0.5 * HOUR);
    expect(metrics.updateCount).to.equal(1);
  });

  it('exports a Markdown report with the summary, metrics, expectations and updates, markup escaped', () => {
    const text = reportMarkdown(reportView(run, 'en'));
    expect(text).to.match(/^# After-action report: Test/);
    for (const heading of ['## Summary', '## Communication metrics', '## Expectations', '## Model answers (scripted)'])
      expect(text).to.include(heading);
    expect(text).to.include('**2025-12-22 07:30** · Investigating · responder');
    expect(text).not.to.include('<img');
  });
});
