// The viewer's own SHA-256, rebuilt from its template and its own script text (build.ts writes the
// file exactly so): what `centre viewer --out` prints and README.txt gives. A doctored viewer could
// show any number, so inspectors check the file itself (sha256sum); this is a convenience.

import { toHex } from '../../format/bytes.ts';

export async function selfHash(template: string): Promise<string> {
  const script = document.getElementById('viewer-script')?.textContent ?? '';
  const enc = new TextEncoder();
  const scriptHash = new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(script)));
  let b64 = '';
  for (const b of scriptHash) b64 += String.fromCharCode(b);
  const html = template.split('@@SCRIPT_HASH@@').join(btoa(b64)).split('@@SCRIPT@@').join(script);
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(html))));
}
