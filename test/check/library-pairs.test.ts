import { describe, expect, it } from 'vitest';
import { distinctPairs, LibraryPairs, MAX_RANKED_PAIRS } from '../../src/check/index.js';
import { foldText } from '../../src/corpus/normalize-text.js';
import { parseArticle } from '../../src/corpus/parse-article.js';

const report = (headline: string, body: string) => parseArticle(`${headline}\n\n本报记者 张三\n\n${body}\n`);

describe('LibraryPairs', () => {
  const articles = [
    report('青海发展绿色算力', '数据中心可以直接使用绿电，降低碳排放。青海的清洁能源装机占比很高。'),
    report('盐湖产业的新路', '盐湖资源综合利用要向高端化发展。钾肥产能稳居全国前列。'),
    report('高原的数据中心', '数据中心建在高原，自然冷却节约电费。绿电直供还在试点。'),
  ];

  it('ranks first the article that holds a quotation word for word, then those sharing its rarer pairs', async () => {
    const pairs = await LibraryPairs.build(articles);
    expect(pairs.rank(foldText('数据中心可以直接使用绿电'), { limit: 3 })).toEqual([0, 2]);
    expect(pairs.rank(foldText('钾肥产能稳居全国前列'), { limit: 3 })[0]).toBe(1);
  });

  it('leaves out articles that share no pair, and returns at most `limit`', async () => {
    const pairs = await LibraryPairs.build(articles);
    expect(pairs.rank(foldText('\uFDFA'.repeat(50)), { limit: 3 })).toEqual([]);
    expect(pairs.rank(foldText('数据中心'), { limit: 1 })).toEqual([0]);
  });

  it('counts the words before a quotation at half weight: they tip a tie toward the article they name', async () => {
    const pairs = await LibraryPairs.build(articles);
    // `数据中心` stands in articles 0 and 2; the words before it name article 2's subject.
    expect(pairs.rank(foldText('数据中心'), { limit: 2, context: '自然冷却的' })).toEqual([2, 0]);
  });

  it('ranks any quotation on a bounded number of its pairs', () => {
    const long = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('');
    expect(distinctPairs(long, MAX_RANKED_PAIRS)).toHaveLength(MAX_RANKED_PAIRS);
    expect(distinctPairs('青海青海青海')).toHaveLength(2);
  });
});
