// The register's search: by name (any script, any part of a name), register number, nationality and
// status, present or all, a page at a time. Each person's searchable text is built once (80,000
// people: a search is one pass over 80,000 short strings, a few milliseconds).

import type { PersonRow, PlacementRow } from '../../../domain/replay/tables.ts';
import type { ViewerData } from './data.ts';

export type Presence = 'present' | 'past' | 'all';

export interface RegisterQuery {
  /** Words that must all occur in the person's names or register number (case and accents ignored). */
  text: string;
  presence: Presence;
  /** A status code, or '' for any. */
  status: string;
  /** A three-letter nationality code, 'stateless', or '' for any. */
  nationality: string;
  page: number;
  pageSize: number;
}

export const DEFAULT_QUERY: RegisterQuery = { text: '', presence: 'all', status: '', nationality: '', page: 0, pageSize: 100 };

export interface RegisterRow {
  person: PersonRow;
  stays: number;
  lastStay: PlacementRow | null;
}

export interface RegisterPage {
  rows: RegisterRow[];
  /** How many people match in all. */
  total: number;
  page: number;
  pages: number;
}

/**
 * Lower case without accents, so "hasanova" finds "Həsənova" and "karimov" finds "Kərimov":
 * decomposed marks dropped, and the letters that have no decomposition mapped by hand.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[əә]/g, 'e')
    .replace(/ı/g, 'i')
    .replace(/ё/g, 'е');
}

/** What a search looks through: names in both scripts and the register number. */
function haystack(p: PersonRow): string {
  return fold(`${p.personId} ${p.familyName} ${p.givenNames} ${p.nameOriginal}`);
}

export class RegisterSearch {
  private readonly people: PersonRow[];
  /** Each person's searchable text, built at the first search by text (the first screen needs none). */
  private texts: string[] | null = null;
  private readonly stays = new Map<string, { count: number; last: PlacementRow }>();

  constructor(data: ViewerData) {
    this.people = [...data.tables.persons.values()];
    for (const p of data.tables.placements.values()) {
      const s = this.stays.get(p.personId);
      if (s) {
        s.count++;
        s.last = p;
      } else this.stays.set(p.personId, { count: 1, last: p });
    }
  }

  /** The nationalities that occur, for the filter's choices. */
  nationalities(): string[] {
    const set = new Set<string>();
    for (const p of this.people) if (p.nationality) set.add(p.nationality);
    return [...set].sort();
  }

  search(q: RegisterQuery): RegisterPage {
    const words = fold(q.text).split(/\s+/).filter(Boolean);
    const matches: number[] = [];
    for (let i = 0; i < this.people.length; i++) {
      const p = this.people[i]!;
      if (q.presence === 'present' && !p.present) continue;
      if (q.presence === 'past' && p.present) continue;
      if (q.status && p.status !== q.status) continue;
      if (q.nationality) {
        if (q.nationality === 'stateless' ? !p.stateless : p.nationality !== q.nationality) continue;
      }
      if (words.length) {
        const t = (this.texts ??= this.people.map(haystack))[i]!;
        let all = true;
        for (const w of words) {
          if (!t.includes(w)) {
            all = false;
            break;
          }
        }
        if (!all) continue;
      }
      matches.push(i);
    }
    const pageSize = Math.max(1, q.pageSize);
    const pages = Math.max(1, Math.ceil(matches.length / pageSize));
    const page = Math.min(Math.max(0, q.page), pages - 1);
    const rows = matches.slice(page * pageSize, (page + 1) * pageSize).map((i) => {
      const person = this.people[i]!;
      const s = this.stays.get(person.personId);
      return { person, stays: s?.count ?? 0, lastStay: s?.last ?? null };
    });
    return { rows, total: matches.length, page, pages };
  }
}
