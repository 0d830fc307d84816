/**
 * The security headers of every answer: a strict Content-Security-Policy (this origin only, no
 * inline script or style, no eval, no frames), helmet's other headers, a Permissions-Policy that
 * turns every powerful feature off, and `X-Robots-Tag`.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Browser features no page of statusdrill uses, each turned off for the page and any frame.
 * helmet does not set Permissions-Policy, so it is written here.
 */
export const DISABLED_FEATURES = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'hid',
  'interest-cohort',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
] as const;

const PERMISSIONS_POLICY = DISABLED_FEATURES.map((feature) => `${feature}=()`).join(', ');

/** The middleware that sets every security header. */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      // statusdrill is often served over plain HTTP on a LAN for a presentation: forcing HTTPS
      // (HSTS, upgrade-insecure-requests) would break every asset there.
      strictTransportSecurity: false,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          baseUri: ["'self'"],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          frameSrc: ["'none'"],
          imgSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'"],
          // Scripts may still set styles through the CSSOM (element.style), which CSP allows.
          styleSrcAttr: ["'none'"],
        },
      },
      frameguard: { action: 'deny' },
      // Same-origin referrers let browsers send a real Origin with the console's own forms.
      referrerPolicy: { policy: 'same-origin' },
    }),
    (_req, res, next) => {
      res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
      // Simulated pages must never be indexed as if they were a real organisation's status.
      res.setHeader('X-Robots-Tag', 'noindex, nofollow');
      next();
    },
  ];
}

/**
 * The headers `securityHeaders()` sets, as a list, for answers made outside express (the fast
 * path): the middleware is run once against a recording response, so both paths send the same.
 */
export function securityHeaderList(): Array<[string, string]> {
  const set = new Map<string, [string, string]>();
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) =>
      set.set(name.toLowerCase(), [name, String(value)]),
    removeHeader: (name: string) => set.delete(name.toLowerCase()),
    getHeader: (name: string) => set.get(name.toLowerCase())?.[1],
  };
  const req = { method: 'GET', url: '/', headers: {} };
  for (const middleware of securityHeaders())
    middleware(req as never, res as never, (error?: unknown) => {
      if (error !== undefined) throw error instanceof Error ? error : new Error('a security header failed');
    });
  return [...set.values()];
}
