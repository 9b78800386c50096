/**
 * Finds the quotations in a text: `“…”`, `"…"`, `「…」`, `『…』`, `‘…’`, nested or across line breaks,
 * and over several paragraphs as Chinese writes them (each paragraph opens with `“`, only the last
 * closes). One pass over the text with a bounded stack, so the cost is linear in the text's length.
 */

/** A quotation in the text: offsets of its words, marks excluded (UTF-16, end exclusive). */
export interface QuotationSpan {
  start: number;
  end: number;
  /** Offset of the opening mark (`start - 1`). */
  open: number;
  /** Offset of the closing mark (`end`); for a paragraph of a longer quotation that does not close, `end`. */
  close: number;
  /**
   * One paragraph of a quotation over several (`“A。\n\n“B。”`): its place (0-based) and how many
   * paragraphs the quotation has. Absent for a quotation of one paragraph.
   */
  paragraph?: { index: number; count: number };
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
/** Marks that open each paragraph of a quotation over several paragraphs (not the symmetric `"`, nor `‘`). */
const PARAGRAPH_OPENERS = new Set(['“', '「', '『']);
/** Deeper nesting than this is not prose; the oldest open mark is given up. */
const MAX_DEPTH = 8;

/**
 * Finds the outermost quotations of a text. A closing mark with no opening mark is ignored (`’` is
 * also an apostrophe); an opening mark never closed is counted in `unclosed` and its words are not
 * a quotation.
 */
export function findQuotations(text: string): FindQuotationsResult {
  /** Open marks; `parts` are the earlier paragraphs of a quotation over several paragraphs. */
  const stack: Array<{ at: number; close: string; parts?: QuotationSpan[] }> = [];
  const closed: QuotationSpan[] = [];
  let unclosed = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const top = stack.at(-1);
    // A symmetric mark closes the innermost quotation it opened, else opens one.
    if (top && ch === top.close) {
      stack.pop();
      closed.push(...closeParts(top.parts, { open: top.at, start: top.at + 1, end: i, close: i }));
      continue;
    }
    // `“A。\n\n“B。”`: the same mark opening a new paragraph while the outermost quotation is open
    // (and did not close) goes on with it, the paragraph before being one part.
    if (top && stack.length === 1 && PARAGRAPH_OPENERS.has(ch) && PAIRS[ch] === top.close && startsParagraph(text, i, top.at)) {
      let end = i;
      while (end > top.at + 1 && /\s/u.test(text[end - 1]!)) end--;
      const part = { open: top.at, start: top.at + 1, end, close: end };
      stack[0] = { at: i, close: top.close, parts: [...(top.parts ?? []), part] };
      continue;
    }
    if (CLOSERS.has(ch) && !PAIRS[ch]) {
      // `”` closing an outer `“` while an inner `‘` was left open: the inner one is given up.
      const index = stack.findLastIndex((s) => s.close === ch);
      if (index >= 0) {
        unclosed += stack.length - 1 - index;
        const opener = stack[index]!;
        stack.length = index;
        closed.push(...closeParts(opener.parts, { open: opener.at, start: opener.at + 1, end: i, close: i }));
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

/** True when `at` opens a line (white space before it back to a line break) after the line of `openedAt`. */
function startsParagraph(text: string, at: number, openedAt: number): boolean {
  for (let i = at - 1; i > openedAt; i--) {
    if (text[i] === '\n') return true;
    if (!/\s/u.test(text[i]!)) return false;
  }
  return false;
}

/** The last paragraph of a quotation and the ones before it, each told its place. */
function closeParts(parts: QuotationSpan[] | undefined, last: QuotationSpan): QuotationSpan[] {
  if (!parts) return [last];
  const all = [...parts, last];
  return all.map((span, index) => ({ ...span, paragraph: { index, count: all.length } }));
}
