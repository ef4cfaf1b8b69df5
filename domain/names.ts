// Name search keys: lower-case Latin without diacritics, so "Məmmədov", "MAMMADOV" and "Мамедов"
// all start with the same letters. A registrar types what they hear; the register must find it.

const SPECIAL: Record<string, string> = {
  ə: 'a',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  đ: 'd',
  ł: 'l',
};

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  ә: 'a', ө: 'o', ү: 'u', һ: 'h', ј: 'y', і: 'i', ї: 'yi', є: 'ye', ґ: 'g',
};

export function foldName(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) {
    const mapped = SPECIAL[ch] ?? CYRILLIC[ch];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    out += ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }
  return out;
}

/** Search tokens of a person's names: each word of each name, folded, deduplicated. */
export function nameTokens(...names: (string | null | undefined)[]): string[] {
  const tokens = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    for (const word of foldName(name).split(/[^\p{L}\p{N}]+/u)) if (word) tokens.add(word);
  }
  return [...tokens];
}
