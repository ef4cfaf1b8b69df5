// Many rows read as one text. Each row that crosses from SQLite into JavaScript costs about half a
// microsecond and a fresh array, each value a fresh string or number, and most of those allocations
// live as long as the read: the full audit reads over half a million rows, and crossing them one by
// one (and collecting the garbage after) was most of its time. Here SQLite joins every row into one
// text instead (fields separated by U+001F, rows by U+001E, NULL as an empty field) and JavaScript
// reads it in place: numbers and instants straight from the characters, the few words of a column
// (kinds, states, usernames) shared rather than allocated per row.
//
// Only for columns whose values cannot hold the separators: identifiers, enumerations, instants,
// numbers (every text the register stores there was validated to a plain alphabet on the way in).
// A row that does not end where its last field does is reported with the table it came from.

import { toMs } from '../../domain/time.ts';

const FIELD = 31;
const ROW = 30;
const FIELD_SEP = String.fromCharCode(FIELD);
const ROW_SEP = String.fromCharCode(ROW);

/**
 * The SQL that gives every row of `from` (a table with its WHERE, …) as one text: the `columns`
 * (SQL expressions) of each row, rows in the order of `orderBy` where the reader needs one. The
 * result is one row of one column: NULL when there are no rows.
 */
export function packedSelect(columns: readonly string[], from: string, orderBy?: string): string {
  // concat() takes NULL as an empty text; the separators are literals (a call to char() per
  // field costs more than the field).
  const row = `concat(${columns.join(`, '${FIELD_SEP}', `)})`;
  return `SELECT group_concat(${row}, '${ROW_SEP}'${orderBy ? ` ORDER BY ${orderBy}` : ''}) FROM ${from}`;
}

/**
 * Values by a text key, found from a field of a packed text without cutting the field out (so that
 * looking up a placement for each of a hundred thousand rows makes no string). Open addressing on an
 * FNV-1a hash of the key's characters; values in the order they were set.
 */
export class TextIndex<T> {
  private keys: (string | undefined)[] = new Array<string | undefined>(64);
  private slots = new Int32Array(64);
  private hashes = new Int32Array(64);
  private readonly list: T[] = [];
  private readonly order: string[] = [];

  get size(): number {
    return this.list.length;
  }

  /** The values, in the order their keys were first set. */
  values(): T[] {
    return this.list;
  }

  get(key: string): T | undefined {
    return this.find(key, 0, key.length, hashOf(key, 0, key.length));
  }

  /** The value of the key that is text[from, end), whose hashOf is `hash`. */
  find(text: string, from: number, end: number, hash: number): T | undefined {
    const mask = this.keys.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const key = this.keys[i];
      if (key === undefined) return undefined;
      if (this.hashes[i] === hash && key.length === end - from && text.startsWith(key, from)) return this.list[this.slots[i]!];
    }
  }

  set(key: string, value: T): void {
    const hash = hashOf(key, 0, key.length);
    const mask = this.keys.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const known = this.keys[i];
      if (known === undefined) {
        this.keys[i] = key;
        this.hashes[i] = hash;
        this.slots[i] = this.list.length;
        this.list.push(value);
        this.order.push(key);
        if (this.list.length * 2 > this.keys.length) this.grow();
        return;
      }
      if (known === key) {
        this.list[this.slots[i]!] = value;
        return;
      }
    }
  }

  private grow(): void {
    const size = this.keys.length * 2;
    this.keys = new Array<string | undefined>(size);
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(size);
    const mask = size - 1;
    this.order.forEach((key, slot) => {
      const hash = hashOf(key, 0, key.length);
      let i = hash & mask;
      while (this.keys[i] !== undefined) i = (i + 1) & mask;
      this.keys[i] = key;
      this.hashes[i] = hash;
      this.slots[i] = slot;
    });
  }
}

