/**
 * A small element builder for the page and the widget. Attributes go through `setAttribute` and
 * text through text nodes: nothing is ever parsed as HTML.
 */

/** Attribute values; `false`, null and undefined leave the attribute out, `true` sets it empty. */
export type Attributes = Record<string, string | number | boolean | null | undefined>;

/** A child: a node, or text (numbers too); null and false are skipped. */
export type Child = Node | string | number | null | undefined | false;

/**
 * Creates an element.
 *
 * @example h(document, 'button', { type: 'button', 'aria-label': '关闭' }, '×')
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  document: Document,
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

/** Appends children, text as text nodes. */
export function append(parent: Node & ParentNode, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}
