/**
 * Who would be told: email and SMS subscribers of one run, validated and deduplicated. Addresses
 * are kept as given (normalised) but only ever shown masked: this is an exercise, and the list is
 * shown on a facilitator's screen that the room may see.
 */
import { randomBytes } from 'node:crypto';
import { NotFoundError, ValidationError } from '../errors.js';
import { memoryItems, runItems, type RunItems } from '../store/item-store.js';

/** How a subscriber would be reached. */
export const SUBSCRIBER_KINDS = ['email', 'sms'] as const;
/** One of those. */
export type SubscriberKind = (typeof SUBSCRIBER_KINDS)[number];

/** What a subscriber asks for. */
export interface SubscribeRequest {
  kind: SubscriberKind;
  address: string;
}

/** A subscriber as anyone may see it: the address masked. */
export interface SubscriberView {
  id: string;
  kind: SubscriberKind;
  /** `j***@example.org`, `+33 6** ** ** 78`. */
  address: string;
  /** Wall time, ISO 8601. */
  createdAt: string;
}

/** A subscriber as kept. */
export interface Subscriber extends SubscriberView {
  /** The normalised address, never shown. */
  raw: string;
}

/** RFC 5321's limit on a whole address. */
export const MAX_EMAIL_LENGTH = 254;

// Plausible, not RFC 5322: a dot-atom local part of at most 64 characters, and a domain of
// dot-separated labels with a TLD of letters.
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
// E.164: a plus, a country code not starting with 0, at most 15 digits in all.
const E164 = /^\+[1-9]\d{7,14}$/;
// Separators people type in phone numbers, dropped before checking.
const PHONE_SEPARATORS = /[\s.()-]/g;

/**
 * A subscription request checked and normalised (email lower-cased, phone separators dropped).
 * Throws a ValidationError saying what is wrong and what would do.
 */
export function validateSubscription(input: unknown): SubscribeRequest {
  if (typeof input !== 'object' || input === null) throw new ValidationError('expected {kind, address}');
  const { kind, address } = input as Record<string, unknown>;
  if (typeof kind !== 'string' || !(SUBSCRIBER_KINDS as readonly string[]).includes(kind))
    throw new ValidationError(`kind must be "email" or "sms", got ${JSON.stringify(kind ?? null)}`);
  if (typeof address !== 'string' || address.trim() === '') throw new ValidationError('address is required');
  if (kind === 'email') {
    const email = address.trim();
    if (email.length > MAX_EMAIL_LENGTH)
      throw new ValidationError(`email address is longer than ${MAX_EMAIL_LENGTH} characters`);
    if (!EMAIL.test(email)) throw new ValidationError('not a valid email address, e.g. jane@example.org');
    return { kind, address: email.toLowerCase() };
  }
  const phone = address.trim().replace(PHONE_SEPARATORS, '');
  if (!E164.test(phone))
    throw new ValidationError('not a valid phone number: international format with +, e.g. +33612345678');
  return { kind: 'sms', address: phone };
}

/** `jane@example.org` → `j***@example.org`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/**
 * `+33612345678` → `+33 6** ** ** 78`: a two-digit country code, the first national digit, then
 * the rest in pairs from the end, all masked but the last pair. Grouped the French way whatever
 * the country: only a hint for the facilitator, not a phone book.
 */
export function maskPhone(address: string): string {
  const digits = address.replace(/\D/g, '');
  const rest = digits.slice(3);
  const pairs: string[] = [];
  for (let end = rest.length; end > 0; end -= 2) pairs.unshift(rest.slice(Math.max(0, end - 2), end));
  const masked = pairs.map((pair, i) => (i === pairs.length - 1 ? pair : pair.replace(/\d/g, '*')));
  return `+${digits.slice(0, 2)} ${digits.slice(2, 3)}${masked.join(' ')}`;
}

/** The subscribers of one run, at most `max`, in the order they subscribed, kept in `items`. */
export class Subscribers {
  private readonly byId = new Map<string, Subscriber>();

  constructor(
    private readonly max = 500,
    private readonly newId: () => string = () => `sub_${randomBytes(6).toString('hex')}`,
    private readonly items: RunItems<Subscriber> = runItems(memoryItems(), ''),
  ) {
    for (const subscriber of items.list()) this.byId.set(subscriber.id, subscriber);
  }

  /** How many there are. */
  get size(): number {
    return this.byId.size;
  }

  /**
   * Adds a subscriber, validated; the same kind and address again returns the existing one.
   * Throws a ValidationError for a bad request or when the list is full.
   */
  add(input: unknown, createdAt: string): { subscriber: SubscriberView; added: boolean } {
    const { kind, address } = validateSubscription(input);
    const existing = [...this.byId.values()].find((s) => s.kind === kind && s.raw === address);
    if (existing !== undefined) return { subscriber: view(existing), added: false };
    if (this.byId.size >= this.max) throw new ValidationError(`this run already has ${this.max} subscribers`);
    const masked = kind === 'email' ? maskEmail(address) : maskPhone(address);
    const subscriber: Subscriber = { id: this.newId(), kind, address: masked, createdAt, raw: address };
    this.items.put(subscriber.id, subscriber);
    this.byId.set(subscriber.id, subscriber);
    return { subscriber: view(subscriber), added: true };
  }

  /** Removes a subscriber; a NotFoundError if there is none with this id. */
  remove(id: string): void {
    if (!this.byId.has(id)) throw new NotFoundError(`no subscriber "${id}"`);
    this.items.remove(id);
    this.byId.delete(id);
  }

  /** Every subscriber, masked, oldest first. */
  list(): SubscriberView[] {
    return [...this.byId.values()].map(view);
  }

  /** The kinds of subscription there are, in `SUBSCRIBER_KINDS` order. */
  kinds(): SubscriberKind[] {
    const present = new Set([...this.byId.values()].map((s) => s.kind));
    return SUBSCRIBER_KINDS.filter((k) => present.has(k));
  }
}

function view({ id, kind, address, createdAt }: Subscriber): SubscriberView {
  return { id, kind, address, createdAt };
}
