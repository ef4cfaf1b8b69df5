import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl, isTrustedSender } from './app-origin.ts';

describe('the app origin', () => {
  it('is app://centre and nothing like it', () => {
    expect(APP_ENTRY_URL).toBe('app://centre/index.html');
    for (const url of ['app://centre/', 'app://centre/index.html', 'app://centre/assets/x.js?v=1#top', 'APP://CENTRE/index.html']) {
      expect(isAppUrl(url), url).toBe(true);
    }
    for (const url of [
      'app://centre.evil/index.html',
      'app://evil/index.html',
      'app://centre:8080/',
      'app://user:pw@centre/',
      'https://centre/',
      'http://127.0.0.1:3000/',
      'file:///index.html',
      'devtools://devtools/bundled/inspector.html',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('trusts IPC only from the top frame of our own page', () => {
    expect(isTrustedSender({ url: 'app://centre/index.html', parent: null })).toBe(true);
    // An iframe, even one of ours; another page; a frame that has gone; an empty new frame.
    expect(isTrustedSender({ url: 'app://centre/index.html', parent: { url: 'app://centre/index.html' } })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/page.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: '', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});
