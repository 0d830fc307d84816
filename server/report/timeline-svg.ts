/**
 * The report's timeline chart as a server-rendered SVG string: one lane per channel with the
 * published status above the actual status over story time, incident updates and injects as
 * marks above the lanes, day and hour ticks in the scenario's time zone, and a legend. Colours
 * come from CSS classes (report.css), with light-theme fills as attributes for the SVG alone;
 * every status is also named in a tooltip and in the legend, never told by colour only.
 */
import { STATUSES, type Language, type Status } from '../scenario/vocabulary.js';
import { formatInZone } from '../scenario/time.js';
import { STATUS_LOOK } from '../status/labels.js';
import type { Run } from '../replay/run.js';
import { reportView, type ReportView } from './report-view.js';

const WIDTH = 1000;
const LABEL_W = 180;
const RIGHT = 20;
const PLOT_W = WIDTH - LABEL_W - RIGHT;
const MARK_Y = 22;
const LANES_TOP = 44;
const LANE_H = 46;
const HOUR = 3_600_000;

/** Fills used when no stylesheet applies (the light palette of status.css). */
const FILL: Record<Status, string> = {
  operational: '#1d7a3a',
  degraded_performance: '#c98a00',
  partial_outage: '#d2600f',
  major_outage: '#b3261e',
  under_maintenance: '#1f56ad',
};

/** Escapes text for SVG and HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The timeline of `run` in `lang` as an SVG document fragment. */
export function timelineSvg(run: Run, lang: Language): string {
  return timelineSvgOf(reportView(run, lang));
}

/** The timeline chart of a report view already built. */
export function timelineSvgOf(view: ReportView): string {
  const { words: w, lang } = view;
  const span = Math.max(view.endMs, 1);
  const x = (ms: number): number => round(LABEL_W + (Math.min(Math.max(ms, 0), span) / span) * PLOT_W);
  const lanesBottom = LANES_TOP + view.channels.length * LANE_H;
  const axisY = lanesBottom + 4;
  const legendY = axisY + 40;
  const height = legendY + 50;
  const look = STATUS_LOOK[lang];
  const statusName = (s: Status): string => `${look[s].icon} ${look[s].label}`;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" viewBox="0 0 ${WIDTH} ${height}" ` +
      `width="${WIDTH}" height="${height}" aria-labelledby="timeline-title timeline-desc" font-family="sans-serif" font-size="12">`,
    `<title id="timeline-title">${escapeXml(`${w.timeline}: ${view.summary.title}`)}</title>`,
    `<desc id="timeline-desc">${escapeXml(w.chartDesc)}</desc>`,
  ];
  out.push(...ticks(view, x, LANES_TOP - 4, axisY));
  out.push(
    `<line class="tl-axis" x1="${LABEL_W}" x2="${WIDTH - RIGHT}" y1="${MARK_Y + 12}" y2="${MARK_Y + 12}" stroke="#888"/>`,
  );
  view.channels.forEach((channel, i) => {
    const top = LANES_TOP + i * LANE_H;
    out.push(
      `<g class="tl-lane" data-channel="${escapeXml(channel.id)}">`,
      `<text class="tl-label" x="8" y="${top + 24}" fill="currentColor">${escapeXml(clip(channel.name, 24))}<title>${escapeXml(channel.name)}</title></text>`,
    );
    for (const iv of view.intervals.filter((v) => v.channel === channel.id)) {
      const x0 = x(iv.fromMs);
      const wd = Math.max(round(x(iv.toMs) - x0), 0.5);
      const when = `${storyShort(view, iv.fromMs)} – ${storyShort(view, iv.toMs)}`;
      out.push(
        seg(
          'tl-pub',
          iv.published,
          x0,
          top + 4,
          wd,
          12,
          `${channel.name} · ${w.published}: ${statusName(iv.published)} · ${when}`,
        ),
        seg(
          'tl-act',
          iv.actual,
          x0,
          top + 18,
          wd,
          18,
          `${channel.name} · ${w.actual}: ${statusName(iv.actual)} · ${when}`,
        ),
      );
    }
    out.push('</g>');
  });
  out.push(...marks(view, x));
  out.push(...legend(view, legendY, statusName));
  out.push('</svg>');
  return out.join('\n');
}

function seg(kind: string, status: Status, x0: number, y: number, width: number, h: number, title: string): string {
  const css = STATUS_LOOK.en[status].css;
  return (
    `<rect class="${kind} st-${css}" x="${x0}" y="${y}" width="${width}" height="${h}" fill="${FILL[status]}">` +
    `<title>${escapeXml(title)}</title></rect>`
  );
}

