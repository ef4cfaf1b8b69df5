// Getting a bundle's two files: out of this open-me.html (base64 after the viewer, decoded as soon as
// the page has loaded, while the inspector types the passphrase), or through the file picker (a
// bundle's bundle.json and data.bin, or another open-me.html), so that an inspector can use their own
// trusted copy of the viewer and never the one the centre handed over.

import type { BundleFiles } from '../../format/verify.ts';
import { DATA_ELEMENT_ID, ENVELOPE_ELEMENT_ID, embeddedBase64 } from '../embedded.ts';
import { base64Bytes } from './base64.ts';

/** A file the inspector chose is not a bundle: said in the reader's words by the caller. */
export class PickError extends Error {
  constructor(
    readonly code: 'no-bundle-in-html' | 'need-both' | 'not-base64',
    readonly file: string,
  ) {
    super(code);
  }
}

/**
 * The bundle this page carries, decoded once; null for a bare viewer. The page's copy of the base64
 * text is dropped afterwards (ten years are 240 MB of text).
 */
export function embeddedFiles(): BundleFiles | null {
  const data = document.getElementById(DATA_ELEMENT_ID);
  const envelope = document.getElementById(ENVELOPE_ELEMENT_ID);
  if (!data || !envelope) return null;
  try {
    const files = { envelope: base64Bytes(envelope.textContent ?? ''), data: base64Bytes(data.textContent ?? '') };
    data.textContent = '';
    return files;
  } catch {
    throw new PickError('not-base64', 'open-me.html');
  }
}

export async function pickedFiles(list: readonly File[]): Promise<BundleFiles> {
  const html = list.find((f) => /\.html?$/i.test(f.name));
  if (html) {
    const text = await html.text();
    const data = embeddedBase64(text, DATA_ELEMENT_ID);
    const envelope = embeddedBase64(text, ENVELOPE_ELEMENT_ID);
    if (data === null || envelope === null) throw new PickError('no-bundle-in-html', html.name);
    try {
      return { envelope: base64Bytes(envelope), data: base64Bytes(data) };
    } catch {
      throw new PickError('not-base64', html.name);
    }
  }
  const json = list.find((f) => /\.json$/i.test(f.name));
  const bin = list.find((f) => /\.bin$/i.test(f.name));
  if (!json || !bin) throw new PickError('need-both', list.map((f) => f.name).join(', '));
  return { envelope: new Uint8Array(await json.arrayBuffer()), data: new Uint8Array(await bin.arrayBuffer()) };
}
