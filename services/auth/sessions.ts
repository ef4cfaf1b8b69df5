import { hash } from 'node:crypto';

/**
 * Sessions are stored by the SHA-256 of their token, so a copy of the database (a backup, a stolen
 * laptop) holds no token that could be replayed against the running app.
 */
export function sessionDigest(token: string): string {
  return hash('sha256', token, 'hex');
}
