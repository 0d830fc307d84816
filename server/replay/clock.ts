/**
 * The story clock of a run: `offset = anchorOffset + (wallNow - anchorWall) * speed` while
 * playing, frozen while paused. Every control re-anchors, so the offset is always derived from
 * one anchor and never accumulates error. Offsets are whole milliseconds after `startsAt`,
 * clamped to the scenario's duration.
 */
import { AppError } from '../errors.js';
import type { TimeSource } from './time-source.js';

/** Slowest and fastest speeds a run accepts. */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 10_000;

/** Everything needed to derive the offset at any wall time. */
export interface ClockState {
  playing: boolean;
  speed: number;
  /** Story offset at `anchorWallMs`. */
  anchorOffsetMs: number;
  /** Wall time of the last control. */
  anchorWallMs: number;
  durationMs: number;
}

/** A story clock driven by an injected time source. */
export class StoryClock {
  private state: ClockState;

  constructor(
    private readonly time: TimeSource,
    durationMs: number,
    initial: { speed?: number; offsetMs?: number } = {},
  ) {
    const speed = initial.speed ?? 1;
    assertSpeed(speed);
    this.state = {
      playing: false,
      speed,
      anchorOffsetMs: clamp(initial.offsetMs ?? 0, durationMs),
      anchorWallMs: time.now(),
      durationMs,
    };
  }

  /** The current story offset. */
  offset(): number {
    return this.offsetAt(this.time.now());
  }

  /** The story offset at a wall time, by the current anchor. */
  offsetAt(wallMs: number): number {
    const { playing, speed, anchorOffsetMs, anchorWallMs, durationMs } = this.state;
    if (!playing) return anchorOffsetMs;
    return clamp(anchorOffsetMs + Math.floor((wallMs - anchorWallMs) * speed), durationMs);
  }

  /** The wall time at which the story reaches `offsetMs` at the current speed (exact, not rounded). */
  wallTimeOf(offsetMs: number): number {
    const { speed, anchorOffsetMs, anchorWallMs } = this.state;
    return anchorWallMs + (offsetMs - anchorOffsetMs) / speed;
  }

  /** A copy of the clock's state. */
  snapshot(): ClockState {
    return { ...this.state };
  }

  get playing(): boolean {
    return this.state.playing;
  }

  get speed(): number {
    return this.state.speed;
  }

  get durationMs(): number {
    return this.state.durationMs;
  }

  /** Whether the story has reached its end. */
  get atEnd(): boolean {
    return this.offset() >= this.state.durationMs;
  }

  play(): void {
    this.reanchor({ playing: true });
  }

  pause(): void {
    this.reanchor({ playing: false });
  }

  /** Changes the speed from now on; the story time reached so far is kept. */
  setSpeed(speed: number): void {
    assertSpeed(speed);
    this.reanchor({ speed });
  }

  /** Moves the story to `offsetMs`, clamped to the scenario. */
  /** Puts the clock back as a snapshot left it (after a restart: the same anchor, speed and play state). */
  restore(state: Omit<ClockState, 'durationMs'>): void {
    assertSpeed(state.speed);
    this.state = {
      ...state,
      anchorOffsetMs: clamp(state.anchorOffsetMs, this.state.durationMs),
      durationMs: this.state.durationMs,
    };
  }

  seek(offsetMs: number): void {
    if (!Number.isFinite(offsetMs)) throw new AppError('invalid', `cannot seek to ${offsetMs}`, 400);
    this.reanchor({ offsetMs: clamp(Math.round(offsetMs), this.state.durationMs) });
  }

  private reanchor(change: { playing?: boolean; speed?: number; offsetMs?: number }): void {
    const now = this.time.now();
    const offset = change.offsetMs ?? this.offsetAt(now);
    this.state = {
      ...this.state,
      playing: change.playing ?? this.state.playing,
      speed: change.speed ?? this.state.speed,
      anchorOffsetMs: offset,
      anchorWallMs: now,
    };
  }
}

function clamp(offsetMs: number, durationMs: number): number {
  return Math.min(Math.max(offsetMs, 0), durationMs);
}

function assertSpeed(speed: number): void {
  if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
    throw new AppError('invalid', `speed must be between ${MIN_SPEED} and ${MAX_SPEED} (got ${speed})`, 400);
  }
}
