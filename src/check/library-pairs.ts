import { foldText } from '../corpus/normalize-text.js';
import type { Article } from '../corpus/parse-article.js';

/**
 * Which articles of a library could hold a quotation: one index, shared by every article, of the
 * character pairs each article's text uses (folded as quotations are: NFKC, white space and
 * punctuation aside, Simplified). A quotation is looked up once, whatever the library's size, and
 * checked only in the few articles that share most of its rarer pairs, instead of embedding the
 * whole text with each article's own embedder and checking it in each.
 */

/** Punctuation and white space, left out of the pairs (as the checker's own pair search does). */
const PUNCTUATION = /[\p{P}\p{S}\s]/gu;

/** A quotation is ranked on at most this many of its distinct pairs (spread over it): bounded work for any length. */
export const MAX_RANKED_PAIRS = 64;

/** A pair as one number: two UTF-16 code units. */
const pairKey = (text: string, i: number) => text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1);

/** The distinct pairs of a folded text, punctuation removed, at most `limit` of them spread evenly. */
export function distinctPairs(folded: string, limit = Number.POSITIVE_INFINITY): number[] {
  const bare = folded.replace(PUNCTUATION, '');
  const seen = new Set<number>();
  for (let i = 0; i + 1 < bare.length; i++) seen.add(pairKey(bare, i));
  const all = [...seen];
  if (all.length <= limit) return all;
  const step = all.length / limit;
  return Array.from({ length: limit }, (_, k) => all[Math.floor(k * step)]!);
}

export interface RankQuotationOptions {
  /** Most articles returned. */
  limit: number;
  /** Words around the quotation (the sentence that credits it, `李娜认为`): their pairs count half. */
  context?: string;
}

/**
 * Where a library's pairs are looked up: the articles (ordinals in library order) using a pair, and
 * how many articles the index counts for it (its document frequency).
 */
export interface PairPostingsSource {
  readonly articles: number;
  postings(pair: number): { ordinals: ArrayLike<number>; df: number } | null;
}

/**
 * The character-pair index of a library's articles, in library order: built here from the articles
 * ({@link LibraryPairs.build}), or over a library index built at ingest ({@link LibraryPairs.over}).
 */
export class LibraryPairs {
  private constructor(private readonly source: PairPostingsSource) {}

  /** The articles ranked over. */
  get articles(): number {
    return this.source.articles;
  }

  /** Ranks over postings kept elsewhere (the library index of `src/index/library-index.ts`). */
  static over(source: PairPostingsSource): LibraryPairs {
    return new LibraryPairs(source);
  }

  /**
   * Indexes every article's paragraphs, yielding to the event loop after each article so a large
   * library is indexed without holding other requests.
   */
  static async build(articles: readonly Article[]): Promise<LibraryPairs> {
    const lists = new Map<number, number[]>();
    for (const [ordinal, article] of articles.entries()) {
      const pairs = new Set<number>();
      for (const paragraph of article.paragraphs) for (const pair of distinctPairs(foldText(paragraph.text))) pairs.add(pair);
      for (const pair of pairs) {
        let list = lists.get(pair);
        if (!list) lists.set(pair, (list = []));
        list.push(ordinal);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const postings = new Map<number, Uint32Array>();
    for (const [pair, list] of lists) postings.set(pair, Uint32Array.from(list));
    return new LibraryPairs({
      articles: articles.length,
      postings: (pair) => {
        const list = postings.get(pair);
        return list ? { ordinals: list, df: list.length } : null;
      },
    });
  }

  /**
   * The articles most likely to hold a folded quotation, best first, at most `limit`: each scored by
   * the rarity (inverse document frequency) of the quotation's pairs it uses, and those of the
   * context at half weight. Articles sharing no pair are left out; ties keep library order (the
   * default article first). Work is bounded by {@link MAX_RANKED_PAIRS} pairs × the articles.
   */
  rank(foldedQuotation: string, options: RankQuotationOptions): number[] {
    const scores = new Float64Array(this.articles);
    const add = (pairs: number[], weight: number) => {
      for (const pair of pairs) {
        const found = this.source.postings(pair);
        if (!found) continue;
        const idf = Math.log(1 + this.articles / found.df) * weight;
        const { ordinals } = found;
        for (let i = 0; i < ordinals.length; i++) scores[ordinals[i]!]! += idf;
      }
    };
    add(distinctPairs(foldedQuotation, MAX_RANKED_PAIRS), 1);
    if (options.context) add(distinctPairs(foldText(options.context), MAX_RANKED_PAIRS / 4), 0.5);
    // The best `limit`, kept in order as the articles are scanned (a strict `>` keeps library order on ties).
    const best: number[] = [];
    for (let ordinal = 0; ordinal < this.articles; ordinal++) {
      const score = scores[ordinal]!;
      if (score <= 0 || (best.length === options.limit && score <= scores[best.at(-1)!]!)) continue;
      let at = best.length;
      while (at > 0 && score > scores[best[at - 1]!]!) at--;
      best.splice(at, 0, ordinal);
      if (best.length > options.limit) best.pop();
    }
    return best;
  }
}
