// Building the page: elements from tags, attributes and children, where every string becomes a text
// node. Bundle data is hostile input (a name may hold "<script>"): nothing here, or anywhere in the
// viewer, sets innerHTML or inserts markup; SVG is built element by element.

type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  /** Attributes set with setAttribute (values are text, never markup). */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

function setAttrs(e: Element, attrs: Props['attrs']): void {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? '' : String(v));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props) {
    if (props.class) e.className = props.class;
    if (props.id) e.id = props.id;
    setAttrs(e, props.attrs);
    for (const [name, handler] of Object.entries(props.on ?? {})) e.addEventListener(name, handler as EventListener);
  }
  append(e, children);
  return e;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  append(e, children);
  return e;
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A link inside the viewer (hash routes: #person/P12, #entry/345). */
export function link(route: string, text: string, className?: string): HTMLAnchorElement {
  return h('a', { attrs: { href: `#${route}` }, class: className }, text);
}

/** A table with a caption, header cells and rows of cells. */
export function table(caption: string | null, head: readonly string[], rows: readonly Child[][], className?: string): HTMLTableElement {
  return h(
    'table',
    { class: className },
    caption ? h('caption', null, caption) : null,
    h('thead', null, h('tr', null, ...head.map((c) => h('th', { attrs: { scope: 'col' } }, c)))),
    h('tbody', null, ...rows.map((r) => h('tr', null, ...r.map((c) => h('td', null, c))))),
  );
}

/** A definition list from label/value pairs (a null value leaves the pair out). */
export function facts(pairs: readonly [string, Child | Child[]][]): HTMLDListElement {
  const dl = h('dl', { class: 'facts' });
  for (const [k, v] of pairs) {
    if (v === null || v === undefined || v === '') continue;
    dl.append(h('dt', null, k), h('dd', null, ...(Array.isArray(v) ? v : [v])));
  }
  return dl;
}

/** Saves text as a file on the inspector's machine (a download: nothing leaves it otherwise). */
export function download(name: string, text: string, type = 'application/json'): void {
  const a = h('a', { attrs: { href: URL.createObjectURL(new Blob([text], { type })), download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
