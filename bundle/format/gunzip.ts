// The default decompressor: fflate, pure JavaScript, so the format decodes anywhere. Node passes its
// zlib (faster, off the main thread); a browser may pass DecompressionStream.

import { gunzipSync } from 'fflate';
import type { Gunzip } from './crypto.ts';

export const fflateGunzip: Gunzip = (compressed, rawLength) => gunzipSync(compressed, { out: new Uint8Array(rawLength) });
