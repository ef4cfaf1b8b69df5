// Who may talk to the loopback server. Listening on 127.0.0.1 keeps other machines out; these checks
// keep out other web pages in the same browser:
//   - Host must name the loopback address and our port, so a DNS-rebound hostname
//     (evil.example resolving to 127.0.0.1) is refused even though the socket is local;
//   - Origin, when the browser sends one, must be our own, so a page elsewhere cannot post to us;
//   - the per-launch token, which only the page we printed the URL for knows, must come with every
//     API call in a custom header (which also forces a CORS preflight that we never grant).

import { createHash, timingSafeEqual } from 'node:crypto';

export const LAUNCH_HEADER = 'x-centre-launch';

/** The Host header values that name this server: the loopback address or localhost, our port. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

/**
 * No Origin (same-origin GET, curl, tests) is allowed: the token still has to match. An Origin must
 * be exactly the origin of the Host the request was sent to, itself already checked.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  if (!isAllowedHost(host, port)) return false;
  return origin.toLowerCase() === `http://${host!.toLowerCase()}`;
}

/** Constant-time comparison; hashing first gives equal lengths, so a length mismatch leaks nothing. */
export function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
