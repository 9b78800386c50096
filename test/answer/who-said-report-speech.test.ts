import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { converse } from '../support/test-chat.js';
import { answererForText } from '../support/test-library.js';

/** A report whose quotations are introduced by the reporter's telling in the same sentence (`她对记者说：“……”`). */
const REPORT = [
  '一间茶馆的新生意',
  '本报记者　甘晓舟',
  '午后，虚构镇老街上的清风茶馆坐满了客人。茶馆老板娘葛巧云一边沏茶，一边招呼熟客。',
  '“刚接手那年，一天只来七八个人，我差点把店关了。”葛巧云笑着回忆。后来她把茶馆改成了评弹书场，每周末请艺人来说书。',
  '为了留住年轻人，葛巧云这两年在茶馆里办了三十多期手作课，教人做竹编、扎染和木版年画，学员大多是附近学校的大学生和刚参加工作的年轻人，有的周末从市区专程坐一个多小时的公交车赶来。她对记者说：“年轻人不一定爱喝茶，但他们喜欢自己动手。”',
  '如今，清风茶馆每月的客流已经超过三千人次。',
  '“以前最头疼的就是扰民。”镇文化站站长魏长青说，去年镇里接到的噪音投诉有三百多件，书场改在白天开场以后少了一大半。',
].join('\n\n');

let answerer: QuestionAnswerer;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ answerer, remove } = await answererForText('chaguan.txt', REPORT));
});
afterAll(() => remove());

describe('who said words a report credits after the reporter’s telling', () => {
  it('names the person whose words they are, never the reporter whose sentence introduces them', async () => {
    const r = await converse(answerer, ['“年轻人不一定爱喝茶”是谁说的？']);
    expect(r.citations[0]!.speaker).toBe('葛巧云');
    expect(r.citations[0]!.quote).not.toContain('对记者说');
    expect(r.answer).not.toContain('甘晓舟说');
  });

  it('answers who said unquoted words after NAME说， with that person, not the reporter telling of them', async () => {
    const r = await converse(answerer, ['谁说镇里去年接到三百多件噪音投诉？']);
    expect(r.citations[0]!.speaker).toBe('魏长青');
    expect(r.citations[0]!.quote).not.toContain('站长魏长青说');
  });

  it('credits words followed by NAME笑着回忆 (a word of manner before the verb) to that person', async () => {
    const r = await converse(answerer, ['“我差点把店关了”是谁说的？']);
    expect(r.citations[0]!.speaker).toBe('葛巧云');
  });
});
