import { describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../src/retrieval/lexical-search.js';

const docs = ['青海最大的短板就是科技创新能力不足。', '平台经济的核心是共享经济。', '借鉴“揭榜挂帅”制度,深入探索科技项目立项。'];

describe('LexicalIndex', () => {
  const index = new LexicalIndex(docs);

  it('scores Chinese text with finite, positive numbers (LangChain\'s BM25Retriever gives NaN)', () => {
    const hits = index.search('揭榜挂帅是谁提出的', 3);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(Number.isFinite(h.score) && h.score > 0).toBe(true);
    expect(hits[0]!.index).toBe(2);
  });

  it('matches across full- and half-width punctuation and Traditional characters', () => {
    expect(index.search('平臺經濟的核心', 1)[0]!.index).toBe(1);
  });

  it('returns nothing for a query that shares no word', () => {
    expect(index.search('hello', 3)).toEqual([]);
  });

  it('lets a filter exclude documents', () => {
    expect(index.search('科技', 3, (i) => i !== 0).map((h) => h.index)).toEqual([2]);
  });
});

describe('LexicalIndex.search with max-score pruning', () => {
  /** mulberry32: seeded, so a failure can be replayed. */
  function prng(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('returns exactly what scoring every document returns, on random queries, limits and filters', async () => {
    const { loadTestIndex } = await import('../support/test-index.js');
    const { chunks } = await loadTestIndex();
    const random = prng(12);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    // 2,000 passages recombined from the article's own sentences: common words (青海, 发展) are in
    // most of them, as at scale.
    const sentences = chunks.flatMap((c) => c.searchText.split(/(?<=[。？！])/u)).filter((s) => s.length > 4);
    const texts = Array.from({ length: 2000 }, () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(sentences)).join(''));
    // pruneFrom 0: the pruned path, whatever the size.
    const index = new LexicalIndex(texts, { pruneFrom: 0 });

    for (let q = 0; q < 300; q++) {
      const sentence = pick(sentences);
      const from = Math.floor(random() * sentence.length);
      // A piece of a sentence, a short keyword, or two pieces run together.
      const query =
        q % 3 === 0
          ? sentence.slice(from, from + 2 + Math.floor(random() * 20))
          : q % 3 === 1
            ? pick(['青海', '发展', '新质生产力', '科技创新', '青海 发展', '生态', '的'])
            : `${sentence.slice(from, from + 6)}${pick(sentences).slice(0, 8)}`;
      const limit = pick([1, 5, 10, 50, 300]);
      const modulus = pick([1, 2, 3, 7]);
      const accept = (i: number) => i % modulus !== 1;
      expect(index.search(query, limit, accept), `query ${JSON.stringify(query)}, limit ${limit}, modulus ${modulus}`).toEqual(
        index.exhaustiveSearch(query, limit, accept),
      );
    }
  });
});
