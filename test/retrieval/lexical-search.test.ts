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
