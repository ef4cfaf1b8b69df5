// Where a bundle's files sit inside open-me.html, and how to get them out again: base64 in two
// non-executable <script type="application/octet-stream"> blocks after the viewer's </html>, the
// envelope first (docs/bundle-format.md). Shared by the export (writing), `centre verify` (reading,
// in Node) and the viewer (reading, in the DOM).

export const DATA_ELEMENT_ID = 'centre-bundle-data';
export const ENVELOPE_ELEMENT_ID = 'centre-bundle-envelope';

/**
 * The bare viewer's last line. The script's text cannot hold it at the start of a line (build.ts
 * escapes every "<!--" in the script), so the viewer inside an open-me.html is exactly the file up to
 * and including the first line that reads so.
 */
export const VIEWER_END = '<!-- end of the Centre Register viewer -->';

export function openTag(id: string): string {
  return `<script type="application/octet-stream" id="${id}">`;
}
export const CLOSE_TAG = '</script>\n';

/** An open-me.html holds something else after its viewer than its bundle's two elements. */
export class EmbeddedLayoutError extends Error {
  override name = 'EmbeddedLayoutError';
}

/** HTML's white space (not JavaScript's \s: a no-break space is text to a browser). */
const isHtmlSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;

const MARKER = `\n${VIEWER_END}\n`;

/** The first index from `i` on that is not white space. */
function pastSpace(html: string, i: number): number {
  while (i < html.length && isHtmlSpace(html.charCodeAt(i))) i++;
  return i;
}

/** Where the first thing after the viewer's last line starts (after white space); -1 if no viewer. */
function afterViewer(html: string): number {
  const at = html.indexOf(MARKER);
  return at < 0 ? -1 : pastSpace(html, at + MARKER.length);
}

/**
 * The envelope's base64 text where it stands first after the viewer (as `centre export` writes it),
 * read from the file's head alone; null where it does not (an older layout, a bare viewer, a head
 * cut before its end), and the whole file is for embeddedBundle to read.
 */
export function leadingEnvelope(head: string): string | null {
  const i = afterViewer(head);
  const tag = openTag(ENVELOPE_ELEMENT_ID);
  if (i < 0 || !head.startsWith(tag, i)) return null;
  const end = head.indexOf('</script>', i + tag.length);
  return end < 0 ? null : head.slice(i + tag.length, end);
}

/**
 * The envelope's and the data's base64 text in an open-me.html, or null where nothing follows the
 * viewer (a bare viewer). After the viewer's last line there must be exactly the two elements, in
 * either order (files from earlier versions carry the envelope last), white space around them, and
 * nothing else. A text search and a browser's parser disagree about anything more (a second envelope
 * or data element: the page takes the first, a search from the end the last; one inside a comment,
 * which only the search sees): a file doctored so would show one signed bundle in its own viewer and
 * verify another in `centre verify` or a trusted viewer. Such a file is refused (EmbeddedLayoutError);
 * the page checks the same of its DOM (web/open.ts).
 */
export function embeddedBundle(html: string): { envelope: string; data: string } | null {
  let i = afterViewer(html);
  if (i < 0 || i === html.length) return null;
  const found = new Map<string, string>();
  for (let k = 0; k < 2; k++) {
    const id = [ENVELOPE_ELEMENT_ID, DATA_ELEMENT_ID].find((e) => !found.has(e) && html.startsWith(openTag(e), i));
    if (!id) throw new EmbeddedLayoutError(`after the viewer it holds something other than the bundle's envelope and data (at byte ${i})`);
    const from = i + openTag(id).length;
    const close = html.indexOf('</script>', from);
    // A file cut short ends inside its last element, which a browser closes there: so here too (the
    // data check then says the data was cut short).
    const end = close < 0 && k === 1 ? html.length : close;
    // Base64 holds no "<": the first one is the element's end, for the browser as for this search.
    const lt = html.indexOf('<', from);
    if (end < 0 || (lt >= 0 ? lt : html.length) !== end) throw new EmbeddedLayoutError(`its ${id === DATA_ELEMENT_ID ? 'data' : 'envelope'} element is not base64 up to its end`);
    found.set(id, html.slice(from, end));
    i = pastSpace(html, close < 0 ? end : end + '</script>'.length);
  }
  if (i !== html.length) throw new EmbeddedLayoutError(`after the bundle's envelope and data it holds more (at byte ${i})`);
  return { envelope: found.get(ENVELOPE_ELEMENT_ID)!, data: found.get(DATA_ELEMENT_ID)! };
}
