import { describe, expect, it } from 'vitest';
import { domainWeights, GeneralIdf } from '../../src/index/domain-words.js';
import { readJiebaIdf } from '../../src/index/jieba-files.js';
import { tokenizeWords } from '../../src/index/tokenize-chinese.js';
import { loadTestIndex } from '../support/test-index.js';

describe('domainWeights', () => {
  it('weighs a word frequent in the texts and rare in general above one common everywhere, however often used', () => {
    const texts = ['青海要发展盐湖产业，需要人才。', '青海的盐湖资源需要综合利用。', '我们需要更多的人才，需要资金。'];
    const weights = domainWeights(texts);
    // 需要 occurs four times, 盐湖 twice; jieba's general corpus knows 需要 as common and 盐湖 as rare.
    expect(weights.get('盐湖')!).toBeGreaterThan(weights.get('需要')!);
    expect(weights.get('青海')!).toBeGreaterThan(weights.get('需要')!);
    expect(weights.has('红烧肉')).toBe(false);
  });

  it('returns nothing for texts with no words', () => {
    expect(domainWeights(['', '，。']).size).toBe(0);
  });
});

/** The IDF lookup as it was written first: decode the whole file, split it into lines. */
function decodedIdf(words: Iterable<string>, file: Uint8Array): Map<string, number> {
  const wanted = new Set(words);
  const found = new Map<string, number>();
  for (const line of new TextDecoder().decode(file).split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0 && wanted.has(line.slice(0, space))) found.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return found;
}

/** What the table holds for the given words. */
function generalIdf(words: Iterable<string>, file: Uint8Array): Map<string, number> {
  const table = GeneralIdf.read(file);
  return new Map([...words].flatMap((word) => {
    const value = table.get(word);
    return value === undefined ? [] : [[word, value] as const];
  }));
}

describe('GeneralIdf', () => {
  it('finds in jieba\'s IDF file what decoding the whole file finds, for every word of the article', async () => {
    const index = await loadTestIndex();
    const words = new Set(index.article.paragraphs.flatMap((p) => tokenizeWords(p.text)));
    words.add('红烧肉').add('不是一个词xyz');
    const file = readJiebaIdf();
    const found = generalIdf(words, file);
    expect(found).toEqual(decodedIdf(words, file));
    expect(found.size).toBeGreaterThan(500);
  });

  it('reads a file as decoding it does: a byte-order mark, repeated words (the last wins), lines without a space, no final newline', () => {
    const text = '\uFEFF青海 9.5\n盐湖 11.25\n没有空格\n 开头空格 3\n青海 8.75\r\n人才 6\n尾行 1.5';
    const file = new TextEncoder().encode(text);
    const words = ['青海', '盐湖', '没有空格', '开头空格', '人才', '尾行', '缺'];
    expect(generalIdf(words, file)).toEqual(decodedIdf(words, file));
    expect(generalIdf(words, file).get('青海')).toBe(8.75);
  });
});
