import { describe, expect, it } from 'vitest';
import { EverydayWords, isQuietReading } from '../../src/retrieval/everyday-words.js';

const article = ['青海最大的短板是科技创新能力不足。', '要加大财政资金投入，开展科技攻关。'];

describe('EverydayWords', () => {
  it('reads an everyday form as the first of its written words the article uses', () => {
    expect(new EverydayWords(article).read('青海的短处在哪里？')).toEqual({ text: '青海的短板在哪里？', corrections: [{ from: '短处', to: '短板' }] });
    expect(new EverydayWords(article).read('搞科研的钱从哪来？').corrections).toContainEqual({ from: '钱', to: '资金' });
  });

  it('never replaces a word the article uses itself, nor reads a form the article has no written word for', () => {
    expect(new EverydayWords([...article, '人才是青海的短处。']).read('青海的短处在哪里？').corrections).toEqual([]);
    expect(new EverydayWords(['今天天气很好。']).read('青海的短处在哪里？').corrections).toEqual([]);
  });

  it('reads 钱 after a quantity as a price, and no other one-character form at all', () => {
    const words = new EverydayWords(article);
    expect(words.read('这个项目总投资多少钱？').corrections).toEqual([]);
    expect(words.read('电价是每度三毛钱吗？').corrections).toEqual([]);
    // 搞 is in the lexicon (开展), but one character is too many words' part.
    expect(words.read('青海怎么搞科技攻关？').corrections).toEqual([]);
  });

  it('reads a form only at the question\'s word boundaries (钱 of 钱包 is not funding)', () => {
    expect(new EverydayWords(article).read('钱包里的资金怎么用？').corrections).toEqual([]);
  });

  it('keeps the readings of time words quiet, however the question writes them (现在, 現在)', () => {
    expect(isQuietReading({ from: '现在', to: '目前' })).toBe(true);
    expect(isQuietReading({ from: '現在', to: '目前' })).toBe(true);
    expect(isQuietReading({ from: '弱项', to: '短板' })).toBe(false);
  });
});
