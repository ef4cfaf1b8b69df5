// Where a bundle's files sit inside open-me.html, and how to get them out again: base64 in two
// non-executable <script type="application/octet-stream"> blocks after the viewer's </html>, the
// envelope first (docs/bundle-format.md). Shared by the export (writing), `centre verify` (reading,
// in Node) and the viewer (reading, in the DOM).

export const DATA_ELEMENT_ID = 'centre-bundle-data';
export const ENVELOPE_ELEMENT_ID = 'centre-bundle-envelope';

export function openTag(id: string): string {
  return `<script type="application/octet-stream" id="${id}">`;
}
export const CLOSE_TAG = '</script>\n';

/** The base64 text between an element's open tag and its close tag in an HTML text, or null. */
export function embeddedBase64(html: string, id: string): string | null {
  const open = openTag(id);
  const at = html.lastIndexOf(open);
  if (at < 0) return null;
  const end = html.indexOf('</script>', at + open.length);
  if (end < 0) return null;
  return html.slice(at + open.length, end);
}
