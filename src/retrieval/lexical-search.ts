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
  /**
   * Max-score pruning from this many passages up; below it every posting is scored, which is
   * faster on small indexes (both give the same results). Measured by bench:search: pruning is
   * slower at 1k and 10k synthetic passages, and about 13 % faster at 100k (docs/benchmarks.md).
   */
  pruneFrom: number;
}

export const DEFAULT_LEXICAL_OPTIONS: LexicalSearchOptions = { k1: 1.2, b: 0.75, bigramWeight: 0.3, pruneFrom: 50_000 };

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
  /**
   * term → parallel arrays of document ids (ascending) and term frequencies, and the largest
   * `f·(k1+1)/(f+norm)` of the term over its documents: its score bound, once times its IDF.
   */
  private readonly postings = new Map<string, { docs: number[]; tfs: number[]; maxRatio: number }>();
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
        if (!list) this.postings.set(t, (list = { docs: [], tfs: [], maxRatio: 0 }));
        list.docs.push(doc);
        list.tfs.push(f);
        list.maxRatio = Math.max(list.maxRatio, (f * (k1 + 1)) / (f + this.norms[doc]!));
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

  /**
   * The query's terms that some document has, in query order, each with its postings and the most
   * it can add to a score (for max-score pruning).
   */
  scoredTerms(queryTokens: string[], weight: number): ScoredTerm[] {
    const terms: ScoredTerm[] = [];
    for (const t of new Set(queryTokens)) {
      const list = this.postings.get(t);
      if (!list) continue;
      const idf = this.idf.get(t)! * weight;
      // Rounding may differ from a contribution's by an ulp or two: search() allows a margin for it.
      terms.push({ docs: list.docs, tfs: list.tfs, idf, bound: idf * list.maxRatio, bm25: this });
    }
    return terms;
  }

  /** One term's share of a document's score: the same expression, in the same order, as {@link accumulate}. */
  contribution(idf: number, f: number, doc: number): number {
    return (idf * (f * (this.k1 + 1))) / (f + this.norms[doc]!);
  }
}

/** A query term ready for scoring: postings sorted by document, its weighted IDF and its largest contribution. */
interface ScoredTerm {
  docs: number[];
  tfs: number[];
  idf: number;
  bound: number;
  bm25: Bm25;
}

/** First position at or after `from` in a sorted list whose value is at least `target` (galloping search). */
function seek(docs: number[], from: number, target: number): number {
  if (from >= docs.length || docs[from]! >= target) return from;
  let step = 1;
  let low = from;
  let high = from + 1;
  while (high < docs.length && docs[high]! < target) {
    low = high;
    step *= 2;
    high = from + step;
  }
  high = Math.min(high, docs.length);
  while (low + 1 < high) {
    const mid = (low + high) >>> 1;
    if (docs[mid]! < target) low = mid;
    else high = mid;
  }
  return high;
}

/** Best first; equal scores go to the earlier document. */
const better = (a: LexicalHit, b: LexicalHit) => a.score > b.score || (a.score === b.score && a.index < b.index);

/** Puts a hit into a sorted top list of at most `limit` hits. */
function insertHit(top: LexicalHit[], hit: LexicalHit, limit: number): void {
  let at = top.length;
  while (at > 0 && better(hit, top[at - 1]!)) at--;
  top.splice(at, 0, hit);
  if (top.length > limit) top.pop();
}

/** A lexical index over the passages' search texts. */
export class LexicalIndex {
  private readonly words: Bm25;
  private readonly bigrams: Bm25;
  private readonly opts: LexicalSearchOptions;
  readonly size: number;

