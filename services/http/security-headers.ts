// The response headers every UI response carries, in browser mode (loopback HTTP) and in Electron
// (the app:// protocol): one policy for both transports, so the renderer cannot come to depend on
// something only one of them allows.

/**
 * Only our own files run; no inline script, no eval, no plugins, no framing, no form posts.
 * Inline styles are allowed because React's `style` props and the table virtualiser set them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Another local page may not embed our scripts or open us and keep a handle on the window.
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
