/**
 * Who is quoted where: the one rule that citations, quote checks and the page use to say that a
 * span of a paragraph is someone else's words (`李娜` quoting `习近平总书记`). Pure data and pure
 * functions, so the browser bundles it too.
 */

/** A span of a paragraph in which the speaker quotes someone else's words in quotation marks. */
export interface QuotedSpan {
  /** Offsets into the paragraph's `text` (UTF-16, end exclusive), quotation marks excluded. */
  start: number;
  end: number;
  /** Who is quoted, as the text names them (`习近平`). */
  person: string;
  /** The title the text gives them (`总书记`), or null. */
  honorific: string | null;
}

/**
 * The quoted span that `[start, end)` of a paragraph lies in: when most of that text lies inside one
 * of the paragraph's quoted spans. Null otherwise.
 */
export function quotedSpanAt(paragraph: { quotes: readonly QuotedSpan[] }, start: number, end: number): QuotedSpan | null {
  const length = end - start;
  return paragraph.quotes.find((q) => Math.min(q.end, end) - Math.max(q.start, start) > Math.max(0, length / 2 - 1)) ?? null;
}

/** The person quoted at `[start, end)` of a paragraph (see {@link quotedSpanAt}), or null. */
export function quotedPersonAt(paragraph: { quotes: readonly QuotedSpan[] }, start: number, end: number): string | null {
  return quotedSpanAt(paragraph, start, end)?.person ?? null;
}
