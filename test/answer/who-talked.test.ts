import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { converse } from '../support/test-chat.js';
import { answererForText } from '../support/test-library.js';

/** A transcript in which the host asks about apprentices and the guest's answer speaks of them without the word. */
const TRANSCRIPT = [
  '竹编手艺的传承',
  '主持人：各位好，今天请到了竹编艺人韩守义，谈谈竹编手艺的传承。',
  '韩守义：竹编看着简单，其实一根竹子要劈成几十根篾片，每一根都要薄厚均匀，光这一步就要练上好几年。',
  '主持人：韩师傅，您现在带了几个徒弟？',
  '韩守义：正式拜师的有四个。我不收钱，就一个要求，头一年每天都要来作坊，练不好篾片不许编东西。',
  '主持人：竹编产品现在卖得怎么样？',
  '韩守义：网上卖得比店里好，年轻人喜欢小件，比如竹编的灯罩和收纳篮，订单多的时候要排一个月。',
].join('\n\n');

let answerer: QuestionAnswerer;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ answerer, remove } = await answererForText('zhubian.txt', TRANSCRIPT));
});
afterAll(() => remove());

describe('who spoke of something the host only asked about', () => {
  it('is who answered the question: the guest’s answer leads, the host’s question after it', async () => {
    const r = await converse(answerer, ['谁谈到了收徒弟的要求？']);
    expect(r.citations.map((c) => c.speaker)).toEqual(['韩守义', '主持人']);
    expect(r.citations[0]!.quote).toContain('就一个要求');
    expect(r.citations.map((c) => c.n)).toEqual([1, 2]);
  });

  it('leaves a question that is not who-asks as it was (the host’s question is what matches it)', async () => {
    const r = await converse(answerer, ['主持人问了徒弟的什么？']);
    expect(r.citations[0]?.speaker).toBe('主持人');
  });
});

describe('who answered, and who asked', () => {
  it('reads 谁解释了…, 谁作了回答 as who answered the host\'s question that holds the words', async () => {
    for (const question of ['卖得怎么样，谁作了回答？', '谁解释了竹编产品现在卖得怎么样？']) {
      const r = await converse(answerer, [question]);
      expect(r.citations[0]!.speaker, question).toBe('韩守义');
      expect(r.citations[0]!.quote, question).toContain('网上卖得比店里好');
    }
  });

  it('answers 是谁问… with the host\'s question first, not the guest who answered it', async () => {
    const r = await converse(answerer, ['是谁问韩守义带了几个徒弟？']);
    expect(r.citations[0]!.speaker).toBe('主持人');
    expect(r.citations[0]!.quote).toContain('带了几个徒弟');
  });
});

