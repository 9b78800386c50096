import { foldText } from '../corpus/normalize-text.js';
import { longestWords, partsOfSpeech, queryWords } from '../index/tokenize-chinese.js';
import type { LexicalIndex } from './lexical-search.js';

/**
 * Weighs the words of a question: how much each says about what is asked. Retrieval and answering
 * share the weights (the answerer measures how much of the question a sentence covers with them).
 */

/** A weighted term of a question, matched against folded text. */
export interface QueryTerm {
  text: string;
  weight: number;
}

/** The weighted words of a question, and the weight of its words the article never uses. */
export interface QuestionTerms {
  terms: QueryTerm[];
  /**
   * Weight of words no passage contains (`红烧肉`): they count against coverage, so that a question
   * the article does not answer is not answered from its one common word.
   */
  missingWeight: number;
}

/**
 * How much a word says about what is asked, by its part of speech: nouns and names carry the topic
 * (`红烧肉`, `上海`, `人才`); verbs and adjectives less (`解决`, `调整`, `短缺`); the rest little.
 */
function topicWeight(tag: string | undefined): number {
  if (!tag) return 1;
  if (/^(n|nr|ns|nt|nz|ng|i|l|j|eng|vn)/u.test(tag)) return tag === 'vn' ? 0.7 : 1;
  if (/^(v|a|ad|an|vd)/u.test(tag)) return 0.5;
  return 0.3;
}

/**
 * Weighted terms of a question: its content words, weighted by how telling they are in the article
 * (BM25 IDF) and by their part of speech; single characters count half, sub-words of a longer word
 * count half. Words the article lacks count against coverage, at the weight of the rarest word.
 */
export function queryTerms(query: string, lexical: LexicalIndex, exclude: Set<string> = new Set()): QuestionTerms {
  // Distinct and bounded: the loops below compare words pairwise.
  const words = queryWords(query).filter((w) => !exclude.has(w));
  const tags = partsOfSpeech(query);
  const tagOf = (word: string) => tags.get(word) ?? [...tags].find(([w]) => w.includes(word))?.[1];
  const longest = longestWords(words);
  const isLongest = new Set(longest);
  const terms = new Map<string, number>();
  let missingWeight = 0;
  for (const word of longest) {
    const pos = topicWeight(tagOf(word));
    const weight = lexical.wordWeight(word) * (word.length === 1 ? 0.5 : 1) * pos;
    if (weight > 0) {
      terms.set(word, weight);
      continue;
    }
    // A word the article lacks may still be covered in part by its sub-words (`旅游景点` by `旅游`);
    // the share of its characters left uncovered counts as missing.
    const covered = new Set<number>();
    for (const part of words) {
      if (part === word || lexical.wordWeight(part) === 0) continue;
      const at = word.indexOf(part);
      if (at >= 0) for (let i = at; i < at + part.length; i++) covered.add(i);
    }
    missingWeight += lexical.maxWordWeight() * pos * (1 - covered.size / word.length);
  }
  for (const word of words) {
    if (terms.has(word) || isLongest.has(word)) continue;
    const weight = lexical.wordWeight(word) * topicWeight(tagOf(word));
    if (weight > 0) terms.set(word, weight / 2);
  }
  return { terms: [...terms].map(([text, weight]) => ({ text, weight })), missingWeight };
}

/**
 * How much of the question a span answers: the weights of the terms it contains, a term said again
 * counting a little more (sublinear, at most twice over).
 */
export function coverage(text: string, terms: QueryTerm[], options: { presenceOnly?: boolean } = {}): number {
  return foldedCoverage(foldText(text), terms, options);
}

/** {@link coverage} of a text already folded. */
export function foldedCoverage(folded: string, terms: QueryTerm[], options: { presenceOnly?: boolean } = {}): number {
  let score = 0;
  for (const term of terms) {
    const count = occurrences(folded, term.text);
    if (count > 0) score += term.weight * (options.presenceOnly ? 1 : 1 + 0.15 * Math.min(count - 1, 2));
  }
  return score;
}

/** How many times `word` occurs in `text`, not overlapping, counted from the left (as `split` cuts). */
function occurrences(text: string, word: string): number {
  if (word === '') return text.split(word).length - 1;
  let count = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) count++;
  return count;
}

/**
 * The run of `words` written one after another in `text` around `word` (`清洁` + `能源` in
 * `提到了清洁能源`), or `word` alone.
 */
export function phraseAround(text: string, word: string, words: readonly string[]): string {
  let start = text.indexOf(word);
  if (start < 0) return word;
  let end = start + word.length;
  for (let grown = true; grown; ) {
    grown = false;
    for (const w of words) {
      if (text.startsWith(w, end)) {
        end += w.length;
        grown = true;
      } else if (start >= w.length && text.slice(start - w.length, start) === w) {
        start -= w.length;
        grown = true;
      }
    }
  }
  return text.slice(start, end);
}

