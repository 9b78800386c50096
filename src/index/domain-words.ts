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

/**
 * jieba's general IDF (270,000 words), read once per process into a compact open-addressing table:
 * the words in one string, their offsets, their IDFs and the hash slots, about 7 MB (a `Map` of them
 * would hold 35 MB). Reading `idf.txt` again for every article cost about 35 ms of each article's
 * first answer (issue 21: a library of thousands answers from articles it has not read yet).
 */
export class GeneralIdf {
  private constructor(
    private readonly words: string,
    private readonly starts: Uint32Array,
    private readonly values: Float64Array,
    private readonly slots: Int32Array,
  ) {}

  static read(file: Uint8Array): GeneralIdf {
    const text = new TextDecoder().decode(file);
    const pieces: string[] = [];
    const values: number[] = [];
    for (let at = 0; at < text.length; ) {
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      const space = text.indexOf(' ', at);
      if (space > at && space < end) {
        pieces.push(text.slice(at, space));
        values.push(Number(text.slice(space + 1, end)));
      }
      at = end + 1;
    }
    const starts = new Uint32Array(pieces.length + 1);
    for (let i = 0; i < pieces.length; i++) starts[i + 1] = starts[i]! + pieces[i]!.length;
    const table = new GeneralIdf(pieces.join(''), starts, Float64Array.from(values), new Int32Array(slotCount(pieces.length)).fill(-1));
    // A later line of the same word wins, as a Map filled line by line would have it.
    for (let i = 0; i < pieces.length; i++) table.insert(i);
    return table;
  }

  private hash(word: string, from = 0, to = word.length): number {
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    return h >>> 0;
  }

  private matches(entry: number, word: string): boolean {
    const start = this.starts[entry]!;
    if (this.starts[entry + 1]! - start !== word.length) return false;
    for (let i = 0; i < word.length; i++) if (this.words.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
    return true;
  }

  private insert(entry: number): void {
    const mask = this.slots.length - 1;
    const start = this.starts[entry]!;
    const word = this.words.slice(start, this.starts[entry + 1]);
    for (let slot = this.hash(word) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held < 0 || this.matches(held, word)) {
        this.slots[slot] = entry;
        return;
      }
    }
  }

  get(word: string): number | undefined {
    const mask = this.slots.length - 1;
    for (let slot = this.hash(word) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held < 0) return undefined;
      if (this.matches(held, word)) return this.values[held];
    }
  }
}

/** A power of two at least twice the entries: probes stay short. */
function slotCount(entries: number): number {
  let size = 1;
  while (size < entries * 2) size *= 2;
  return size;
}

let general: GeneralIdf | null = null;

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
  general ??= GeneralIdf.read(readJiebaIdf());
  for (const [word, count] of counts) weights.set(word, Math.log(count / total) + (general.get(word) ?? UNSEEN_IDF));
  return weights;
}
