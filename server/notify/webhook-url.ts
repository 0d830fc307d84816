/** Which webhook URLs are accepted: absolute http: or https: URLs of at most 2,048 characters. */
import { ValidationError } from '../errors.js';

/** The longest webhook URL accepted, as given and once normalised. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** A webhook URL checked and normalised (WHATWG `href`); throws a ValidationError saying what is wrong. */
export function validateWebhookUrl(input: unknown): string {
  if (typeof input !== 'string' || input.trim() === '') throw new ValidationError('url is required');
  const url = input.trim();
  const tooLong = new ValidationError(`url is longer than ${MAX_WEBHOOK_URL_LENGTH} characters`);
  if (url.length > MAX_WEBHOOK_URL_LENGTH) throw tooLong;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError('url is not an absolute URL, e.g. https://hooks.example.org/statusdrill');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ValidationError(`url must start with http: or https:, not ${parsed.protocol}`);
  if (parsed.href.length > MAX_WEBHOOK_URL_LENGTH) throw tooLong;
  return parsed.href;
}
