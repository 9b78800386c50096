import { hanBigrams, tokenizeWords } from '../index/tokenize-chinese.js';

/**
 * BM25 over jieba words, plus BM25 over character bigrams at a lower weight so that a word jieba
 * cuts differently in the question and in the passage still counts. LangChain's `BM25Retriever`
 * cannot be used here: it splits on white space and scores Chinese text as NaN.
 */

export interface LexicalSearchOptions {
  k1: number;
  b: number;
  /** Weight of the bigram BM25 relative to the word BM25. */
  bigramWeight: number;
}

export const DEFAULT_LEXICAL_OPTIONS: LexicalSearchOptions = { k1: 1.2, b: 0.75, bigramWeight: 0.3 };

export interface LexicalHit {
  /** Position of the document in the list the index was built from. */
  index: number;
  score: number;
}

/**
 * Okapi BM25 over pre-tokenised documents, with an inverted index: a query touches only the
 * postings of its own terms, not every document.
 */
class Bm25 {
  /** term → parallel arrays of document ids and term frequencies. */
  private readonly postings = new Map<string, { docs: number[]; tfs: number[] }>();
  private readonly norms: Float64Array;
  private readonly idf = new Map<string, number>();
  readonly size: number;

  constructor(
    documents: string[][],
    private readonly k1: number,
    b: number,
  ) {
    this.size = documents.length;
    const averageLength = documents.reduce((a, d) => a + d.length, 0) / Math.max(1, documents.length) || 1;
    this.norms = Float64Array.from(documents, (d) => k1 * (1 - b + (b * d.length) / averageLength));
    documents.forEach((tokens, doc) => {
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, f] of tf) {
        let list = this.postings.get(t);
        if (!list) this.postings.set(t, (list = { docs: [], tfs: [] }));
        list.docs.push(doc);
        list.tfs.push(f);
      }
    });
    const n = documents.length;
    // The "plus one" form keeps IDF positive for terms in more than half the documents.
    for (const [t, list] of this.postings) this.idf.set(t, Math.log(1 + (n - list.docs.length + 0.5) / (list.docs.length + 0.5)));
  }

  /** Inverse document frequency of a term; 0 for a term no document has. */
  idfOf(term: string): number {
    return this.idf.get(term) ?? 0;
  }

  /** Adds `weight ×` the BM25 score of every document containing a query term into `scores`. */
  accumulate(queryTokens: string[], scores: Float64Array, weight: number): void {
    for (const t of new Set(queryTokens)) {
      const list = this.postings.get(t);
      if (!list) continue;
      const idf = this.idf.get(t)! * weight;
      const { docs, tfs } = list;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        const f = tfs[i]!;
        scores[doc]! += (idf * (f * (this.k1 + 1))) / (f + this.norms[doc]!);
      }
    }
  }
}

/** A lexical index over the passages' search texts. */
export class LexicalIndex {
  private readonly words: Bm25;
  private readonly bigrams: Bm25;
  private readonly opts: LexicalSearchOptions;
  readonly size: number;

  constructor(texts: string[], options: Partial<LexicalSearchOptions> = {}) {
    this.opts = { ...DEFAULT_LEXICAL_OPTIONS, ...options } satisfies LexicalSearchOptions;
    this.words = new Bm25(texts.map(tokenizeWords), this.opts.k1, this.opts.b);
    this.bigrams = new Bm25(texts.map(hanBigrams), this.opts.k1, this.opts.b);
    this.size = texts.length;
  }

  /** How telling a word is across the passages (BM25 IDF); 0 for words no passage has. */
  wordWeight(word: string): number {
    return this.words.idfOf(word);
  }

  /** The weight of a word that occurs in one passage only: the most telling a word can be. */
  maxWordWeight(): number {
    return Math.log(1 + (this.size - 1 + 0.5) / 1.5);
  }

  /** Documents with a positive score, best first; `accept` limits which documents may be returned. */
  search(query: string, limit: number, accept: (index: number) => boolean = () => true): LexicalHit[] {
    if (limit <= 0) return [];
    const scores = new Float64Array(this.size);
    this.words.accumulate(tokenizeWords(query), scores, 1);
    this.bigrams.accumulate(hanBigrams(query), scores, this.opts.bigramWeight);
    // Keep the best `limit` in a small sorted list: no sort of every scored document.
    const top: LexicalHit[] = [];
    const better = (a: LexicalHit, b: LexicalHit) => a.score > b.score || (a.score === b.score && a.index < b.index);
    for (let i = 0; i < scores.length; i++) {
      const score = scores[i]!;
      if (score <= 0) continue;
      const hit = { index: i, score };
      if (top.length >= limit && !better(hit, top[top.length - 1]!)) continue;
      if (!accept(i)) continue;
      let at = top.length;
      while (at > 0 && better(hit, top[at - 1]!)) at--;
      top.splice(at, 0, hit);
      if (top.length > limit) top.pop();
    }
    return top;
  }
}
