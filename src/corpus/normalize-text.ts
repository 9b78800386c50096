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
  for (const ch of source) {
    const folded = foldCharacter(ch);
    for (let i = 0; i < folded.length; i++) sourceIndex.push(offset);
    text += folded;
    offset += ch.length;
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
  for (const ch of source) out += foldCharacter(ch);
  if (source.length <= 1000) {
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(source, out);
  }
  return out;
}

/**
 * Normalises text for search (embedding and lexical ranking): like {@link foldText} but keeps
 * single spaces between words, so Latin terms such as `RCEP` stay separate tokens.
 */
export function normalizeForSearch(source: string): string {
  let out = '';
  for (const ch of source) {
    if (/\s/u.test(ch)) {
      if (!out.endsWith(' ')) out += ' ';
      continue;
    }
    out += foldCharacter(ch);
  }
  return out.trim();
}
