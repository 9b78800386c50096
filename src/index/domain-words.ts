import { idf } from '@node-rs/jieba/dict.js';
import { tokenizeWords } from './tokenize-chinese.js';

/**
 * How characteristic of an article each of its words is ("keyness"): the log of the word's share of
 * the article's words plus its IDF in a general Chinese corpus (the `idf.txt` jieba ships, the
 * negative log of a document frequency). A word frequent here and rare in general (青海, 生产力,
 * 盐湖) marks the article's domain; a word common everywhere (需要, 好, 国家) does not, however often
 * the article uses it. BM25 weighs the other way round: a word in every passage tells passages apart
 * poorly, yet says most surely that a question is about this article.
 */

/** IDF of a word jieba's corpus lacks: about its rarest words'. */
const UNSEEN_IDF = 12;

/** Keyness of each word the texts use (words of two or more characters). */
export function domainWeights(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  let total = 0;
  for (const text of texts) {
    for (const word of tokenizeWords(text)) {
      total++;
      if ([...word].length >= 2) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const weights = new Map<string, number>();
  if (total === 0) return weights;
  // One pass over the 270,000 lines, keeping only the article's words: a whole map would hold 35 MB.
  const general = new Map<string, number>();
  for (const line of new TextDecoder().decode(idf).split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0 && counts.has(line.slice(0, space))) general.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  for (const [word, count] of counts) weights.set(word, Math.log(count / total) + (general.get(word) ?? UNSEEN_IDF));
  return weights;
}
