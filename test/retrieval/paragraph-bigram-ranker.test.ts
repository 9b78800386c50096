import { describe, expect, it } from 'vitest';
import { BigramPostings, distinctBigrams, ParagraphBigramRanker, sharedBigramCount } from '../../src/retrieval/paragraph-bigram-ranker.js';

const paragraphs = new Map([
  [0, '青海的生态优势。清洁能源装机占比高。'],
  [1, '绿色算力基地建设。'],
  [2, '人才是创新的根基。'],
]);
const passages = [
  { paragraph: 0, text: '青海的生态优势。' },
  { paragraph: 0, text: '清洁能源装机占比高。' },
  { paragraph: 1, text: '绿色算力基地建设。' },
  { paragraph: 2, text: '人才是创新的根基。' },
];

describe('distinctBigrams', () => {
  it('folds the text and never spans punctuation', () => {
    expect([...distinctBigrams('青海,生態')].sort()).toEqual(['生态', '青海'].sort());
    expect([...distinctBigrams('生态,產品')].sort()).toEqual(['产品', '生态']);
  });

  it('counts each bigram once', () => {
    expect([...distinctBigrams('生态生态')].sort()).toEqual(['态生', '生态']);
  });
});

describe('sharedBigramCount', () => {
  it('counts the question bigrams the passage contains', () => {
    expect(sharedBigramCount(distinctBigrams('生态产品怎么变现'), distinctBigrams('生态产品价值实现'))).toBe(3);
  });
});

describe('ParagraphBigramRanker.rank', () => {
  const ranker = new ParagraphBigramRanker(paragraphs, passages);

  it('lifts a passage by the words of its paragraph, and orders a paragraph by its own words', () => {
    // `清洁能源` is only in passage 1, `生态` only in passage 0: both share the paragraph's count.
    const hits = ranker.rank('青海生态和清洁能源');
    expect(hits.map((h) => h.index)).toEqual([1, 0]);
    expect(hits[0]!.paragraphShared).toBe(hits[1]!.paragraphShared);
    expect(hits[0]!.passageShared).toBeGreaterThan(hits[1]!.passageShared);
  });

  it('leaves out passages whose paragraph shares nothing, and those not accepted', () => {
    expect(ranker.rank('绿色算力').map((h) => h.index)).toEqual([2]);
    expect(ranker.rank('绿色算力', (i) => i !== 2)).toEqual([]);
    expect(ranker.rank('hello')).toEqual([]);
  });
});

describe('BigramPostings.sharedCounts', () => {
  it('counts, for every text, what sharedBigramCount counts for it alone', () => {
    const texts = [...paragraphs.values(), '生态产品价值实现', '', '青海青海青海'].map(distinctBigrams);
    const postings = new BigramPostings(texts);
    for (const question of ['青海生态和清洁能源', '绿色算力', '人才创新', 'hello', '生态生态产品', '']) {
      const asked = distinctBigrams(question);
      expect([...postings.sharedCounts(asked)]).toEqual(texts.map((t) => sharedBigramCount(asked, t)));
    }
  });
});
