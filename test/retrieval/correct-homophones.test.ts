import { describe, expect, it } from 'vitest';
import { HomophoneCorrector } from '../../src/retrieval/correct-homophones.js';
import { tokenizeWords } from '../../src/index/tokenize-chinese.js';
import { loadTestIndex } from '../support/test-index.js';

const corrector = async () => {
  const { article } = await loadTestIndex();
  const texts = article.paragraphs.map((p) => p.text);
  const names = article.speakers.filter((s) => s.role !== 'editor').map((s) => s.name);
  return new HomophoneCorrector(texts, texts.flatMap((t) => tokenizeWords(t)), names);
};

describe('HomophoneCorrector', () => {
  it('reads a run that sounds like one of the article words as that word, tone for tone', async () => {
    const c = await corrector();
    expect(c.correct('全要素生产律怎么提高？')).toEqual({ text: '全要素生产率怎么提高？', corrections: [{ from: '生产律', to: '生产率' }] });
    expect(c.correct('马冠魁提了什么建议？').text).toBe('马冠奎提了什么建议？');
  });

  it('takes the slips of a speaker who does not tell zh from z', async () => {
    expect((await corrector()).correct('青海的装备制照业').text).toBe('青海的装备制造业');
  });

  it('mends a two-character name only with its surname typed right', async () => {
    const c = await corrector();
    expect(c.correct('刘唱和任军怎么看人才？').corrections).toEqual([
      { from: '刘唱', to: '刘畅' },
      { from: '任军', to: '任君' },
    ]);
    // 里那 sounds like 李娜 but is 厂里 + 那些.
    expect(c.correct('厂里那些老设备怎么办？').corrections).toEqual([]);
  });

  it('mends, tones aside, a slip of one character in a word of four or more (新质生产里 for 新质生产力), never a word the reader typed (新型产业) nor a short one (搞科技)', async () => {
    const c = await corrector();
    expect(c.correct('新质生产里定义').corrections).toEqual([{ from: '新质生产里', to: '新质生产力' }]);
    for (const q of ['青海山清水秀，这对搞新型产业有啥优势？', '青海搞科技这块最拖后腿的地方在哪', '政府怎么帮企业在搞技术研发这件事上唱主角？']) {
      expect(c.correct(q).corrections, q).toEqual([]);
    }
  });

  it('never mends a run that straddles two correctly typed words (生产 + 绿色 is not 生产率)', async () => {
    const c = await corrector();
    for (const q of ['青海怎样生产绿色产品？', '企业的生产利润怎么提高？', '青海如何推动立法保护生态？', '有哪些创新形式？', '研究原因是什么？']) {
      expect(c.correct(q).corrections, q).toEqual([]);
    }
  });

  it('mends to the terms the article quotes, which jieba cuts into pieces', async () => {
    const c = await corrector();
    expect(c.correct('怎样理解先力后破？').text).toBe('怎样理解先立后破？');
    expect(c.correct('黑登工厂建成了吗？').text).toBe('黑灯工厂建成了吗？');
  });

  it('leaves text the article writes, and two-syllable words, as typed', async () => {
    const c = await corrector();
    for (const q of ['青海发展新质生产力最大的短板是什么？', '事实上青海做了什么？', '搞数字化要多少钱？']) {
      expect(c.correct(q), q).toEqual({ text: q, corrections: [] });
    }
  });

  it('keeps the rest of the question as typed: full-width punctuation and Traditional characters', async () => {
    expect((await corrector()).correct('馬冠魁怎麼說？').text).toBe('马冠奎怎麼說？');
  });
});
