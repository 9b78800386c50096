import { describe, expect, it } from 'vitest';
import { domainWeights } from '../../src/index/domain-words.js';

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
