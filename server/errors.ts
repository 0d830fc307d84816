/**
 * The one error type of statusdrill. The domain throws `AppError`s with a code and an HTTP
 * status; the edges (express error handler, socket acknowledgements, CLI) translate them.
 */

/** An error meant to be shown to the caller, with a stable code and an HTTP status. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    /** Stable, machine-readable code, e.g. `not_found`. */
    readonly code: string,
    message: string,
    /** HTTP status the edge answers with. */
    readonly httpStatus: number,
    /** Extra detail safe to show to the caller, e.g. validation problems. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Something asked for does not exist. */
export class NotFoundError extends AppError {
  constructor(message = 'not found') {
    super('not_found', message, 404);
  }
}

/** A request or action failed validation; the message says what and where. */
export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super('invalid', message, 400, details);
  }
}

/** The caller is not signed in, or their credentials are wrong. */
export class UnauthorizedError extends AppError {
  constructor(message = 'sign in first: a session cookie or an Authorization: Bearer token') {
    super('unauthorized', message, 401);
  }
}

/** The caller may not do this. */
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('forbidden', message, 403);
  }
}

/** The request is valid but the run's current state does not allow it. */
export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', message, 409);
  }
}

/** Configuration that cannot start the server. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super('config', message, 500);
  }
}
