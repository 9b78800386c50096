import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryPairs } from '../../src/check/index.js';
import { foldText } from '../../src/corpus/normalize-text.js';
import { parseArticle, type Article } from '../../src/corpus/parse-article.js';
import {
  buildSegment,
  LibraryPairPostings,
  LibrarySegment,
  LibraryWords,
  MAX_DF_SHARE,
  PAIR_PRUNE_FROM,
  PAIR_PRUNE_SHARE,
  placeSegment,
  PRUNE_FROM_PASSAGES,
  writeSegment,
  type ArticleTerms,
} from '../../src/index/library-index.js';
import { articlePairs } from '../../src/index/library-store.js';

const report = (headline: string, body: string) => parseArticle(`${headline}\n\n本报记者 张三\n\n${body}\n`);

const articles: Array<{ id: string; article: Article }> = [
  { id: 'a', article: report('青海发展绿色算力', '数据中心可以直接使用绿电，降低碳排放。青海的清洁能源装机占比很高。') },
  { id: 'b', article: report('盐湖产业的新路', '盐湖资源综合利用要向高端化发展。钾肥产能稳居全国前列。') },
  { id: 'c', article: report('高原的数据中心', '数据中心建在高原，自然冷却节约电费。绿电直供还在试点。') },
];
const terms = (list = articles): ArticleTerms[] =>
  list.map(({ id, article }) => ({ id, corpusSha256: `sha-${id}`, passages: article.paragraphs.map((p) => p.text), pairs: articlePairs(article) }));

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'qh-library-index-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const all = (segment: LibrarySegment) => placeSegment(segment, (id) => articles.findIndex((a) => a.id === id));

describe('the library index', () => {
  it('ranks articles by their best passage for a text, and leaves out those sharing no word', async () => {
    const segment = LibrarySegment.fromData(await buildSegment(terms(), 'test'));
    const words = new LibraryWords([all(segment)], 3);
    expect(words.rank('盐湖资源怎么利用', 3).map((r) => r.ordinal)).toEqual([1]);
    expect(words.rank('数据中心用绿电', 3).map((r) => r.ordinal).sort()).toEqual([0, 2]);
    expect(words.rank('数据中心用绿电', 1)).toHaveLength(1);
    expect(words.rank('xyzzy', 3)).toEqual([]);
    // `eligible` limits the ranking (a named speaker's articles).
    expect(words.rank('数据中心用绿电', 3, (o) => o !== 0).map((r) => r.ordinal)).toEqual([2]);
  });

  it('reads the same from its files as from memory, words and pairs, and gives pairs the ranking LibraryPairs gives', async () => {
    const data = await buildSegment(terms(), 'test');
    await writeSegment(join(work, 'seg'), data);
    const onDisk = (await LibrarySegment.open(join(work, 'seg'), 'test'))!;
    try {
      const inMemory = LibrarySegment.fromData(data);
      for (const text of ['盐湖资源怎么利用', '数据中心用绿电', '清洁能源']) {
        expect(new LibraryWords([all(onDisk)], 3).rank(text, 3)).toEqual(new LibraryWords([all(inMemory)], 3).rank(text, 3));
      }
      const built = await LibraryPairs.build(articles.map((a) => a.article));
      const over = LibraryPairs.over(new LibraryPairPostings([all(onDisk)], 3));
      for (const quote of ['数据中心可以直接使用绿电', '钾肥产能稳居全国前列', '数据中心']) {
        expect(over.rank(foldText(quote), { limit: 3 })).toEqual(built.rank(foldText(quote), { limit: 3 }));
      }
      expect(over.rank(foldText('数据中心'), { limit: 2, context: '自然冷却的' })).toEqual([2, 0]);
    } finally {
      await onDisk.close();
    }
    expect(await LibrarySegment.open(join(work, 'seg'), 'other settings')).toBeNull();
    expect(await LibrarySegment.open(join(work, 'none'), 'test')).toBeNull();
  });

  it('serves a library over two segments (built, and articles added since), leaving out an article no longer served as it was', async () => {
    const base = LibrarySegment.fromData(await buildSegment(terms(articles.slice(0, 2)), 'test'));
    const added = LibrarySegment.fromData(await buildSegment(terms(articles.slice(2)), 'test'));
    // The library now: b removed (or changed), c added.
    const order = ['a', 'c'];
    const place = (id: string) => order.indexOf(id);
    const parts = [placeSegment(base, place), placeSegment(added, place)];
    const words = new LibraryWords(parts, 2);
    expect(words.rank('盐湖资源', 2)).toEqual([]);
    expect(words.rank('数据中心', 2).map((r) => r.ordinal).sort()).toEqual([0, 1]);
    const pairs = LibraryPairs.over(new LibraryPairPostings(parts, 2));
    expect(pairs.rank(foldText('自然冷却节约电费'), { limit: 2 })).toEqual([1]);
    expect(pairs.rank(foldText('钾肥产能'), { limit: 2 })).toEqual([]);
  });

  it(`leaves out of a quotation's ranking a pair more than ${PAIR_PRUNE_SHARE * 100}% of a library of ${PAIR_PRUNE_FROM} articles or more use`, async () => {
    const common = 0x4e00 * 0x10000 + 0x4e01;
    const rare = 0x4e02 * 0x10000 + 0x4e03;
    const many = Array.from({ length: PAIR_PRUNE_FROM }, (_, i) => ({ id: `x${i}`, corpusSha256: String(i), passages: [], pairs: i < 10 ? [common, rare] : [common] }));
    const segment = LibrarySegment.fromData(await buildSegment(many, 'test'));
    const postings = new LibraryPairPostings([placeSegment(segment, (id) => Number(id.slice(1)))], PAIR_PRUNE_FROM);
    expect(postings.postings(common)).toBeNull();
    expect(postings.postings(rare)).toEqual({ ordinals: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], df: 10 });
    // A smaller library ranks on every pair.
    const few = LibrarySegment.fromData(await buildSegment(many.slice(0, 20), 'test'));
    expect(new LibraryPairPostings([placeSegment(few, (id) => Number(id.slice(1)))], 20).postings(common)?.df).toBe(20);
  });

  it(`prunes a word in more than ${MAX_DF_SHARE * 100}% of the passages (from ${PRUNE_FROM_PASSAGES} passages), keeping the rare ones`, async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      id: `x${i}`,
      corpusSha256: String(i),
      passages: Array.from({ length: 8 }, (_p, j) => `青海发展第${i}篇第${j}段，专家${i === 7 && j === 3 ? '盐湖钾肥' : '讨论'}。`),
      pairs: [],
    }));
    const segment = LibrarySegment.fromData(await buildSegment(many, 'test'));
    expect(segment.meta.passages).toBeGreaterThanOrEqual(PRUNE_FROM_PASSAGES);
    expect(segment.wordPostings('青海')).toBe('pruned');
    expect(segment.wordDf('青海')).toBe(480);
    const words = new LibraryWords([placeSegment(segment, (id) => Number(id.slice(1)))], 60);
    expect(words.rank('青海的盐湖钾肥', 3).map((r) => r.ordinal)).toEqual([7]);
  });
});
