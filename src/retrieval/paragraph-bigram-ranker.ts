import { foldText } from '../corpus/normalize-text.js';
import type { Chunk } from '../index/chunk-paragraphs.js';

/**
 * A third ranker for the fusion: each passage ranked by how many distinct character bigrams of the
 * question its whole paragraph contains (then by how many the passage itself contains). It counts
 * matches without term weights or length normalisation, so a paragraph that shares many everyday
 * words with a paraphrase ranks well even when no single word is rare, and a passage is lifted by
 * the words of its neighbours in the same paragraph: context that BM25 and the vectors, which see
 * one passage at a time, miss. It is the trivial ranker of issue 10, applied to passages.
 */

/** Distinct character bigrams of a folded text; bigrams never span punctuation or white space. */
export function distinctBigrams(text: string): Set<string> {
  const bigrams = new Set<string>();
  for (const run of foldText(text).split(/[^\p{L}\p{N}]+/u)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) bigrams.add(chars[i]! + chars[i + 1]!);
  }
  return bigrams;
}

/** A passage's place in this ranking: what its paragraph and the passage share with the query. */
export interface ParagraphBigramHit {
  /** Position of the passage in the list the ranker was built from. */
  index: number;
  /** Distinct bigrams of the query in the passage's whole paragraph. */
  paragraphShared: number;
  /** Distinct bigrams of the query in the passage itself (breaks ties within a paragraph). */
  passageShared: number;
}

export class ParagraphBigramRanker {
  /** Paragraph ids, in the order the paragraph texts were given. */
  private readonly paragraphIds: number[];
  private readonly paragraphPostings: BigramPostings;
  private readonly passagePostings: BigramPostings;
  private readonly paragraphOf: number[];

  /**
   * @param paragraphTexts the text of each paragraph, by paragraph id
   * @param passages the passages in index order, each inside one paragraph
   */
  constructor(paragraphTexts: ReadonlyMap<number, string>, passages: ReadonlyArray<Pick<Chunk, 'paragraph' | 'text'>>) {
    this.paragraphIds = [...paragraphTexts.keys()];
    this.paragraphPostings = new BigramPostings([...paragraphTexts.values()].map(distinctBigrams));
    this.passagePostings = new BigramPostings(passages.map((c) => distinctBigrams(c.text)));
    this.paragraphOf = passages.map((c) => c.paragraph);
  }

  /**
   * Passages whose paragraph shares at least one bigram with the query, best first (ties in index
   * order); `accept` limits which passages may be returned.
   */
  rank(query: string, accept: (index: number) => boolean = () => true): ParagraphBigramHit[] {
    const question = distinctBigrams(query);
    if (question.size === 0) return [];
    const sharedByParagraph = new Map<number, number>();
    const paragraphCounts = this.paragraphPostings.sharedCounts(question);
    this.paragraphIds.forEach((id, i) => sharedByParagraph.set(id, paragraphCounts[i]!));
    const passageCounts = this.passagePostings.sharedCounts(question);
    const hits: ParagraphBigramHit[] = [];
    this.paragraphOf.forEach((paragraph, index) => {
      const paragraphShared = sharedByParagraph.get(paragraph) ?? 0;
      if (paragraphShared === 0 || !accept(index)) return;
      hits.push({ index, paragraphShared, passageShared: passageCounts[index]! });
    });
    return hits.sort((a, b) => b.paragraphShared - a.paragraphShared || b.passageShared - a.passageShared || a.index - b.index);
  }
}

/**
 * Which of a list of texts hold each bigram: how many of a question's bigrams each text holds, found
 * by the question's bigrams alone rather than by comparing the question with every text.
 */
export class BigramPostings {
  private readonly postings = new Map<string, number[]>();
  readonly size: number;

  /** @param texts each text's distinct bigrams ({@link distinctBigrams}) */
  constructor(texts: ReadonlyArray<ReadonlySet<string>>) {
    texts.forEach((bigrams, i) => {
      for (const b of bigrams) {
        const list = this.postings.get(b);
        if (list) list.push(i);
        else this.postings.set(b, [i]);
      }
    });
    this.size = texts.length;
  }

  /** For each text (by position), how many of the question's bigrams it holds: {@link sharedBigramCount} for all at once. */
  sharedCounts(question: ReadonlySet<string>): Int32Array {
    const counts = new Int32Array(this.size);
    for (const b of question) for (const i of this.postings.get(b) ?? []) counts[i]!++;
    return counts;
  }
}

/** How many of the question's bigrams the passage contains. */
export function sharedBigramCount(question: ReadonlySet<string>, passage: ReadonlySet<string>): number {
  let shared = 0;
  for (const b of question) if (passage.has(b)) shared++;
  return shared;
}
