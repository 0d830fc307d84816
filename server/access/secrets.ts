/**
 * Secrets: made from the system's random source and compared in constant time, so neither their
 * content nor their length leaks through timing.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random secret, URL-safe. */
export function newSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** Whether two secrets are equal, in time independent of where they differ and of their lengths. */
export function sameSecret(given: string, expected: string): boolean {
  // Digests have the same length whatever the inputs, which timingSafeEqual requires.
  return timingSafeEqual(digest(given), digest(expected));
}

/** The SHA-256 of a secret, as a key to find it by without keeping it in a comparable form. */
export function secretKey(secret: string): string {
  return digest(secret).toString('hex');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
