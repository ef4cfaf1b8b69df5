// What every screen of the viewer is given: the language and formatters, the verified data, the
// state that outlives a screen (searches, the interviewee list, a loaded checkpoint), and navigation.

import type { Checkpoint, CheckpointComparison } from '../../format/checkpoint.ts';
import type { Crypto } from '../../format/crypto.ts';
import type { Verdict } from '../../format/verify.ts';
import { t, tk, type Language, type Params, type ViewerKey } from '../i18n/translate.ts';
import type { ViewerData } from '../model/data.ts';
import type { FindingsFilter } from '../model/findings.ts';
import type { Formatters } from '../model/format.ts';
import type { RegisterQuery } from '../model/search.ts';

export interface SessionState {
  register: RegisterQuery;
  findings: { mode: 'current' | 'history'; filter: FindingsFilter; shown: Record<string, number> };
  /** The instant the rooms screen shows (ISO, UTC). */
  roomsAt: string | null;
  roomsProblemsOnly: boolean;
  /** The checkpoint of the last visit, loaded before opening or on the comparison screen. */
  checkpoint: Checkpoint | null;
  comparison: CheckpointComparison | null;
  /** The interviewees' register numbers: in this page's memory only, never stored or sent. */
  interviewees: string[];
  intervieweesRejected: string[];
  /** Events after this instant are followed up (the checkpoint's export by default). */
  followSince: string | null;
}

export interface Ctx {
  lang: Language;
  fmt: Formatters;
  data: ViewerData;
  verdict: Verdict;
  state: SessionState;
  /** The primitives verification used (for checkpoints). */
  crypto: Crypto;
  t(key: ViewerKey, params?: Params): string;
  /** As t, for keys made at run time. */
  tk(key: string, params?: Params): string;
  /** Shows a route (#register, #person/P12, …). */
  go(route: string): void;
  /** Draws the current screen again (after a state change). */
  refresh(): void;
}

export function translators(lang: Language): Pick<Ctx, 't' | 'tk'> {
  return { t: (key, params) => t(lang, key, params), tk: (key, params) => tk(lang, key, params) };
}
