/** What a control operation is: the right it needs, the shape of its input and its handler. */
import { z } from 'zod';
import type { Principal, Right } from '../access/principal.js';
import type { ControlDeps } from './deps.js';
import { Id } from './requests.js';

/** Who calls, and in which language they read. */
export interface CommandContext {
  principal: Principal | undefined;
  lang: 'fr' | 'en';
}

/** One operation. */
export interface Command<S extends z.ZodType = z.ZodType> {
  /** What the caller must be: the facilitator, or anyone with rights on the run named in the input. */
  right: Right;
  /** The input; run-scoped commands have a `run` field. */
  input: S;
  handle(deps: ControlDeps, ctx: CommandContext & { principal: Principal }, input: z.output<S>): unknown;
}

/** A command, typed by its input. */
export const command = <S extends z.ZodType>(c: Command<S>): Command<S> => c;

/** The input of a command on a live run: its `run` and `shape`. */
export const onRun = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject({ run: Id, ...shape });
