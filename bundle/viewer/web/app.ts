// The viewer's page: the passphrase (and, optionally, a bundle's files and the last visit's
// checkpoint), then the verdict, first and plainly, then the screens an inspector needs, switched by
// a tab bar and by links (#register, #person/P12, #entry/345, …). Switchable between English,
// Azerbaijani and Russian at any time. Nothing leaves the page: no network (the CSP forbids it), no
// storage; a checkpoint is saved only as a file the inspector downloads.

import { profileById } from '../../../domain/profile/az-default.ts';
import { CheckpointError, parseCheckpoint, type Checkpoint } from '../../format/checkpoint.ts';
import type { Crypto, Gunzip } from '../../format/crypto.ts';
import { hasRepeat } from '../../format/rights-aside.ts';
import { verifyBundle, type BundleSource, type Verdict } from '../../format/verify.ts';
import { pooledCrypto, pooledGunzip, webCrypto, webGunzip, withDigestOf } from '../crypto-web.ts';
import { LANGUAGE_NAMES, preferredLanguage, t, tk, VIEWER_LANGUAGES, type Language, type ViewerKey } from '../i18n/translate.ts';
import { ViewerData } from '../model/data.ts';
import { makeFormatters } from '../model/format.ts';
import { DEFAULT_QUERY } from '../model/search.ts';
import { NO_FILTER } from '../model/findings.ts';
import { renderCharts } from './charts-view.ts';
import { comparisonSummary, renderCompare } from './compare-view.ts';
import { translators, type Ctx, type SessionState } from './context.ts';
import { renderDeadlines } from './deadlines-view.ts';
import { fill, h } from './dom.ts';
import { renderEntry } from './entry-view.ts';
import { renderFindings } from './findings-view.ts';
import { renderFollowUp } from './follow-up-view.ts';
import { embeddedFiles, pickedFiles, PickError } from './open.ts';
import { renderPerson } from './person-view.ts';
import { poolSize, startPool, type WorkerPool } from './pool.ts';
import { renderRegister } from './register-view.ts';
import { renderRooms } from './rooms-view.ts';
import { selfHash } from './self-hash.ts';
import { renderVerdict, stepTitle } from './verdict-view.ts';
import { renderVisits } from './visits-view.ts';

const TABS: readonly { route: string; key: ViewerKey }[] = [
  { route: 'register', key: 'tab.register' },
  { route: 'findings', key: 'tab.findings' },
  { route: 'rooms', key: 'tab.rooms' },
  { route: 'deadlines', key: 'tab.deadlines' },
  { route: 'visits', key: 'tab.visits' },
  { route: 'charts', key: 'tab.charts' },
  { route: 'compare', key: 'tab.compare' },
  { route: 'follow-up', key: 'tab.followUp' },
];

function freshState(): SessionState {
  return {
    register: { ...DEFAULT_QUERY },
    findings: { mode: 'current', filter: { ...NO_FILTER }, shown: {} },
    roomsAt: null,
    roomsProblemsOnly: false,
    checkpoint: null,
    comparison: null,
    interviewees: [],
    intervieweesRejected: [],
    followSince: null,
  };
}

/**
 * Lets the page repaint (the progress bar) during verification, at most every YIELD_EVERY_MS. Through a
 * MessageChannel, not setTimeout: timers set from timers are held back 4 ms each, and verification
 * offers a turn after each of a ten-year journal's 250 chunks, a second lost in all.
 */
