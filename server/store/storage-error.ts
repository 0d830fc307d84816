/** The error of a write the database refused. */
import { AppError } from '../errors.js';

/** The database could not keep a record: the action is refused, and says why. */
export class StorageError extends AppError {
  constructor(cause: unknown) {
    super('storage', `could not save to the database: ${(cause as Error).message}; nothing was changed`, 503);
  }
}
