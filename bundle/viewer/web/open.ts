// Getting a bundle's two files: out of this open-me.html (base64 after the viewer, decoded as soon as
// each is parsed, while the inspector types the passphrase), or through the file picker (a
// bundle's bundle.json and data.bin, or another open-me.html), so that an inspector can use their own
// trusted copy of the viewer and never the one the centre handed over.

import type { BundleFiles, BundleSource } from '../../format/verify.ts';
import { DATA_ELEMENT_ID, EmbeddedLayoutError, embeddedBundle, ENVELOPE_ELEMENT_ID } from '../embedded.ts';
import { base64Bytes } from './base64.ts';

type PickProblem = 'no-bundle-in-html' | 'need-both' | 'not-base64' | 'not-only-bundle';

/** In English, for verification's own messages (the screen says it in the reader's words, by `code`). */
const PICK_PROBLEM: Record<PickProblem, (file: string) => string> = {
  'no-bundle-in-html': (file) => `${file} carries no bundle`,
  'need-both': (file) => `a bundle's bundle.json and data.bin are both needed (chosen: ${file})`,
  'not-base64': (file) => `the data inside ${file} is damaged (not base64)`,
  'not-only-bundle': (file) => `${file} was altered after export: after the viewer it holds more than one bundle, or other content besides its bundle`,
};

/** A file the inspector chose is not a bundle: said in the reader's words by the caller. */
export class PickError extends Error {
  constructor(
    readonly code: PickProblem,
    readonly file: string,
  ) {
    super(PICK_PROBLEM[code](file));
  }
}

/** Resolves once the page is parsed (at once if it is). */
function parsed(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

/** An element's base64 text, decoded; the page's copy of the text is dropped (ten years are 240 MB of it). */
function decodeElement(element: Element): Uint8Array {
  try {
    const bytes = base64Bytes(element.textContent ?? '');
    element.textContent = '';
    return bytes;
  } catch {
    throw new PickError('not-base64', 'open-me.html');
  }
}

const isSpace = (text: string) => /^[ \t\n\f\r]*$/.test(text);

/**
 * Whether the parsed page holds, after the viewer's script, the envelope element that was read and
 * the data element, and nothing else but white space: no second envelope or data element, no other
 * markup, no comment but the viewer's last line (embeddedBundle in embedded.ts refuses the same in
 * the file's text, for `centre verify` and the picker). Otherwise this page could show one signed
 * bundle while those verify another one the same file carries.
 */
function onlyTheBundleAfterViewer(envelope: Element, data: Element): boolean {
  const script = document.getElementById('viewer-script');
  if (!script || script.parentNode !== document.body) return false;
  let seen = 0;
  for (let n = script.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === Node.TEXT_NODE && isSpace(n.nodeValue ?? '')) continue;
    if (n !== envelope && n !== data) return false;
    seen++;
  }
  if (seen !== 2) return false;
  for (const e of [envelope, data]) {
    if (e.tagName !== 'SCRIPT' || e.attributes.length !== 2 || e.getAttribute('type') !== 'application/octet-stream') return false;
  }
  // What follows </html> up to the first element goes to the document itself: there, the viewer's
  // last line and white space only.
  const html = document.documentElement;
  let comments = 0;
  for (let n = html.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === Node.COMMENT_NODE) comments++;
    else if (!(n.nodeType === Node.TEXT_NODE && isSpace(n.nodeValue ?? ''))) return false;
  }
  return comments === 1;
}

/**
 * The bundle this page carries; null for a bare viewer. The viewer's script runs before the browser
 * has read the bundle after it: the envelope (right after the viewer in files `centre export` writes)
 * is given as soon as its element is whole, when the data's element follows it; the data, a promise,
 * once the page is parsed. Verification starts on the envelope, so the signature is checked and the
 * key derived while the data is still being parsed (seconds, for ten years).
 */
export function embeddedFiles(): Promise<BundleSource | null> {
  const done = parsed();
  // The envelope element read (below; null: none), for the check that it is the one the whole page holds.
  let envelopeFound: (element: Element | null) => void = () => {};
  const envelopeRead = new Promise<Element | null>((resolve) => (envelopeFound = resolve));
  const data = Promise.all([done, envelopeRead]).then(([, envelope]) => {
    const element = document.getElementById(DATA_ELEMENT_ID);
    if (!element) throw new PickError('no-bundle-in-html', 'open-me.html');
    if (!envelope || !onlyTheBundleAfterViewer(envelope, element)) throw new PickError('not-only-bundle', 'open-me.html');
    return decodeElement(element);
  });
  data.catch(() => {});
  const envelopeWhole = new Promise<void>((resolve) => {
    if (document.readyState !== 'loading') {
      resolve();
      return;
    }
    const observer = new MutationObserver(() => {
      if (document.getElementById(DATA_ELEMENT_ID)) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
    void done.then(() => {
      observer.disconnect();
      resolve();
    });
  });
  return envelopeWhole.then(async () => {
    // Before the data (a file from `centre export`), or else after it (an older one), or none.
    if (!document.getElementById(ENVELOPE_ELEMENT_ID)) await done;
    const envelope = document.getElementById(ENVELOPE_ELEMENT_ID);
    envelopeFound(envelope);
    if (!envelope || !document.getElementById(DATA_ELEMENT_ID)) return null;
    return { envelope: decodeElement(envelope), data };
  });
}

export async function pickedFiles(list: readonly File[]): Promise<BundleFiles> {
  const html = list.find((f) => /\.html?$/i.test(f.name));
  if (html) {
    const text = await html.text();
    let found: ReturnType<typeof embeddedBundle>;
    try {
      found = embeddedBundle(text);
    } catch (err) {
      if (err instanceof EmbeddedLayoutError) throw new PickError('not-only-bundle', html.name);
      throw err;
    }
    if (!found) throw new PickError('no-bundle-in-html', html.name);
    try {
      return { envelope: base64Bytes(found.envelope), data: base64Bytes(found.data) };
    } catch {
      throw new PickError('not-base64', html.name);
    }
  }
  const json = list.find((f) => /\.json$/i.test(f.name));
  const bin = list.find((f) => /\.bin$/i.test(f.name));
  if (!json || !bin) throw new PickError('need-both', list.map((f) => f.name).join(', '));
  return { envelope: new Uint8Array(await json.arrayBuffer()), data: new Uint8Array(await bin.arrayBuffer()) };
}
