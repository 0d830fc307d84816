import { expect } from 'chai';
import { publicChanges, type PublicChange } from '../../server/notify/changes.js';
import type { PublicState } from '../../server/replay/run-views.js';
import type { IncidentState, PublishedUpdate } from '../../server/replay/state.js';
import type { Stage, Status } from '../../server/scenario/vocabulary.js';

const MIN = 60_000;

/** A published update `id` of incident `incident` at `offsetMs`. */
const update = (id: string, incident: string, offsetMs: number, stage: Stage = 'investigating'): PublishedUpdate => ({
  id,
  incident,
  offsetMs,
  stage,
  body: { fr: id },
  affected: [],
  origin: 'script',
});

/** An incident with `updates`, given oldest first (stored newest first, as the state keeps them). */
const incident = (id: string, updates: PublishedUpdate[]): IncidentState => ({
  id,
  title: { fr: id },
  impact: 'major',
  stage: updates[updates.length - 1]?.stage ?? 'investigating',
  startedAtMs: updates[0]?.offsetMs ?? 0,
  updatedAtMs: updates[updates.length - 1]?.offsetMs ?? 0,
  channels: [],
  updates: [...updates].reverse(),
});

/** A public state with channels `web`, `app`, `atm` (page order) and `incidents`. */
const state = (
  channels: Partial<Record<'web' | 'app' | 'atm', [Status, number]>> = {},
  incidents: IncidentState[] = [],
): PublicState => ({
  run: 'r',
  scenario: 's',
  mode: 'replay',
  version: 0,
  clock: {
    offsetMs: 0,
    storyTime: '2025-12-22T06:00:00+01:00',
    timeZone: 'Europe/Paris',
    speed: 1,
    playing: false,
    ended: false,
    durationMs: 12 * 60 * MIN,
    wallMs: 0,
  },
  status: { indicator: 'none', description: 'All Systems Operational' },
  channels: (['web', 'app', 'atm'] as const).map((id) => {
    const [status, sinceMs] = channels[id] ?? ['operational', 0];
    return { id, group: 'g', status, sinceMs };
  }),
  incidents,
});

const u1 = update('u1', 'i', 75 * MIN);
const u2 = update('u2', 'i', 90 * MIN, 'identified');
const v1 = update('v1', 'j', 80 * MIN);

const cases: Array<{ name: string; before: PublicState; after: PublicState; expected: PublicChange[] }> = [
  { name: 'nothing when nothing public changed', before: state(), after: state(), expected: [] },
  {
    name: 'a component change when a channel’s published status changes',
    before: state(),
    after: state({ app: ['partial_outage', 60 * MIN] }),
    expected: [{ kind: 'component', channel: 'app', old: 'operational', new: 'partial_outage', atMs: 60 * MIN }],
  },
  {
    name: 'a component change back when a rewind restores a status',
    before: state({ web: ['major_outage', 75 * MIN] }, [incident('i', [u1])]),
    after: state(),
    expected: [{ kind: 'component', channel: 'web', old: 'major_outage', new: 'operational', atMs: 0 }],
  },
  {
    name: 'an incident change for an update new in after',
    before: state(),
    after: state({}, [incident('i', [u1])]),
    expected: [{ kind: 'incident', incident: 'i', update: 'u1', stage: 'investigating', atMs: 75 * MIN }],
  },
  {
    name: 'only the new update of an incident that had one already',
    before: state({}, [incident('i', [u1])]),
    after: state({}, [incident('i', [u1, u2])]),
    expected: [{ kind: 'incident', incident: 'i', update: 'u2', stage: 'identified', atMs: 90 * MIN }],
  },
  {
    name: 'new updates oldest first, across incidents, in story order',
    before: state(),
    after: state({}, [incident('i', [u1, u2]), incident('j', [v1])]),
    expected: [
      { kind: 'incident', incident: 'i', update: 'u1', stage: 'investigating', atMs: 75 * MIN },
      { kind: 'incident', incident: 'j', update: 'v1', stage: 'investigating', atMs: 80 * MIN },
      { kind: 'incident', incident: 'i', update: 'u2', stage: 'identified', atMs: 90 * MIN },
    ],
  },
  {
    name: 'component changes before the update of the same instant, components in page order',
    before: state(),
    after: state({ atm: ['major_outage', 75 * MIN], web: ['major_outage', 75 * MIN] }, [incident('i', [u1])]),
    expected: [
      { kind: 'component', channel: 'web', old: 'operational', new: 'major_outage', atMs: 75 * MIN },
      { kind: 'component', channel: 'atm', old: 'operational', new: 'major_outage', atMs: 75 * MIN },
      { kind: 'incident', incident: 'i', update: 'u1', stage: 'investigating', atMs: 75 * MIN },
    ],
  },
  {
    name: 'nothing for updates a rewind removed',
    before: state({}, [incident('i', [u1, u2])]),
    after: state({}, [incident('i', [u1])]),
    expected: [],
  },
];

describe('public changes between two states', () => {
  cases.forEach(({ name, before, after, expected }) => {
    it(`gives ${name}`, () => {
      expect(publicChanges(before, after)).to.deep.equal(expected);
    });
  });
});
