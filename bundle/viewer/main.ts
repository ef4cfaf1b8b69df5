// The minimal offline viewer: passphrase, then decrypt and verify in the browser with WebCrypto
// through bundle/format (the same code `centre verify` runs), the verdict first and plainly, then
// the register. Opens the bundle embedded in open-me.html, or any bundle's files through a file
// picker, so an inspector can use a trusted copy of this viewer. Never touches the network (the CSP
// forbids it) and never inserts bundle text as HTML.

import { profileById } from '../../domain/profile/az-default.ts';
import { toHex } from '../format/bytes.ts';
import { makeCheckpoint, parseCheckpoint, type Checkpoint } from '../format/checkpoint.ts';
import { STEP_TITLES, verifyBundle, type BundleFiles, type Verdict } from '../format/verify.ts';
import { pooledCrypto, pooledGunzip, webCrypto, webGunzip } from './crypto-web.ts';
import { poolSize, startPool } from './web/pool.ts';
import { DATA_ELEMENT_ID, ENVELOPE_ELEMENT_ID, embeddedBase64 } from './embedded.ts';

declare const __VIEWER_TEMPLATE__: string;
declare const __WORKER_SOURCE__: string;
const pool = startPool(__WORKER_SOURCE__, poolSize());

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function base64Bytes(text: string): Uint8Array {
  const from = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (from) return from(text);
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0));
  const STEP = 4 * 1024 * 1024;
  let o = 0;
  for (let i = 0; i < text.length; i += STEP) {
    const bin = atob(text.slice(i, i + STEP));
    for (let j = 0; j < bin.length; j++) out[o++] = bin.charCodeAt(j);
  }
  return out;
}

/** SHA-256 of this viewer's own HTML, rebuilt from its template and its script (see build.ts). */
async function selfHash(): Promise<string> {
  const script = $('viewer-script').textContent ?? '';
  const enc = new TextEncoder();
  const scriptHash = new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(script)));
  let b64 = '';
  for (const b of scriptHash) b64 += String.fromCharCode(b);
  const html = __VIEWER_TEMPLATE__.split('@@SCRIPT_HASH@@').join(btoa(b64)).split('@@SCRIPT@@').join(script);
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(html))));
}

function embeddedFiles(): BundleFiles | null {
  const data = document.getElementById(DATA_ELEMENT_ID);
  const envelope = document.getElementById(ENVELOPE_ELEMENT_ID);
  if (!data || !envelope) return null;
  return { envelope: base64Bytes(envelope.textContent ?? ''), data: base64Bytes(data.textContent ?? '') };
}

async function pickedFiles(files: FileList): Promise<BundleFiles> {
  const list = [...files];
  const html = list.find((f) => f.name.endsWith('.html'));
  if (html) {
    const text = await html.text();
    const data = embeddedBase64(text, DATA_ELEMENT_ID);
    const envelope = embeddedBase64(text, ENVELOPE_ELEMENT_ID);
    if (data === null || envelope === null) throw new Error(`${html.name} holds no bundle`);
    return { envelope: base64Bytes(envelope), data: base64Bytes(data) };
  }
  const json = list.find((f) => f.name.endsWith('.json'));
  const bin = list.find((f) => f.name.endsWith('.bin'));
  if (!json || !bin) throw new Error('choose the bundle’s bundle.json and data.bin together (or its open-me.html)');
  return { envelope: new Uint8Array(await json.arrayBuffer()), data: new Uint8Array(await bin.arrayBuffer()) };
}

function showVerdict(v: Verdict): void {
  const box = $('verdict');
  box.replaceChildren();
  box.className = v.ok ? 'verdict ok' : 'verdict bad';
  box.append(el('h2', v.ok ? 'Intact' : 'NOT intact'));
  if (v.failure) {
    const where = v.failure.seq !== undefined ? ` (journal entry ${v.failure.seq})` : '';
    box.append(el('p', `Failed: ${STEP_TITLES[v.failure.step]}${where}. ${v.failure.message}`, 'reason'));
  }
  const m = v.manifest;
  if (m) {
    box.append(el('p', `${m.centre.name} · ${m.kind} · entries ${m.from.seq + 1}–${m.head.seq} · head ${m.head.hash} · exported ${m.exportedAt} by ${m.exportedBy}`));
    box.append(el('p', `Centre key fingerprint: ${m.keyFingerprint}`, 'mono'));
  }
  const steps = el('ol', undefined, 'steps');
  for (const s of v.steps) steps.append(el('li', `${s.ok ? (s.skipped ? '–' : '✓') : '✗'} ${STEP_TITLES[s.step]}: ${s.detail} (${s.ms} ms)`, s.ok ? '' : 'bad'));
  box.append(steps);
  for (const w of v.warnings) box.append(el('p', `Note: ${w}`, 'warning'));
}

