import { foldForMatching, foldText } from '../corpus/normalize-text.js';
import { wordBoundaries } from '../index/tokenize-chinese.js';
import { applyEdits, type Correction, type CorrectedText } from './correct-homophones.js';
import LEXICON from './everyday-words.json' with { type: 'json' };

/**
 * Everyday words read as the article's own (`青海的弱项是什么` → `青海的短板是什么`): a reader asks in
 * spoken Chinese, an interview prints the written word, and neither the word index nor the built-in
 * embedder (hashed words, no meaning) can tell that 弱项 is 短板. A lexicon of everyday forms and
 * the written words a paper prints for them (`everyday-words.json`, general Chinese, written for
 * this product, not from any article or question set) says so; an article reads an everyday form as
 * the first of its written words that the article itself uses, and only when it never uses the
 * everyday form (its own words are never replaced). The reading is shown to the reader, as a
 * homophone's is: `（按“短板”理解“弱项”。）`.
 */

/** The lexicon: an everyday form and the written words for it, the likeliest first. */
const ENTRIES: ReadonlyArray<readonly [string, readonly string[]]> = Object.entries(LEXICON as Record<string, string[]>);

/** The lexicon's one-character forms read at all: nouns that mean one thing in a question. */
const SINGLE_CHARACTER_FORMS = new Set(['钱']);

/**
 * Everyday forms read without a word to the reader: a time adverb (`现在` → `目前`) reads so alike
 * that saying so only clutters the answer. They are still listed in `corrections`.
 */
const QUIET_FORMS = new Set(['现在', '眼下', '以后']);

/** Whether a reading is one the answer does not announce ({@link QUIET_FORMS}). */
export function isQuietReading(correction: Correction): boolean {
  // (`from` is as the question wrote it: `現在` is read, and kept quiet, as 现在.)
  return QUIET_FORMS.has(foldText(correction.from));
}

/** The end of a quantity (`多少`, `几`, a numeral): what follows is its unit or measure. */
const AFTER_QUANTITY = /(?:多少|几|[0-9０-９一二两三四五六七八九十百千万亿])$/u;

export class EverydayWords {
  /** The everyday forms this article can read, longest first, each with its word in the article. */
  private readonly readings: Array<{ everyday: string; written: string }> = [];

  /** @param texts the article's paragraphs */
  constructor(texts: readonly string[]) {
    const article = texts.map(foldText).join('\n');
    for (const [everyday, written] of ENTRIES) {
      const form = foldText(everyday);
      // One character is too many words' part to read alone, but for a noun no other word shares.
      if (form.length === 1 && !SINGLE_CHARACTER_FORMS.has(form)) continue;
      if (article.includes(form)) continue;
      const own = written.find((w) => article.includes(foldText(w)));
      if (own) this.readings.push({ everyday: form, written: own });
    }
    this.readings.sort((a, b) => b.everyday.length - a.everyday.length);
  }

  /**
   * The question with each everyday form the article does not use replaced by the article's word for
   * it, where the form begins and ends at the question's own word boundaries (`钱` in `钱包` is not
   * money asked about).
   */
  read(question: string): CorrectedText {
    if (this.readings.length === 0) return { text: question, corrections: [] };
    const { text: folded, sourceIndex } = foldForMatching(question);
    let bounds: Set<number> | null = null;
    const taken: boolean[] = [];
    const edits: Array<{ start: number; end: number; to: string; from: string }> = [];
    for (const { everyday, written } of this.readings) {
      for (let at = folded.indexOf(everyday); at >= 0; at = folded.indexOf(everyday, at + 1)) {
        const end = at + everyday.length;
        if (taken.slice(at, end).some(Boolean)) continue;
        // `多少钱`, `三块钱`: a price or an amount asked for, not the money a policy spends.
        if (AFTER_QUANTITY.test(folded.slice(Math.max(0, at - 2), at))) continue;
        bounds ??= wordBoundaries(folded);
        if (!bounds.has(at) || !bounds.has(end)) continue;
        for (let i = at; i < end; i++) taken[i] = true;
        const start = sourceIndex[at]!;
        const stop = sourceIndex[end]!;
        edits.push({ start, end: stop, to: written, from: question.slice(start, stop) });
      }
    }
    return applyEdits(question, edits.sort((a, b) => a.start - b.start));
  }
}
