import * as OpenCC from 'opencc-js';

/**
 * Text normalisation shared by indexing, retrieval and quote checks.
 *
 * The source file mixes half-width `,:?()` into Chinese text while people type full-width
 * `，：？（）`, and some people ask in Traditional characters. Everything that compares text goes
 * through these functions so that all forms meet in one place.
 */

const traditionalToSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/**
 * Quotation marks people use interchangeably for the same quote. Single curly marks fold with the
 * double ones: nested in a quote (`“……‘新质生产力是……’”`, the display form of an answer) they are
 * the source's `“……”` one level in.
 */
const QUOTE_FOLDS: Record<string, string> = {
  '“': '"', '”': '"', '「': '"', '」': '"', '『': '"', '』': '"', '＂': '"',
  '‘': '"', '’': '"',
  '・': '·', '•': '·', '‧': '·',
};

/** Cache of single-character folds: the article has a few thousand distinct characters at most. */
const charFoldCache = new Map<string, string>();

/**
 * Folds one character: NFKC (full-width → half-width), Traditional → Simplified, quote marks to one
 * form, Latin to lower case. May return "" (for white space) or several characters (NFKC of `㎡`).
 */
export function foldCharacter(ch: string): string {
  const cached = charFoldCache.get(ch);
  if (cached !== undefined) return cached;
  let out = ch.normalize('NFKC');
  if (/^\s+$/u.test(out)) out = '';
  out = [...out].map((c) => QUOTE_FOLDS[c] ?? c).join('');
  // Converting character by character keeps a one-to-one map back to the source offsets.
  out = traditionalToSimplified(out).toLowerCase();
  if (charFoldCache.size < 50_000) charFoldCache.set(ch, out);
  return out;
}

/**
 * The fold of each character of the Basic Multilingual Plane met so far, by its code: the loops
 * below read a text by code unit, so they make no string of each character to look its fold up
 * (which was most of what folding a new question allocated).
 */
const bmpFolds = new Array<string | undefined>(0x10000);

/**
 * The fold of the character of `source` at `i` (a surrogate pair is one character, a lone
 * surrogate one too, as `for…of` reads a string; {@link unitsAt} says how long it is).
 */
function foldAt(source: string, i: number): string {
  const code = source.charCodeAt(i);
  if (code < 0xd800 || code > 0xdfff) {
    let fold = bmpFolds[code];
    if (fold === undefined) bmpFolds[code] = fold = foldCharacter(String.fromCharCode(code));
    return fold;
  }
  return foldCharacter(source.slice(i, i + unitsAt(source, i)));
}

/** UTF-16 units of the character at `i`: 2 for a surrogate pair, else 1. */
function unitsAt(source: string, i: number): number {
  const code = source.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff || i + 1 >= source.length) return 1;
  const next = source.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

/** A folded string and, for each of its UTF-16 units, the source offset it came from. */
export interface FoldedText {
  text: string;
  /** `sourceIndex[i]` is the offset in the source of folded unit `i`; one extra entry marks the end. */
  sourceIndex: number[];
}

/**
 * Folds a whole string for matching (white space removed, widths and scripts unified) and keeps
 * the map back to source offsets, so a match in folded text can be reported in source offsets.
 */
export function foldForMatching(source: string): FoldedText {
  let text = '';
  const sourceIndex: number[] = [];
  let offset = 0;
  while (offset < source.length) {
    const folded = foldAt(source, offset);
    for (let i = 0; i < folded.length; i++) sourceIndex.push(offset);
    text += folded;
    offset += unitsAt(source, offset);
  }
  sourceIndex.push(offset);
  return { text, sourceIndex };
}

/** Folded spans of the article recur request after request (the same sentences are cited). */
const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 20_000;

/** Folds a string for matching without keeping offsets. */
export function foldText(source: string): string {
  const cached = foldCache.get(source);
  if (cached !== undefined) return cached;
  let out = '';
  for (let i = 0; i < source.length; i += unitsAt(source, i)) out += foldAt(source, i);
  if (source.length <= 1000) {
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(source, out);
  }
  return out;
}

/** Whether each BMP code is white space (`/\s/u`), by code, once looked at (0: not yet). */
const bmpSpaces = new Int8Array(0x10000);
const SPACE = 1;
const NOT_SPACE = 2;

function isSpaceAt(source: string, i: number): boolean {
  const code = source.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdfff) return /\s/u.test(source.slice(i, i + unitsAt(source, i)));
  if (bmpSpaces[code] === 0) bmpSpaces[code] = /\s/u.test(String.fromCharCode(code)) ? SPACE : NOT_SPACE;
  return bmpSpaces[code] === SPACE;
}

/**
 * Normalises text for search (embedding and lexical ranking): like {@link foldText} but keeps
 * single spaces between words, so Latin terms such as `RCEP` stay separate tokens.
 */
export function normalizeForSearch(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i += unitsAt(source, i)) {
    if (isSpaceAt(source, i)) {
      if (!out.endsWith(' ')) out += ' ';
      continue;
    }
    out += foldAt(source, i);
  }
  return out.trim();
}

/** How many Han characters a text holds (punctuation, Latin letters and digits aside). */
export function hanCount(text: string): number {
  return text.match(/\p{Script=Han}/gu)?.length ?? 0;
}