function showRegister(v: Verdict): void {
  const tables = v.content?.tables;
  const section = $('register');
  section.replaceChildren();
  if (!tables) return;
  section.append(el('h2', `Register: ${tables.persons.size} persons, ${tables.placements.size} stays`));
  const findings = v.content?.findings?.current;
  if (findings) {
    const codes = Object.entries(findings.byCode).map(([code, n]) => `${code} ${n}`).join(', ');
    section.append(el('p', `Findings at export (${findings.at}): ${findings.findings.length}${codes ? ` — ${codes}` : ''}`));
  }
  const search = el('input');
  search.type = 'search';
  search.placeholder = 'Search by name';
  search.id = 'search';
  const table = el('table');
  const head = el('tr');
  for (const h of ['Person', 'Family name', 'Given names', 'Original script', 'Nationality', 'Status', 'Present', 'Stays']) head.append(el('th', h));
  const body = el('tbody');
  table.append(el('thead'), body);
  table.tHead!.append(head);
  const stays = new Map<string, number>();
  for (const p of tables.placements.values()) stays.set(p.personId, (stays.get(p.personId) ?? 0) + 1);
  const persons = [...tables.persons.values()];
  const render = () => {
    const q = search.value.trim().toLowerCase();
    const rows = q ? persons.filter((p) => `${p.familyName} ${p.givenNames} ${p.nameOriginal}`.toLowerCase().includes(q)) : persons;
    body.replaceChildren();
    for (const p of rows.slice(0, 500)) {
      const tr = el('tr');
      for (const cell of [p.personId, p.familyName, p.givenNames, p.nameOriginal, p.nationality ?? (p.stateless ? 'stateless' : ''), p.status, p.present ? 'yes' : 'no', String(stays.get(p.personId) ?? 0)]) {
        tr.append(el('td', cell));
      }
      body.append(tr);
    }
    $('shown').textContent = rows.length > 500 ? `showing 500 of ${rows.length}` : `${rows.length} shown`;
  };
  search.addEventListener('input', render);
  section.append(search, el('span', '', 'muted'), table);
  section.querySelector('span')!.id = 'shown';
  render();
}

function download(name: string, text: string): void {
  const a = el('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

async function open(files: BundleFiles): Promise<void> {
  const passphrase = ($('passphrase') as HTMLInputElement).value;
  const progress = $('progress') as HTMLProgressElement;
  const status = $('status');
  let checkpoint: Checkpoint | null = null;
  const cpFile = ($('checkpoint') as HTMLInputElement).files?.[0];
  if (cpFile) checkpoint = parseCheckpoint(await cpFile.text());
  status.textContent = 'Checking…';
  const t0 = performance.now();
  const helpers = await pool;
  const verdict = await verifyBundle(files, passphrase, helpers ? pooledCrypto(helpers) : webCrypto, {
    gunzip: helpers ? pooledGunzip(helpers) : webGunzip,
    checkpoint,
    knownProfile: profileById,
    readAhead: helpers ? 2 + 2 * helpers.size : 4,
    onProgress: (p) => {
      status.textContent = `Checking: ${STEP_TITLES[p.step]}…`;
      if (p.step === 'chain' && p.total > 0) progress.value = p.done / p.total;
    },
    yieldToHost: () => new Promise((resolve) => setTimeout(resolve, 0)),
  });
  showVerdict(verdict);
  showRegister(verdict);
  status.textContent = `Done in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
  document.body.dataset.verdict = verdict.ok ? 'intact' : 'failed';
  const save = $('save-checkpoint') as HTMLButtonElement;
  save.hidden = !(verdict.ok && verdict.manifest?.kind === 'inspection');
  save.onclick = async () => {
    const cp = await makeCheckpoint(verdict.manifest!, verdict.content!.journal, webCrypto, new Date().toISOString());
    download(`checkpoint-${verdict.manifest!.centre.id}-seq${cp.seq}.json`, JSON.stringify(cp));
  };
}

async function start(): Promise<void> {
  selfHash().then(
    (h) => ($('self-hash').textContent = h),
    () => ($('self-hash').textContent = 'unavailable'),
  );
  const embedded = embeddedFiles();
  $('source').textContent = embedded ? 'This file carries a bundle. You may instead open another bundle’s files below.' : 'Choose a bundle: its bundle.json and data.bin, or its open-me.html.';
  $('form').addEventListener('submit', (event) => {
    event.preventDefault();
    const picked = ($('files') as HTMLInputElement).files;
    const run = async () => {
      const files = picked && picked.length ? await pickedFiles(picked) : embedded;
      if (!files) throw new Error('choose the bundle’s files first');
      await open(files);
    };
    run().catch((err: unknown) => {
      $('status').textContent = `Could not open: ${err instanceof Error ? err.message : String(err)}`;
      document.body.dataset.verdict = 'error';
    });
  });
}

// The bundle's data comes after this script in open-me.html: start once the whole file is parsed.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
else void start();