  /**
   * @param texts the passages' search texts
   * @param words each text's words ({@link tokenizeWords}) as the index keeps them (segmented at
   *   ingest: jieba over an article's passages is ~10 ms of its opening); segmented here without them
   */
  constructor(texts: string[], options: Partial<LexicalSearchOptions> = {}, words: string[][] | null = null) {
    this.opts = { ...DEFAULT_LEXICAL_OPTIONS, ...options } satisfies LexicalSearchOptions;
    this.words = new Bm25(words ?? texts.map(tokenizeWords), this.opts.k1, this.opts.b);
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

  /**
   * Documents with a positive score, best first; `accept` limits which documents may be returned.
   *
   * Max-score pruning (Turtle & Flood 1995): documents are visited in order, and once the top list
   * is full, the terms whose largest contributions together cannot lift a document past the last
   * hit stop proposing documents, so a term most passages contain (`青海`) is looked up only for
   * documents a rarer term found. Every visited document's score is summed term by term in query
   * order, as {@link exhaustiveSearch} sums it, so the results are the same to the last bit.
   */
  search(query: string, limit: number, accept: (index: number) => boolean = () => true): LexicalHit[] {
    if (limit <= 0) return [];
    if (this.size < this.opts.pruneFrom) return this.exhaustiveSearch(query, limit, accept);
    // Query order: words, then bigrams; within each, first occurrence. Scores are summed in this order.
    const terms = [...this.words.scoredTerms(tokenizeWords(query), 1), ...this.bigrams.scoredTerms(hanBigrams(query), this.opts.bigramWeight)];
    if (terms.length === 0) return [];
    // Terms by growing bound; `below[i]` is the sum of the bounds of the i weakest terms.
    const byBound = terms.map((_, i) => i).sort((a, b) => terms[a]!.bound - terms[b]!.bound);
    const below = [0];
    for (const i of byBound) below.push(below.at(-1)! + terms[i]!.bound);
    const cursors = new Array<number>(terms.length).fill(0);
    const top: LexicalHit[] = [];
    // The weakest terms whose bounds sum to at most the threshold cannot make a hit by themselves.
    let firstEssential = 0;

    for (;;) {
      // The next document any essential term has.
      let doc = Infinity;
      for (let r = firstEssential; r < byBound.length; r++) {
        const i = byBound[r]!;
        const at = cursors[i]!;
        if (at < terms[i]!.docs.length) doc = Math.min(doc, terms[i]!.docs[at]!);
      }
      if (doc === Infinity) break;

      // What the essential terms give, plus all the others could: not enough, and the document is
      // passed without looking it up in the long postings of the common terms.
      if (top.length >= limit && firstEssential > 0) {
        let bound = below[firstEssential]!;
        for (let r = firstEssential; r < byBound.length; r++) {
          const term = terms[byBound[r]!]!;
          const at = cursors[byBound[r]!]!;
          if (at < term.docs.length && term.docs[at] === doc) bound += term.bm25.contribution(term.idf, term.tfs[at]!, doc);
        }
        if (bound * (1 + 1e-9) < top[top.length - 1]!.score) {
          for (let r = firstEssential; r < byBound.length; r++) {
            const i = byBound[r]!;
            if (terms[i]!.docs[cursors[i]!] === doc) cursors[i]!++;
          }
          continue;
        }
      }
      let score = 0;
      for (let i = 0; i < terms.length; i++) {
        const term = terms[i]!;
        const at = (cursors[i] = seek(term.docs, cursors[i]!, doc));
        if (at < term.docs.length && term.docs[at] === doc) {
          score += term.bm25.contribution(term.idf, term.tfs[at]!, doc);
          cursors[i] = at + 1;
        }
      }
      if (score <= 0) continue;
      const hit = { index: doc, score };
      if (top.length >= limit && !better(hit, top[top.length - 1]!)) continue;
      if (!accept(doc)) continue;
      insertHit(top, hit, limit);
      if (top.length >= limit) {
        // A later document only enters with a strictly higher score (ties go to the earlier one);
        // the margin keeps a term whose bound is the threshold up to rounding essential.
        const threshold = top[top.length - 1]!.score;
        while (firstEssential < byBound.length && below[firstEssential + 1]! * (1 + 1e-9) < threshold) firstEssential++;
      }
    }
    return top;
  }

  /**
   * The same results as {@link search}, by scoring every document of every query term: what
   * `search` does on a small index, and the reference the pruned search is tested against.
   */
  exhaustiveSearch(query: string, limit: number, accept: (index: number) => boolean = () => true): LexicalHit[] {
    if (limit <= 0) return [];
    const scores = new Float64Array(this.size);
    this.words.accumulate(tokenizeWords(query), scores, 1);
    this.bigrams.accumulate(hanBigrams(query), scores, this.opts.bigramWeight);
    const top: LexicalHit[] = [];
    for (let i = 0; i < scores.length; i++) {
      const score = scores[i]!;
      if (score <= 0) continue;
      const hit = { index: i, score };
      if (top.length >= limit && !better(hit, top[top.length - 1]!)) continue;
      if (!accept(i)) continue;
      insertHit(top, hit, limit);
    }
    return top;
  }
}