function marks(view: ReportView, x: (ms: number) => number): string[] {
  const w = view.words;
  const out: string[] = [];
  for (const u of view.published)
    out.push(
      `<circle class="tl-mark tl-update origin-${u.origin}" cx="${x(u.offsetMs)}" cy="${MARK_Y}" r="5" fill="#1f5fbf">` +
        `<title>${escapeXml(`${w.update} · ${u.time} · ${w.origin[u.origin]} · ${u.stage}: ${clip(u.body, 160)}`)}</title></circle>`,
    );
  for (const u of view.modelAnswers)
    out.push(
      `<circle class="tl-mark tl-model" cx="${x(u.offsetMs)}" cy="${MARK_Y}" r="5" fill="none" stroke="#1f5fbf" stroke-width="1.5">` +
        `<title>${escapeXml(`${w.modelAnswers} · ${u.time} · ${u.stage}: ${clip(u.body, 160)}`)}</title></circle>`,
    );
  for (const inj of view.injects) {
    const cx = x(inj.offsetMs);
    out.push(
      `<path class="tl-mark tl-inject" d="M${cx} ${MARK_Y - 7}l6 7l-6 7l-6 -7z" fill="#7a4d00">` +
        `<title>${escapeXml(`${w.inject} · ${inj.time} · ${clip(inj.label, 160)}`)}</title></path>`,
    );
  }
  view.notes.forEach((note, n) => {
    const cx = x(note.offsetMs);
    out.push(
      `<g class="tl-mark tl-note"><line x1="${cx}" x2="${cx}" y1="${MARK_Y - 12}" y2="${LANES_TOP + view.channels.length * LANE_H}" stroke="#6b3fa0" stroke-dasharray="2 3"/>` +
        `<path d="M${cx} ${MARK_Y - 12}h9l-3 4l3 4h-9z" fill="#6b3fa0"/>` +
        `<text x="${cx + 2}" y="${MARK_Y - 5}" font-size="7" fill="#fff">${n + 1}</text>` +
        `<title>${escapeXml(`${w.note} ${n + 1} · ${note.time} · ${note.author}: ${clip(note.text, 160)}`)}</title></g>`,
    );
  });
  return out;
}

function ticks(view: ReportView, x: (ms: number) => number, top: number, axisY: number): string[] {
  const zone = view.summary.timeZone;
  const spanH = view.endMs / HOUR;
  const step = spanH <= 8 ? 1 : spanH <= 24 ? 3 : spanH <= 72 ? 6 : spanH <= 168 ? 12 : 24;
  const start = view.startsAtMs;
  const end = start + view.endMs;
  let t = Math.ceil(start / (15 * 60_000)) * 15 * 60_000;
  while (t <= end && formatInZone(t, zone).slice(14, 16) !== '00') t += 15 * 60_000;
  const out: string[] = [];
  for (; t <= end; t += HOUR) {
    const local = formatInZone(t, zone);
    const hour = Number(local.slice(11, 13));
    if (hour % step !== 0) continue;
    const day = hour === 0;
    const tx = x(t - start);
    const label = day ? `${local.slice(8, 10)}/${local.slice(5, 7)}` : `${local.slice(11, 13)}h`;
    out.push(
      `<line class="tl-grid${day ? ' tl-day' : ''}" x1="${tx}" x2="${tx}" y1="${top}" y2="${axisY + 6}" stroke="#bbb" stroke-width="${day ? 1.5 : 0.5}"/>`,
      `<text class="tl-tick${day ? ' tl-day' : ''}" x="${tx}" y="${axisY + 20}" text-anchor="middle" fill="currentColor">${escapeXml(label)}</text>`,
    );
  }
  out.push(`<text class="tl-zone" x="8" y="${axisY + 20}" fill="currentColor">${escapeXml(zone)}</text>`);
  return out;
}

function legend(view: ReportView, y: number, statusName: (s: Status) => string): string[] {
  const w = view.words;
  const out: string[] = [`<g class="tl-legend">`];
  let lx = 8;
  for (const s of STATUSES) {
    out.push(
      `<rect class="st-${STATUS_LOOK.en[s].css}" x="${lx}" y="${y}" width="14" height="14" fill="${FILL[s]}"/>`,
      `<text x="${lx + 20}" y="${y + 12}" fill="currentColor">${escapeXml(statusName(s))}</text>`,
    );
    lx += 40 + statusName(s).length * 6.5;
  }
  const y2 = y + 26;
  out.push(
    `<rect class="tl-pub st-ok" x="8" y="${y2 + 2}" width="24" height="6" fill="${FILL.operational}"/>`,
    `<text x="38" y="${y2 + 10}" fill="currentColor">${escapeXml(`${w.published} (↑)`)}</text>`,
    `<rect class="tl-act st-ok" x="150" y="${y2}" width="24" height="10" fill="${FILL.operational}"/>`,
    `<text x="180" y="${y2 + 10}" fill="currentColor">${escapeXml(`${w.actual} (↓)`)}</text>`,
    `<circle class="tl-update" cx="300" cy="${y2 + 5}" r="5" fill="#1f5fbf"/>`,
    `<text x="312" y="${y2 + 10}" fill="currentColor">${escapeXml(w.update)}</text>`,
  );
  let mx = 312 + w.update.length * 6.5 + 20;
  if (view.exercise) {
    out.push(
      `<circle class="tl-model" cx="${mx}" cy="${y2 + 5}" r="5" fill="none" stroke="#1f5fbf" stroke-width="1.5"/>`,
      `<text x="${mx + 12}" y="${y2 + 10}" fill="currentColor">${escapeXml(w.modelAnswers)}</text>`,
    );
    mx += 12 + w.modelAnswers.length * 6.5 + 20;
  }
  const nx = mx + 12 + w.inject.length * 6.5 + 20;
  out.push(
    `<path class="tl-inject" d="M${mx} ${y2 - 2}l6 7l-6 7l-6 -7z" fill="#7a4d00"/>`,
    `<text x="${mx + 12}" y="${y2 + 10}" fill="currentColor">${escapeXml(w.inject)}</text>`,
    `<path class="tl-note" d="M${nx - 4} ${y2 - 1}h9l-3 4l3 4h-9z" fill="#6b3fa0"/>`,
    `<text x="${nx + 12}" y="${y2 + 10}" fill="currentColor">${escapeXml(w.notes)}</text>`,
    '</g>',
  );
  return out;
}

function storyShort(view: ReportView, offsetMs: number): string {
  return formatInZone(view.startsAtMs + offsetMs, view.summary.timeZone)
    .slice(5, 16)
    .replace('T', ' ');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
