import { describe, expect, it } from 'vitest';
import { createBigramRanker } from '../../src/eval/bigram-ranker.js';
import type { Article } from '../../src/corpus/parse-article.js';

const paragraph = (id: number, speaker: string, text: string) => ({
  id, speaker, role: 'expert' as const, title: null, section: '', text, quotes: [],
});
const article = {
  title: '',
  speakers: [],
  sections: [],
  paragraphs: [
    paragraph(0, '王中毅', '王中毅:推进传统制造业生产装备更新。'),
    paragraph(1, '李娜', '李娜:有助于拓宽“两山”转化通道,建立健全生态产品价值实现机制。'),
    paragraph(2, '刘畅', '刘畅:生态是青海高质量发展的重要依托。'),
  ],
} as unknown as Article;

describe('createBigramRanker', () => {
  it('ranks whole paragraphs by shared bigrams, best first, and leaves out those sharing none', async () => {
    const ranked = await createBigramRanker(article).rank('生态产品的价值怎么实现？', 5, []);
    expect(ranked.map((p) => p.speaker)).toEqual(['李娜', '刘畅']);
    expect(ranked[0]!.text).toBe(article.paragraphs[1]!.text);
  });

  it('breaks ties in article order and stops at k', async () => {
    const ranked = await createBigramRanker(article).rank('生态 装备', 1, []);
    expect(ranked.map((p) => p.speaker)).toEqual(['王中毅']);
  });
});
