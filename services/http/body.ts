// Reading a JSON request body with a size limit: a client cannot make the server buffer more than
// the limit, whether it announces the size (Content-Length) or not (chunked).

import type { IncomingMessage } from 'node:http';

export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}

export class BodyNotJson extends Error {
  override name = 'BodyNotJson';
}

export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const announced = Number(req.headers['content-length']);
    if (Number.isFinite(announced) && announced > limit) {
      // Drained, not destroyed: the socket must stay open long enough to carry the 413 answer.
      req.resume();
      reject(new BodyTooLarge(`the request body is over ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      reject(new BodyTooLarge(`the request body is over ${limit} bytes`));
    };
    req.on('data', onData);
    req.on('error', reject);
    req.on('end', () => {
      if (size > limit) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return reject(new BodyNotJson('the request body is empty: send a JSON object'));
      try {
        resolve(JSON.parse(text));
      } catch (err) {
        reject(new BodyNotJson(`the request body is not JSON: ${(err as Error).message}`));
      }
    });
  });
}
