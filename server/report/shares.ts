/**
 * Read-only links to a run's after-action report, for people who have no facilitator session
 * (a manager, the comms team after the exercise). A link holds a random token; only its SHA-256 is
 * kept, so the link is shown once, when it is made. Revoking it closes it at once.
 */
import { ConflictError, NotFoundError } from '../errors.js';
import { newSecret, secretKey } from '../access/secrets.js';
import type { ItemPort } from '../store/item-store.js';

/** Most links one run keeps, revoked ones included. */
export const MAX_SHARES = 50;

/** A share link as the facilitator sees it (the token is not in it). */
export interface ShareView {
  id: string;
  run: string;
  label: string;
  /** Wall times, ISO 8601. */
  createdAt: string;
  revokedAt?: string;
}

/** As kept: the view and the token's digest, which is also the document's id. */
interface StoredShare extends ShareView {
  key: string;
}

/** Every run's share links, kept in `items`. */
export class ReportShares {
  constructor(
    private readonly items: ItemPort<StoredShare>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Makes a link for `run`; the token is returned this once. */
  create(run: string, label: string): { share: ShareView; token: string } {
    if (this.items.list(run).length >= MAX_SHARES)
      throw new ConflictError(`this run has ${MAX_SHARES} share links already`);
    const token = newSecret(24);
    const key = secretKey(token);
    const stored: StoredShare = {
      id: `sh_${key.slice(0, 12)}`,
      run,
      label,
      createdAt: new Date(this.now()).toISOString(),
      key,
    };
    this.items.put(run, key, stored);
    return { share: view(stored), token };
  }

  /** Closes a link; a NotFoundError when the run has none with this id. */
  revoke(run: string, id: string): ShareView {
    const stored = this.items.list(run).find((s) => s.id === id);
    if (stored === undefined) throw new NotFoundError(`run "${run}" has no share link "${id}"`);
    if (stored.revokedAt === undefined) {
      stored.revokedAt = new Date(this.now()).toISOString();
      this.items.put(run, stored.key, stored);
    }
    return view(stored);
  }

  /** The links of a run, oldest first. */
  list(run: string): ShareView[] {
    return this.items.list(run).map(view);
  }

  /** The run a token opens, if the token is a link that was not revoked. */
  open(token: string): string | undefined {
    if (token.length === 0 || token.length > 128) return undefined;
    const found = this.items.find(secretKey(token));
    return found === undefined || found.data.revokedAt !== undefined ? undefined : found.run;
  }
}

function view({ id, run, label, createdAt, revokedAt }: StoredShare): ShareView {
  return { id, run, label, createdAt, ...(revokedAt === undefined ? {} : { revokedAt }) };
}
