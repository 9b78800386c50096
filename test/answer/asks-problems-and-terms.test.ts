import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { extractiveAnswerer } from '../support/test-chat.js';

let answerer: QuestionAnswerer;
beforeAll(async () => {
  answerer = await extractiveAnswerer();
});

const ask = async (question: string) => answerer.answer({ messages: [{ role: 'user', content: question }] });

describe('a question for what is wrong or lacking (有啥问题, 哪些不足)', () => {
  it('quotes the sentence that says what is lacking, without the remedies beside it', async () => {
    const res = await ask('任君觉得青海在教育科技人才上有啥问题?');
    expect(res.citations.length).toBeGreaterThan(0);
    expect(res.citations.every((c) => c.speaker === '任君')).toBe(true);
    expect(res.citations[0]!.quote).toContain('不平衡不充分');
    expect(res.citations.map((c) => c.quote).join('')).not.toContain('昆仑英才');
  });

  it('keeps the remedies for a question that asks how to mend it, and both people of a comparison', async () => {
    const how = await ask('任君认为青海教育科技人才上的问题怎么解决？');
    expect(how.citations.map((c) => c.quote).join('')).toMatch(/昆仑英才|揭榜挂帅|精准对接/u);
    // (`在人才问题上` is the matter discussed, not a fault asked for.)
    const both = await ask('马冠奎和任君在人才问题上的说法有什么异同？');
    expect(new Set(both.citations.map((c) => c.speaker))).toEqual(new Set(['马冠奎', '任君']));
    expect(both.citations.map((c) => c.quote).join('')).toContain('回青来青留青兴青');
  });
});

describe('a bare term (新质生产力？)', () => {
  it('is answered with the sentence that says what it is, when a passage retrieved does', async () => {
    const res = await ask('新质生产力?');
    expect(res.citations[0]!.quote).toContain('新质生产力是创新起主导作用');
    // A bare word no passage defines keeps the usual answer.
    expect((await ask('青海短板？')).citations[0]!.quote).toContain('最大的短板');
  });
});