/** FNV-1a over the characters of text[from, end). */
export function hashOf(text: string, from: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

export class PackedRows {
  private i = 0;
  /** The separator after the last field read (the end of the text counts as the end of a row). */
  private last = ROW;
  private readonly words = new TextIndex<string>();
  /** The hash (hashOf) of the field that end() passed last. */
  private hash = 0;
  /** The end of the field that skip passed. */
  fieldEnd = 0;

  constructor(
    private readonly packed: string,
    /** Named in errors. */
    private readonly table: string,
  ) {}

  /** Whether every row has been read. */
  get done(): boolean {
    return this.i >= this.packed.length;
  }

  /** The text itself, for readers of a field in place (see skip). */
  get packedText(): string {
    return this.packed;
  }

  /** Ends a row: its last field must have been the last one read. */
  endRow(): void {
    if (this.last !== ROW) {
      throw new Error(`${this.table}: a row has more fields than the query asked for (a value holding a separator?) at character ${this.i}`);
    }
  }

  /** The end of the field starting at `this.i`; records the separator found there, and the field's hash. */
  private end(): number {
    const text = this.packed;
    let e = this.i;
    let hash = 0x811c9dc5;
    for (;;) {
      const c = text.charCodeAt(e);
      if (c === FIELD || c === ROW) {
        this.last = c;
        break;
      }
      if (c !== c) {
        this.last = ROW;
        break;
      }
      hash = Math.imul(hash ^ c, 0x01000193);
      e++;
    }
    this.hash = hash;
    return e;
  }

  /** Moves past a field that ends at `end`, a separator or the end of the text; false if it does not. */
  private endsAt(end: number): boolean {
    const c = this.packed.charCodeAt(end);
    if (c === FIELD || c === ROW) this.last = c;
    else if (c === c) return false;
    else this.last = ROW;
    this.i = end + 1;
    return true;
  }

  private wrongField(what: string, from: number, end: number): Error {
    return new Error(`${this.table}: expected ${what}, found ${JSON.stringify(this.packed.slice(from, end))}`);
  }

  /**
   * Passes the last field of the row without reading it: its start, and its end in fieldEnd. A
   * long field (a placement's first rights) is passed at the speed of indexOf.
   */
  skipLast(): number {
    const from = this.i;
    const row = this.packed.indexOf(ROW_SEP, from);
    const end = row < 0 ? this.packed.length : row;
    const field = this.packed.indexOf(FIELD_SEP, from);
    if (field >= 0 && field < end) throw new Error(`${this.table}: a row has more fields than the query asked for at character ${field}`);
    this.fieldEnd = end;
    this.last = ROW;
    this.i = end + 1;
    return from;
  }

  text(): string {
    const from = this.i;
    const end = this.end();
    this.i = end + 1;
    return this.packed.slice(from, end);
  }

  textOrNull(): string | null {
    const value = this.text();
    return value === '' ? null : value;
  }

  /** The value in `index` of the next field's text (no string is made for it); undefined if none. */
  lookup<T>(index: TextIndex<T>): T | undefined {
    const from = this.i;
    const end = this.end();
    this.i = end + 1;
    return index.find(this.packed, from, end, this.hash);
  }

  /** A text that many rows share (a kind, a state, a username): one string for all of them. */
  word(): string {
    const from = this.i;
    const end = this.end();
    this.i = end + 1;
    const known = this.words.find(this.packed, from, end, this.hash);
    if (known !== undefined) return known;
    const value = this.packed.slice(from, end);
    this.words.set(value, value);
    return value;
  }

  wordOrNull(): string | null {
    const value = this.word();
    return value === '' ? null : value;
  }

  int(): number {
    const value = this.intOrNull();
    if (value === null) throw this.wrongField('a number', this.i - 1, this.i - 1);
    return value;
  }

  intOrNull(): number | null {
    const text = this.packed;
    const from = this.i;
    // Digits straight to the number; anything else (a sign, a fraction, garbage) the slow way.
    let value = 0;
    let k = from;
    for (;; k++) {
      const digit = text.charCodeAt(k) - 48;
      if (!(digit >= 0 && digit <= 9)) break;
      value = value * 10 + digit;
    }
    if (k > from && this.endsAt(k)) return value;
    const end = this.end();
    this.i = end + 1;
    if (end === from) return null;
    const parsed = Number(text.slice(from, end));
    if (Number.isNaN(parsed)) throw this.wrongField('a number', from, end);
    return parsed;
  }

  /** An instant (ISO text) as milliseconds since the epoch. */
  ms(): number {
    const value = this.msOrNull();
    if (value === null) throw this.wrongField('an instant', this.i - 1, this.i - 1);
    return value;
  }

  msOrNull(): number | null {
    const from = this.i;
    // The canonical form, 24 characters, read where it stands; any other the slow way.
    const canonical = canonicalMs(this.packed, from, from + 24);
    if (canonical === canonical && this.endsAt(from + 24)) return canonical;
    const end = this.end();
    this.i = end + 1;
    if (end === from) return null;
    const parsed = Date.parse(this.packed.slice(from, end));
    if (Number.isNaN(parsed)) throw this.wrongField('an instant', from, end);
    return parsed;
  }
}

/**
 * The instant at text[from, end) in milliseconds: the canonical form the register stores
 * ("2026-03-01T08:00:00.000Z") by arithmetic alone, any other form through toMs (which refuses what
 * is not an instant).
 */
export function msIn(text: string, from: number, end: number): number {
  const ms = canonicalMs(text, from, end);
  return ms === ms ? ms : toMs(text.slice(from, end));
}

/** An instant in the canonical form at text[from, end) in milliseconds; NaN for any other text. */
function canonicalMs(text: string, from: number, end: number): number {
  if (
    end - from !== 24 ||
    text.charCodeAt(from + 4) !== 45 || // -
    text.charCodeAt(from + 7) !== 45 ||
    text.charCodeAt(from + 10) !== 84 || // T
    text.charCodeAt(from + 13) !== 58 || // :
    text.charCodeAt(from + 16) !== 58 ||
    text.charCodeAt(from + 19) !== 46 || // .
    text.charCodeAt(from + 23) !== 90 // Z
  ) {
    return NaN;
  }
  const year = digits(text, from, 4);
  const month = digits(text, from + 5, 2);
  const day = digits(text, from + 8, 2);
  const hour = digits(text, from + 11, 2);
  const minute = digits(text, from + 14, 2);
  const second = digits(text, from + 17, 2);
  const milli = digits(text, from + 20, 3);
  const valid =
    year >= 0 && month >= 1 && month <= 12 && day >= 1 && milli >= 0 &&
    hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 &&
    (day <= 28 || day <= monthLength(year, month));
  if (!valid) return NaN;
  return (((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60 + second) * 1000 + milli;
}

/** An instant as milliseconds (msIn over the whole text). */
export function msOf(at: string): number {
  return msIn(at, 0, at.length);
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthLength(year: number, month: number): number {
  if (month !== 2) return MONTH_LENGTHS[month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The decimal number in `text` at [from, from + length), or −1 if a character is not a digit. */
function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
