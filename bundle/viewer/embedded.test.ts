// Reading the bundle out of an open-me.html's text (`centre verify`, a trusted viewer's picker):
// the two elements after the viewer, in either order, and nothing else; anything more is refused,
// because the page's own parser could find another bundle in it than a text search does.

import { describe, expect, it } from 'vitest';
import { CLOSE_TAG, DATA_ELEMENT_ID, EmbeddedLayoutError, embeddedBundle, ENVELOPE_ELEMENT_ID, openTag, VIEWER_END } from './embedded.ts';

const viewer = `<!doctype html>\n<html><body><script id="viewer-script">x</script></body></html>\n${VIEWER_END}\n`;
const env = (b64 = 'RU5W') => `${openTag(ENVELOPE_ELEMENT_ID)}${b64}${CLOSE_TAG}`;
const dat = (b64 = 'REFUQQ==') => `${openTag(DATA_ELEMENT_ID)}${b64}${CLOSE_TAG}`;

describe('the bundle inside an open-me.html', () => {
  it('is the two elements after the viewer, the envelope first (with its room) or last (earlier versions)', () => {
    const expected = { envelope: 'RU5W', data: 'REFUQQ==' };
    expect(embeddedBundle(`${viewer}${env()}${' '.repeat(100)}\n${dat()}`)).toEqual(expected);
    expect(embeddedBundle(`${viewer}${dat()}${env()}`)).toEqual(expected);
    expect(embeddedBundle(`${viewer}${' '.repeat(16_384)}\n${dat()}${env()}`)).toEqual(expected);
  });

  it('runs to the end of a file cut short inside its last element, as a browser reads it', () => {
    const whole = `${viewer}${env()}${dat('REFUQQ==')}`;
    expect(embeddedBundle(whole.slice(0, whole.length - CLOSE_TAG.length - 3))).toEqual({ envelope: 'RU5W', data: 'REFUQ' });
    expect(() => embeddedBundle(`${viewer}${env().slice(0, -CLOSE_TAG.length)}`)).toThrow(EmbeddedLayoutError);
  });

  it('is none in a bare viewer, or in a file that is no viewer', () => {
    expect(embeddedBundle(viewer)).toBeNull();
    expect(embeddedBundle(`${viewer}\n  \n`)).toBeNull();
    expect(embeddedBundle('<html>nothing</html>')).toBeNull();
  });

  it('refuses a second envelope or data element, one in a comment, other markup or text, and a half bundle', () => {
    const refused = [
      `${viewer}${env()}${dat()}${env('T1RIRVI=')}${dat('T1RIRVI=')}`,
      `${viewer}${env()}${dat()}${dat('T1RIRVI=')}`,
      `${viewer}${env()}${env('T1RIRVI=')}${dat()}`,
      `${viewer}${env()}${dat()}<!--${env('T1RIRVI=')}${dat('T1RIRVI=')}-->`,
      `${viewer}<!-- -->${env()}${dat()}`,
      `${viewer}<p>${env()}${dat()}`,
      `${viewer}${env()}${dat()}text`,
      `${viewer}${env()}\u00a0${dat()}`,
      `${viewer}${env()}`,
      `${viewer}${dat()}`,
      `${viewer}${env('RU5W</script >x')}${dat()}`,
    ];
    for (const html of refused) expect(() => embeddedBundle(html), html.slice(viewer.length)).toThrow(EmbeddedLayoutError);
  });
});
