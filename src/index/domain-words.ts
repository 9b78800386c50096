import { readJiebaIdf } from './jieba-files.js';
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
  const general = generalIdf(counts.keys(), readJiebaIdf());
  for (const [word, count] of counts) weights.set(word, Math.log(count / total) + (general.get(word) ?? UNSEEN_IDF));
  return weights;
}

/** 32-bit FNV-1a over bytes `[start, end)`. */
function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}

const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * The general IDF of the given words, from `idf.txt` (`word idf` a line, UTF-8): what decoding the
 * file and splitting it into lines gives (a word's last line wins; a line's first space ends its
 * word), found in one pass over the bytes. Only the lines of the words asked for are decoded: the
 * file's 270,000 lines as strings were 20 MB of garbage per article (a whole map would hold 35 MB).
 */
export function generalIdf(words: Iterable<string>, file: Uint8Array): Map<string, number> {
  const encoder = new TextEncoder();
  const wanted = new Map<number, Array<{ word: string; bytes: Uint8Array }>>();
  for (const word of words) {
    const bytes = encoder.encode(word);
    const hash = fnv1a(bytes, 0, bytes.length);
    const list = wanted.get(hash);
    if (list) list.push({ word, bytes });
    else wanted.set(hash, [{ word, bytes }]);
  }
  const decoder = new TextDecoder();
  const found = new Map<string, number>();
  // TextDecoder drops a leading byte-order mark: so does this.
  let lineStart = file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf ? 3 : 0;
  while (lineStart <= file.length) {
    let lineEnd = file.indexOf(NEWLINE, lineStart);
    if (lineEnd < 0) lineEnd = file.length;
    const space = file.indexOf(SPACE, lineStart);
    if (space > lineStart && space < lineEnd) {
      const candidates = wanted.get(fnv1a(file, lineStart, space));
      const match = candidates?.find(({ bytes }) => bytes.length === space - lineStart && bytes.every((b, i) => file[lineStart + i] === b));
      if (match) found.set(match.word, Number(decoder.decode(file.subarray(space + 1, lineEnd))));
    }
    lineStart = lineEnd + 1;
  }
  return found;
}
