import { describe, expect, it } from 'vitest';
import { classifyQuestion } from '../../src/retrieval/question-intent.js';

const names = ['秦睿', '王中毅', '马冠奎', '魏晓强', '李娜', '刘畅', '任君'];

describe('classifyQuestion', () => {
  it.each(['你好', '您好！', 'hello', '谢谢', '你能做什么？'])('takes %s for a greeting', (q) => {
    expect(classifyQuestion(q, names).kind).toBe('greeting');
  });

  it.each(['李娜是谁？', '主持人是谁？', '有哪些嘉宾？', '马冠奎是做什么工作的？', '刘畅在哪个单位工作？'])('takes %s for a question about people', (q) => {
    expect(classifyQuestion(q, names).kind).toBe('people');
  });

  it('does not take "X是谁" for a question about people when X is not in the article', () => {
    expect(classifyQuestion('美国总统是谁？', names).kind).toBe('topic');
  });

  it.each([
    ['什么是新质生产力？', '新质生产力'],
    ['新质生产力是什么？', '新质生产力'],
    ['李娜怎么定义新质生产力？', '新质生产力'],
    ['如何认识和理解“新质生产力”？', '新质生产力'],
  ])('takes %s for a definition of %s', (q, term) => {
    expect(classifyQuestion(q, names)).toEqual({ kind: 'definition', term });
  });

  it('does not take a clause before 是什么 for a term', () => {
    expect(classifyQuestion('青海发展新质生产力最大的短板是什么？', names).kind).toBe('topic');
  });

  it('notices a question for points', () => {
    expect(classifyQuestion('马冠奎提出了哪几点建议？', names)).toEqual({ kind: 'topic', enumerates: true });
    expect(classifyQuestion('平台经济起什么作用？', names)).toEqual({ kind: 'topic', enumerates: false });
  });
});