const YIELD_EVERY_MS = 50;
function hostTurns(): { next: () => Promise<void>; close: () => void } {
  let last = performance.now();
  const channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;
  const waiting: (() => void)[] = [];
  if (channel) channel.port1.onmessage = () => waiting.shift()?.();
  const next = () => {
    const now = performance.now();
    if (now - last < YIELD_EVERY_MS) return Promise.resolve();
    last = now;
    return new Promise<void>((resolve) => {
      if (!channel) return void setTimeout(resolve, 0);
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
  };
  return { next, close: () => channel?.port1.close() };
}

export interface ViewerOptions {
  template: string;
  workerSource: string;
}

export class ViewerApp {
  private lang: Language;
  private readonly pool: Promise<WorkerPool | null>;
  /** The bundle this page carries (open.ts), once its envelope is read. */
  private embedded: Promise<BundleSource | null> = Promise.resolve(null);
  /** …and what it came to: undefined until then, null for none (a bare viewer, or unreadable). */
  private embeddedKnown: BundleSource | null | undefined = undefined;
  private embeddedDigest: Promise<Uint8Array> | null = null;
  private verdict: Verdict | null = null;
  private data: ViewerData | null = null;
  private crypto: Crypto = webCrypto;
  private state: SessionState = freshState();
  private busy = false;

  // Elements whose text follows the language.
  private readonly root: HTMLElement;
  private readonly texts: [HTMLElement, () => string][] = [];
  private readonly langSelect: HTMLSelectElement;
  private readonly passphrase: HTMLInputElement;
  private readonly files: HTMLInputElement;
  private readonly checkpointInput: HTMLInputElement;
  private readonly progress: HTMLProgressElement;
  private readonly status: HTMLElement;
  private readonly verdictBox: HTMLElement;
  private readonly nav: HTMLElement;
  private readonly view: HTMLElement;
  private readonly source: HTMLElement;
  /** The form, folded away once a bundle is open ("Open another bundle"). */
  private readonly openDetails: HTMLDetailsElement;
  private readonly openSummary: HTMLElement;
  private statusText: () => string = () => '';

  constructor(private readonly options: ViewerOptions) {
    this.lang = preferredLanguage(typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : []);
    this.pool = startPool(options.workerSource, poolSize());
    const text = <K extends keyof HTMLElementTagNameMap>(tag: K, key: () => string, props?: Parameters<typeof h>[1]) => {
      const e = h(tag, props ?? null, key());
      this.texts.push([e, key]);
      return e;
    };
    const T = (key: ViewerKey) => () => t(this.lang, key);
    this.langSelect = h('select', { id: 'language' }, ...VIEWER_LANGUAGES.map((l) => h('option', { attrs: { value: l, lang: l } }, LANGUAGE_NAMES[l])));
    this.langSelect.addEventListener('change', () => this.setLanguage(this.langSelect.value as Language));
    this.passphrase = h('input', { id: 'passphrase', attrs: { type: 'password', autocomplete: 'off', required: true } });
    this.files = h('input', { id: 'files', attrs: { type: 'file', multiple: true, accept: '.json,.bin,.html,.htm' } });
    this.checkpointInput = h('input', { id: 'checkpoint', attrs: { type: 'file', accept: '.json,application/json' } });
    this.progress = h('progress', { id: 'progress', attrs: { value: 0, max: 1 } });
    this.status = h('p', { id: 'status', attrs: { role: 'status' } });
    this.verdictBox = h('div', { id: 'verdict-box' });
    this.nav = h('nav', { id: 'tabs', class: 'tabs', attrs: { hidden: true } });
    this.view = h('main', { id: 'view', attrs: { tabindex: -1 } });
    this.source = h('p', { id: 'source' });
    const form = h(
      'form',
      { id: 'form', class: 'open-form', on: { submit: (e) => (e.preventDefault(), void this.open()) } },
      h('label', null, text('span', T('open.passphrase')), this.passphrase),
      h('label', null, text('span', T('open.files')), this.files),
      h('label', null, text('span', T('open.checkpoint')), this.checkpointInput),
      text('button', T('open.submit'), { id: 'open', attrs: { type: 'submit' } }),
    );
    this.openSummary = h('summary', null);
    this.texts.push([this.openSummary, () => t(this.lang, 'open.another')]);
    this.openDetails = h('details', { attrs: { open: true } }, this.openSummary, this.source, form);
    this.root = h(
      'div',
      { id: 'viewer' },
      h('header', { class: 'top' }, text('h1', T('app.title')), h('label', { class: 'lang' }, text('span', T('app.language')), this.langSelect)),
      h('section', { id: 'open-panel', class: 'no-print' }, this.openDetails, this.progress, this.status),
      this.verdictBox,
      this.nav,
      this.view,
    );
    const footer = document.getElementById('footer');
    if (footer) {
      const hashEl = document.getElementById('self-hash');
      const label = h('span', { id: 'self-hash-label' });
      this.texts.push([label, () => t(this.lang, 'app.selfHash')]);
      const check = h('span', { id: 'self-hash-check' });
      this.texts.push([check, () => t(this.lang, 'app.selfHashCheck')]);
      fill(footer, label, ' ', hashEl ?? h('code', { id: 'self-hash' }), h('br'), check);
    }
  }

  start(mount: HTMLElement): void {
    mount.replaceChildren(this.root);
    selfHash(this.options.template).then(
      (hash) => {
        const el = document.getElementById('self-hash');
        if (el) el.textContent = hash;
      },
      () => {
        const el = document.getElementById('self-hash');
        if (el) el.textContent = t(this.lang, 'app.selfHashUnavailable');
      },
    );
    this.embedded = embeddedFiles();
    this.embedded.then(
      (files) => {
        this.embeddedKnown = files;
        this.source.textContent = this.sourceText();
        if (files) {
          // The data check needs no passphrase: its SHA-256 is computed as soon as the data is read.
          this.embeddedDigest = Promise.resolve(files.data).then((data) => webCrypto.sha256(data));
          this.embeddedDigest.catch(() => {});
        }
      },
      () => {
        this.embeddedKnown = null;
        this.source.textContent = this.sourceText();
      },
    );
    performance.mark('centre-viewer-ready');
    window.addEventListener('hashchange', () => this.route());
    // On paper, what is folded away on screen (admission records, tables behind charts) is printed too.
    const opened: HTMLDetailsElement[] = [];
    window.addEventListener('beforeprint', () => {
      for (const d of document.querySelectorAll('details:not([open])')) {
        (d as HTMLDetailsElement).open = true;
        opened.push(d as HTMLDetailsElement);
      }
    });
    window.addEventListener('afterprint', () => {
      for (const d of opened.splice(0)) d.open = false;
    });
    this.setLanguage(this.lang);
    this.passphrase.focus();
  }

  private setLanguage(lang: Language): void {
    this.lang = lang;
    this.langSelect.value = lang;
    document.documentElement.lang = lang;
    document.title = t(lang, 'app.title');
    for (const [e, text] of this.texts) e.textContent = text();
    this.source.textContent = this.sourceText();
    this.status.textContent = this.statusText();
    this.drawVerdict();
    this.drawNav();
    this.route();
  }

  /** Where the bundle comes from: this file, or the picker (nothing until the page says which). */
  private sourceText(): string {
    if (this.embeddedKnown === undefined) return '';
    return this.embeddedKnown ? t(this.lang, 'open.sourceEmbedded') : t(this.lang, 'open.sourcePick');
  }

  private setStatus(text: () => string): void {
    this.statusText = text;
    this.status.textContent = text();
  }

  private pickErrorText(err: unknown): string {
    if (err instanceof PickError) return tk(this.lang, `open.error.${err.code}`, { file: err.file });
    if (err instanceof CheckpointError) return `${t(this.lang, 'compare.badFile')} ${err.message}`;
    return err instanceof Error ? err.message : String(err);
  }

  private async open(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    delete document.body.dataset['verdict'];
    const lang = () => this.lang;
    try {
      const picked = [...(this.files.files ?? [])];
      let files: BundleSource | null;
      try {
        files = picked.length ? await pickedFiles(picked) : await this.embedded;
      } catch (err) {
        this.setStatus(() => `${t(lang(), 'open.couldNot')} ${this.pickErrorText(err)}`);
        document.body.dataset['verdict'] = 'error';
        return;
      }
      if (!files) {
        this.setStatus(() => t(lang(), 'open.chooseFirst'));
        document.body.dataset['verdict'] = 'error';
        return;
      }
      let checkpoint: Checkpoint | null = null;
      const cpFile = this.checkpointInput.files?.[0];
      if (cpFile) {
        try {
          checkpoint = parseCheckpoint(await cpFile.text());
        } catch (err) {
          this.setStatus(() => `${t(lang(), 'open.couldNot')} ${this.pickErrorText(err)}`);
          document.body.dataset['verdict'] = 'error';
          return;
        }
      }
      this.data = null;
      this.verdict = null;
      this.drawVerdict();
      this.drawNav();
      this.view.replaceChildren();
      performance.mark('centre-viewer-verify-start');
      const t0 = performance.now();
      // The helper workers are needed from the journal on: the envelope, the signature and the key
      // derivation do not wait for them (nor for the data, still being parsed in a large file).
      let pool: WorkerPool | null = null;
      let pooled: Crypto = webCrypto;
      const poolReady = this.pool.then((p) => {
        pool = p;
        if (p) pooled = pooledCrypto(p);
        // How the journal is hashed, for tests and the curious: helper workers in WebAssembly SIMD,
        // helper workers in TypeScript, or the page alone.
        document.body.dataset['hashing'] = p ? (p.simd ? 'workers-simd' : 'workers') : 'page';
        return p;
      });
      // (Small digests come only after a chunk was decompressed, by then through the pool.)
      const base: Crypto = { ...webCrypto, sha256Ranges: (data, starts, ends, count) => pooled.sha256Ranges(data, starts, ends, count) };
      const crypto = files === this.embeddedKnown && this.embeddedDigest ? withDigestOf(base, files.data, this.embeddedDigest) : base;
      const gunzip: Gunzip = async (compressed, rawLength) => {
        const p = await poolReady;
        return p ? pooledGunzip(p, true)(compressed, rawLength) : webGunzip(compressed, rawLength);
      };
      this.crypto = base;
      this.setStatus(() => t(lang(), 'open.checking'));
      let shownStep = '';
      const turns = hostTurns();
      const verdict = await verifyBundle(files, this.passphrase.value, crypto, {
        gunzip,
        checkpoint,
        knownProfile: profileById,
        readAhead: 2 + 2 * poolSize(),
        decryptWhileHashing: true,
        // The rights rows (two thirds of a journal) are made and digested aside, by the helper
        // workers where there are some; the register's screens build them when they need them.
        rightsAside: true,
        // What a worker made with a chunk it decompressed (nothing where there is no pool).
        precomputedRights: (raw: Uint8Array) => pool?.rightsOf(raw) ?? null,
        precomputedLinks: (raw: Uint8Array) => pool?.linksOf(raw) ?? null,
        precomputedFields: (raw: Uint8Array) => pool?.fieldsOf(raw) ?? null,
        keyRepeats: (keys: Float64Array) => pool?.repeats(keys) ?? hasRepeat(keys),
        onProgress: (p) => {
          if (p.step === 'chain' && p.total > 0) this.progress.value = p.done / p.total;
          // The status changes with the step (the chain reports every chunk: hundreds of times).
          if (p.step !== shownStep) {
            shownStep = p.step;
            this.setStatus(() => t(lang(), 'open.checkingStep', { step: stepTitle(lang(), p.step) }));
          }
        },
        yieldToHost: turns.next,
      });
      turns.close();
      this.verdict = verdict;
      this.progress.value = verdict.ok ? 1 : this.progress.value;
      this.state = freshState();
      this.state.checkpoint = checkpoint;
      this.state.comparison = verdict.checkpoint;
      const chainOk = verdict.steps.some((s) => s.step === 'chain' && s.ok);
      const c = verdict.content;
      if (chainOk && c?.tables && c.findings && c.profile && verdict.manifest) {
        this.data = new ViewerData({ manifest: verdict.manifest, tables: c.tables, findings: c.findings, profile: c.profile, journal: c.journal, medicalNotes: c.medicalNotes, rights: c.rights });
      }
      const seconds = (performance.now() - t0) / 1000;
      this.setStatus(() => t(lang(), 'open.done', { seconds: Math.round(seconds * 10) / 10 }));
      this.drawVerdict();
      this.drawNav();
      if (this.data) this.openDetails.open = false;
      if (this.data && !/^#./.test(location.hash)) history.replaceState(null, '', '#register');
      this.route();
      performance.mark('centre-viewer-rendered');
      document.body.dataset['verdict'] = verdict.ok ? 'intact' : 'failed';
      // The rights rows verification kept aside are built now, a chunk at a time between the
      // inspector's clicks (a screen that needs them before then builds the rest at once).
      const data = this.data;
      const buildRights = () => {
        if (data && this.data === data && data.buildRightsStep()) setTimeout(buildRights, 0);
      };
      setTimeout(buildRights, 0);
      this.passphrase.value = '';
    } catch (err) {
      this.setStatus(() => `${t(lang(), 'open.couldNot')} ${this.pickErrorText(err)}`);
      document.body.dataset['verdict'] = 'error';
    } finally {
      this.busy = false;
    }
  }

  private drawVerdict(): void {
    if (!this.verdict) {
      this.verdictBox.replaceChildren();
      return;
    }
    const fmt = makeFormatters(this.lang, this.verdict.manifest?.centre.timeZone ?? 'UTC');
    const box = renderVerdict(this.verdict, this.lang, fmt);
    if (this.data && this.state.comparison && this.state.checkpoint) {
      box.append(h('h3', null, t(this.lang, 'compare.withLastVisit')), comparisonSummary(this.ctx()!, this.state.comparison));
    }
    if (this.data && !this.verdict.ok) box.append(h('p', { class: 'unverified' }, t(this.lang, 'verdict.dataUnverified')));
    this.verdictBox.replaceChildren(box);
  }

  private drawNav(): void {
    if (!this.data) {
      this.nav.hidden = true;
      this.nav.replaceChildren();
      return;
    }
    this.nav.hidden = false;
    const current = location.hash.slice(1).split('/')[0] || 'register';
    fill(
      this.nav,
      h('ul', { attrs: { role: 'list' } }, ...TABS.map((tab) => h('li', null, h('a', { attrs: { href: `#${tab.route}`, 'aria-current': current === tab.route ? 'page' : null } }, t(this.lang, tab.key))))),
      h('p', { class: 'zone' }, t(this.lang, 'app.timesIn', { zone: this.data.timeZone })),
      h('button', { id: 'print', attrs: { type: 'button' }, on: { click: () => window.print() } }, t(this.lang, 'app.print')),
    );
  }

  private ctx(): Ctx | null {
    if (!this.data || !this.verdict) return null;
    return {
      lang: this.lang,
      fmt: makeFormatters(this.lang, this.data.timeZone),
      data: this.data,
      verdict: this.verdict,
      state: this.state,
      crypto: this.crypto,
      ...translators(this.lang),
      go: (route) => {
        location.hash = route;
      },
      refresh: () => {
        this.drawVerdict();
        this.route();
      },
    };
  }

  private route(): void {
    const ctx = this.ctx();
    if (!ctx) return;
    const [name = 'register', arg = ''] = location.hash.slice(1).split('/');
    let screen: HTMLElement;
    switch (name) {
      case 'person':
        screen = renderPerson(ctx, decodeURIComponent(arg));
        break;
      case 'entry':
        screen = renderEntry(ctx, Number(arg));
        break;
      case 'findings':
        screen = renderFindings(ctx);
        break;
      case 'rooms':
        screen = renderRooms(ctx);
        break;
      case 'deadlines':
        screen = renderDeadlines(ctx);
        break;
      case 'visits':
        screen = renderVisits(ctx);
        break;
      case 'charts':
        screen = renderCharts(ctx);
        break;
      case 'compare':
        screen = renderCompare(ctx);
        break;
      case 'follow-up':
        screen = renderFollowUp(ctx);
        break;
      default:
        screen = renderRegister(ctx);
    }
    this.view.replaceChildren(screen);
    for (const a of this.nav.querySelectorAll('a')) {
      if (a.getAttribute('href') === `#${name}`) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }
}
