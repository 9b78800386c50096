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

/** Okapi BM25 over pre-tokenised documents. */
class Bm25 {
  private readonly termFrequencies: Array<Map<string, number>>;
  private readonly lengths: number[];
  private readonly averageLength: number;
  private readonly idf = new Map<string, number>();

  constructor(
    documents: string[][],
    private readonly k1: number,
    private readonly b: number,
  ) {
    this.termFrequencies = documents.map((tokens) => {
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      return tf;
    });
    this.lengths = documents.map((d) => d.length);
    this.averageLength = this.lengths.reduce((a, n) => a + n, 0) / Math.max(1, documents.length);
    const df = new Map<string, number>();
    for (const tf of this.termFrequencies) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const n = documents.length;
    // The "plus one" form keeps IDF positive for terms in more than half the documents.
    for (const [t, f] of df) this.idf.set(t, Math.log(1 + (n - f + 0.5) / (f + 0.5)));
  }

  /** Inverse document frequency of a term; 0 for a term no document has. */
  idfOf(term: string): number {
    return this.idf.get(term) ?? 0;
  }

  score(queryTokens: string[], doc: number): number {
    const tf = this.termFrequencies[doc]!;
    const norm = this.k1 * (1 - this.b + (this.b * this.lengths[doc]!) / (this.averageLength || 1));
    let score = 0;
    for (const t of new Set(queryTokens)) {
      const f = tf.get(t);
      if (!f) continue;
      score += this.idf.get(t)! * ((f * (this.k1 + 1)) / (f + norm));
    }
    return score;
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
    const words = tokenizeWords(query);
    const bigrams = hanBigrams(query);
    const hits: LexicalHit[] = [];
    for (let i = 0; i < this.size; i++) {
      if (!accept(i)) continue;
      const score = this.words.score(words, i) + this.opts.bigramWeight * this.bigrams.score(bigrams, i);
      if (score > 0) hits.push({ index: i, score });
    }
    return hits.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, limit);
  }
}
