/**
 * Finds the quotations in a text: `“…”`, `"…"`, `「…」`, `『…』`, `‘…’`, nested or across line breaks.
 * One pass over the text with a bounded stack, so the cost is linear in the text's length.
 */

/** A quotation in the text: offsets of its words, marks excluded (UTF-16, end exclusive). */
export interface QuotationSpan {
  start: number;
  end: number;
  /** Offset of the opening mark (`start - 1`). */
  open: number;
  /** Offset of the closing mark (`end`). */
  close: number;
}

export interface FindQuotationsResult {
  /** Outermost quotations, in text order. Quotations nested inside another are part of it. */
  quotations: QuotationSpan[];
  /** Opening marks that were never closed (the text around them is still checked). */
  unclosed: number;
}

/** Opening mark → its closing mark. ASCII `"` closes itself. */
const PAIRS: Record<string, string> = { '“': '”', '「': '」', '『': '』', '‘': '’', '"': '"', '＂': '＂' };
const CLOSERS = new Set(Object.values(PAIRS));
/** Deeper nesting than this is not prose; the oldest open mark is given up. */
const MAX_DEPTH = 8;

/**
 * Finds the outermost quotations of a text. A closing mark with no opening mark is ignored (`’` is
 * also an apostrophe); an opening mark never closed is counted in `unclosed` and its words are not
 * a quotation.
 */
export function findQuotations(text: string): FindQuotationsResult {
  const stack: Array<{ at: number; close: string }> = [];
  const closed: QuotationSpan[] = [];
  let unclosed = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const top = stack.at(-1);
    // A symmetric mark closes the innermost quotation it opened, else opens one.
    if (top && ch === top.close) {
      stack.pop();
      closed.push({ open: top.at, start: top.at + 1, end: i, close: i });
      continue;
    }
    if (CLOSERS.has(ch) && !PAIRS[ch]) {
      // `”` closing an outer `“` while an inner `‘` was left open: the inner one is given up.
      const index = stack.findLastIndex((s) => s.close === ch);
      if (index >= 0) {
        unclosed += stack.length - 1 - index;
        const opener = stack[index]!;
        stack.length = index;
        closed.push({ open: opener.at, start: opener.at + 1, end: i, close: i });
      }
      continue;
    }
    const close = PAIRS[ch];
    if (close) {
      if (stack.length >= MAX_DEPTH) {
        stack.shift();
        unclosed++;
      }
      stack.push({ at: i, close });
    }
  }
  unclosed += stack.length;
  // Keep the outermost: pairs close inner-first, so sort by start and drop those inside the last kept.
  closed.sort((a, b) => a.open - b.open);
  const quotations: QuotationSpan[] = [];
  for (const span of closed) {
    const last = quotations.at(-1);
    if (last && span.open > last.open && span.close < last.close) continue;
    quotations.push(span);
  }
  return { quotations, unclosed };
}
