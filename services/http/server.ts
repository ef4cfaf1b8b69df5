// Browser mode: the same UI and the same API as the desktop app, served on the loopback interface
// for a plain browser where Electron cannot run (and for end-to-end tests in Chromium).
//
//   POST /api/call               {method, input, session} → ApiResponse (from dispatch)
//   POST /api/job/start|status|cancel                     → ApiResponse of JobStatus (jobs/requests.ts)
//   POST /api/hq/upload          (HQ mode) one file's bytes, X-File-Name → ApiResponse of its upload id
//   GET  /…                      the built UI (index.html for /)
//
// Every API request needs the per-launch token in X-Centre-Launch. The token reaches the page in
// the URL fragment (`/#launch=TOKEN`), which browsers never send to a server or put in a Referer.
// HTTP status codes speak for the transport only: a refused API call is 200 with `ok: false`.

import { createReadStream, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import type { ApiResponse } from '../../domain/api/bridge.ts';
import { systemClock, type Clock } from '../../domain/time.ts';
import { openDatabase } from '../../db/connection.ts';
import { openHqDatabase } from '../../db/hq/connection.ts';
import { hqDispatch } from '../hq/dispatch.ts';
import { HqService } from '../hq/service.ts';
import { removeAllUploads, saveUpload, UploadError } from '../hq/uploads.ts';
import { JobRunner } from '../jobs/runner.ts';
import { jobRequest } from '../jobs/requests.ts';
import { CentreService } from '../service.ts';
import { dispatch } from '../transport/dispatch.ts';
import { BodyNotJson, BodyTooLarge, readJsonBody } from './body.ts';
import { isAllowedHost, isAllowedOrigin, LAUNCH_HEADER, tokenMatches } from './guards.ts';
import { badRequest, refusedRequest, sendJson, sendText, transportError } from './responses.ts';
import { SECURITY_HEADERS } from './security-headers.ts';
import { contentTypeFor, findStaticFile } from './static-files.ts';

export interface WebServerOptions {
  /** Holds centre.db; created if missing. (Not used in HQ mode.) */
  dataDir: string;
  /**
   * HQ mode (`centre web --hq`): HQ's app (hq.html) and API on HQ's database instead of a centre's,
   * HQ's jobs (hq.import), and uploads of the slices chosen in the browser.
   */
  hq?: { dbPath: string; operator: string };
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
  /** The built UI (dist/renderer). */
  staticDir: string;
  clock?: Clock;
  /** Modules that register more job kinds, imported by each job's worker (tests). */
  jobModules?: string[];
}

export interface WebServer {
  /** http://127.0.0.1:PORT/#launch=TOKEN: the address to open. */
  url: string;
  token: string;
  port: number;
  /** Cancels running jobs, stops listening, closes the database. */
  close(): Promise<void>;
}

/** Large enough for any form or batch a person enters; the big transfers (bundles) are jobs. */
export const BODY_LIMIT = 2 * 1024 * 1024;

const JOB_WORKER = new URL('../jobs/worker-tsx.mjs', import.meta.url);
const STORE_WORKER = new URL('../hq/store-worker-tsx.mjs', import.meta.url);
const CHUNK_WORKER = new URL('../../bundle/node/chunk-worker.mjs', import.meta.url);
const JOB_ACTION = /^\/api\/job\/(start|status|cancel)$/;
const UPLOAD = '/api/hq/upload';

/** The API behind /api/call: a centre's service, or HQ's. */
interface Backend {
  dbPath: string;
  call(method: unknown, input: unknown, session: unknown): ApiResponse;
  close(): void;
}

function centreBackend(dataDir: string, clock: Clock): Backend {
  mkdirSync(dataDir, { recursive: true });
  const dbPath = join(dataDir, 'centre.db');
  const db = openDatabase(dbPath);
  const service = new CentreService(db, { clock });
  return { dbPath, call: (method, input, session) => dispatch(service, method, input, session), close: () => db.close() };
}

function hqBackend(hq: NonNullable<WebServerOptions['hq']>, clock: Clock): Backend {
  mkdirSync(dirname(resolve(hq.dbPath)), { recursive: true });
  const db = openHqDatabase(hq.dbPath);
  const service = new HqService(db, { clock, operator: hq.operator });
  return {
    dbPath: hq.dbPath,
    call: (method, input) => hqDispatch(service, method, input),
    close: () => {
      db.close();
      removeAllUploads(hq.dbPath);
    },
  };
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const clock = options.clock ?? systemClock;
  const backend = options.hq ? hqBackend(options.hq, clock) : centreBackend(options.dataDir, clock);
  const dbPath = backend.dbPath;
  const jobs = new JobRunner({
    dbPath,
    workerFile: JOB_WORKER,
    clock,
    modules: options.jobModules ?? [],
    ...(options.hq ? { hq: { operator: options.hq.operator, storeWorker: STORE_WORKER.href, chunkWorker: CHUNK_WORKER.href } } : {}),
  });
  const token = randomBytes(32).toString('hex');
  let port = 0;

  async function api(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, badRequest(`${req.method} is not allowed on ${path}: use POST`), { Allow: 'POST' });
      return;
    }
    const origin = req.headers.origin;
    if (!isAllowedOrigin(origin, req.headers.host, port)) {
      sendJson(res, 403, refusedRequest(`a page from ${origin} may not call this server`));
      return;
    }
    if (!tokenMatches(req.headers[LAUNCH_HEADER], token)) {
      sendJson(res, 401, transportError('unauthenticated', 'transport.launch_token', 'the launch token is missing or wrong: open the address that `centre web` printed'));
      return;
    }
    if (options.hq && path === UPLOAD) {
      await upload(req, res);
      return;
    }
    const jobAction = JOB_ACTION.exec(path)?.[1];
    if (path !== '/api/call' && !jobAction) {
      sendJson(res, 404, badRequest(`there is no ${path}: the API is POST /api/call and POST /api/job/start|status|cancel`));
      return;
    }
    let body: unknown;
    try {
      body = await readJsonBody(req, BODY_LIMIT);
    } catch (err) {
      if (err instanceof BodyTooLarge) sendJson(res, 413, badRequest(err.message), { Connection: 'close' });
      else if (err instanceof BodyNotJson) sendJson(res, 400, badRequest(err.message));
      else throw err;
      return;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      sendJson(res, 400, badRequest('the request body must be a JSON object'));
      return;
    }
    if (jobAction) {
      sendJson(res, 200, jobRequest(jobs, jobAction, body));
      return;
    }
    const call = body as { method?: unknown; input?: unknown; session?: unknown };
    sendJson(res, 200, backend.call(call.method, call.input, call.session));
  }

  /** HQ mode: one chosen file, streamed to disk beside HQ's database; its id goes to the import job. */
  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const name = req.headers['x-file-name'];
    if (typeof name !== 'string' || name === '') {
      sendJson(res, 400, badRequest('give the file\'s name in X-File-Name'));
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      sendJson(res, 400, badRequest('X-File-Name is not percent-encoded UTF-8'));
      return;
    }
    const length = req.headers['content-length'];
    try {
      const saved = await saveUpload(dbPath, decoded, req, length === undefined ? null : Number(length));
      sendJson(res, 200, { ok: true, result: saved });
    } catch (err) {
      if (err instanceof UploadError) sendJson(res, 413, badRequest(err.message), { Connection: 'close' });
      else throw err;
    }
  }

  async function ui(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    // HQ mode opens on HQ's app; the centre's app is index.html.
    const file = await findStaticFile(options.staticDir, options.hq && path === '/' ? '/hq.html' : path);
    if (!file) {
      sendText(res, 404, 'not found\n');
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(file.path),
      'Content-Length': file.size,
      // Rebuilt assets keep their names only when unchanged (Vite hashes them), but index.html does
      // not: always revalidate, so a rebuilt UI is never mixed with a stale one.
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file.path)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port)) {
      sendJson(res, 403, refusedRequest(`the Host header must be 127.0.0.1:${port} or localhost:${port}`));
      return;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/api' || path.startsWith('/api/')) await api(req, res, path);
    else await ui(req, res, path);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error(err);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, transportError('internal', 'api.internal', 'internal error: nothing was changed'));
    });
  });

  try {
    await listen(server, options.port ?? 0);
  } catch (err) {
    backend.close();
    throw err;
  }
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = async () => {
    await jobs.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      // A client holding a request open must not keep the process from stopping.
      setTimeout(() => server.closeAllConnections(), 2000).unref();
    });
    backend.close();
  };

  return {
    url: `http://127.0.0.1:${port}/#launch=${token}`,
    token,
    port,
    close: () => (closing ??= close()),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: no other machine can reach the register through this server.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
