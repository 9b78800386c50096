import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { converse } from '../support/test-chat.js';
import { answererForText } from '../support/test-library.js';

/** A transcript in which one label names no one the article introduces: its paragraph is nobody's. */
const TRANSCRIPT = [
  '城市绿地怎样建得更好',
  '主持人：各位好，今天请到了虚构大学教授王一鸣，谈谈城市绿地的规划和养护。',
  '王一鸣：城市绿地不只是好看，它能降温、蓄水，还能给居民一个走动的地方。',
  '主持人：绿地怎样规划才合理？',
  '王一鸣：规划要从居民的步行距离出发，五分钟能走到一块绿地，是比较理想的目标。',
  '主持人：绿地建成以后怎样养护？',
  '王一鸣：养护要舍得投入，乔木、灌木和草坪的比例要合理，尽量少用需要大量浇水的草坪。',
  '赵某某：我插一句，绿地的养护经费应当写进每年的财政预算，不能年年临时申请。',
  '主持人：居民能为绿地做些什么？',
  '王一鸣：居民可以参加认养，一棵树、一片花坛都可以认养，这也是一种参与城市治理的方式。',
].join('\n\n');

let answerer: QuestionAnswerer;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ answerer, remove } = await answererForText('lvdi.txt', TRANSCRIPT));
});
afterAll(() => remove());

describe('words of a paragraph whose speaker could not be decided', () => {
  it('are found by who-said questions, and credited to no one', async () => {
    const r = await converse(answerer, ['“绿地的养护经费应当写进每年的财政预算”是谁说的？']);
    expect(r.answer.split('\n')[0]).toContain('说话人未能判定');
    expect(r.answer).not.toMatch(/王一鸣说|主持人.*说的/u);
    expect(r.citations.map((c) => c.role)).toEqual(['unattributed']);
  });

  it('are never quoted as someone’s view in a topic answer', async () => {
    const r = await converse(answerer, ['绿地的养护经费应该怎么解决？']);
    for (const c of r.citations) expect(c.role).not.toBe('unattributed');
    expect(r.answer).not.toContain('赵某某');
  });
});
