// Gzip through the browser's own DecompressionStream, into a buffer of the size the container states
// (and never past it: a chunk that would expand further is stopped, see container.ts). The bytes are
// written straight into the stream, not read from a Blob: a Blob's bytes go to the browser process and
// back, a third more time (and CPU outside the page) per chunk.

/** Whether this browser has DecompressionStream (else the callers use fflate). */
export const nativeInflate = typeof DecompressionStream === 'function';

/** The decompressed bytes, exactly `rawLength` of them or fewer (the caller checks the length). */
export async function inflateNative(compressed: Uint8Array, rawLength: number): Promise<Uint8Array> {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  // Failures of the writing side show on the reading side, where they are thrown.
  writer.write(compressed as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const out = new Uint8Array(rawLength);
  let o = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (o + value.length > rawLength) {
      await reader.cancel().catch(() => {});
      throw new Error('the chunk decompresses to more than its stated size');
    }
    out.set(value, o);
    o += value.length;
  }
  return o === rawLength ? out : out.subarray(0, o);
}
