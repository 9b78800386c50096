/**
 * Chinese typography on screen: the source file prints `,:;?!()` half-width inside Chinese text
 * (`要论述,是对`), where a reader expects `，：；？！（）`. The display form swaps one character for
 * one, so offsets into the verbatim text stay valid for the display text too. Pure, so the browser
 * bundles it as well.
 */

const FULL_WIDTH: Readonly<Record<string, string>> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）' };

/** Han characters, and the Chinese punctuation and quotation marks that sit beside them. */
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’…—]/u;
const ASCII_WORD = /[0-9A-Za-z]/u;
/** Any of the characters {@link FULL_WIDTH} may swap. */
const HALF_WIDTH = /[,:;?!()]/u;

/**
 * The display form of verbatim source text: each half-width `,:;?!()` with a Chinese neighbour
 * becomes full-width. Between two ASCII letters or digits (`1,000`, `10:30`) it stays as it is.
 * The result has the same length as `text`.
 * @example toDisplayText('要论述,是对马克思主义') // '要论述，是对马克思主义'
 */
export function toDisplayText(text: string): string {
  if (!HALF_WIDTH.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const full = FULL_WIDTH[ch];
    if (full === undefined) {
      out += ch;
      continue;
    }
    const before = text[i - 1] ?? '';
    const after = text[i + 1] ?? '';
    const between = ASCII_WORD.test(before) && ASCII_WORD.test(after);
    out += !between && (CHINESE.test(before) || CHINESE.test(after)) ? full : ch;
  }
  return out;
}

/**
 * The display form of `text.slice(start, end)`, judged with the characters around the slice (a
 * comma that ends a quote is shown full-width when the text before it is Chinese).
 */
export function displaySlice(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 1);
  const to = Math.min(text.length, end + 1);
  return toDisplayText(text.slice(from, to)).slice(start - from, start - from + (end - start));
}

/** Double and single quotation marks swapped: one level deeper in Chinese typography. */
const NESTED: Readonly<Record<string, string>> = { '“': '‘', '”': '’', '‘': '“', '’': '”' };

/**
 * Quotation marks inside a quote shown one level in: the answer puts a quote in `“……”`, so the
 * source's `“……”` inside it show as `‘……’` (and `‘……’` as `“……”`). One character for one, so
 * offsets hold; only the display form changes, the verbatim quote keeps the source's marks.
 * @example nestQuotationMarks('指出“新质生产力是……”') // '指出‘新质生产力是……’'
 */
export function nestQuotationMarks(text: string): string {
  return text.replace(/[“”‘’]/gu, (mark) => NESTED[mark]!);
}
