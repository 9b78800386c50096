import { describe, expect, it } from 'vitest';
import { expectedAnswerTypes, givesAnswerOfType } from '../../src/retrieval/answer-type.js';

describe('expectedAnswerTypes', () => {
  it('reads the kind of fact from the interrogative', () => {
    expect(expectedAnswerTypes('这个项目投资了多少钱？')).toEqual(['number']);
    expect(expectedAnswerTypes('会议是哪一年召开的？')).toEqual(['time']);
    expect(expectedAnswerTypes('新工厂建在什么地方？')).toEqual(['place']);
    expect(expectedAnswerTypes('报道登在哪份报纸上？')).toEqual(['organisation']);
    expect(expectedAnswerTypes('这个省的水平在全国排第几？')).toEqual(['rank']);
    expect(expectedAnswerTypes('会议是哪天、在什么地方举行的？')).toEqual(['time', 'place']);
  });
  it('asks for no fact in why, how and what questions, nor in a figurative "where"', () => {
    for (const q of ['为什么要发展新质生产力？', '人才怎么引进？', '新质生产力“新”在哪里？', '资金往哪儿去？', '有哪几个方面？']) {
      expect(expectedAnswerTypes(q), q).toEqual([]);
    }
  });
});

describe('givesAnswerOfType', () => {
  it('finds figures, dates and places that the question itself does not name', () => {
    expect(givesAnswerOfType('全省清洁能源装机占比超过九成。', 'number', '装机占比是多少？')).toBe(true);
    expect(givesAnswerOfType('要加快清洁能源发展。', 'number', '装机是多少？')).toBe(false);
    expect(givesAnswerOfType('2024年1月31日,会议召开。', 'time', '哪一年召开？')).toBe(true);
    expect(givesAnswerOfType('项目落在西宁经济技术开发区。', 'place', '项目落在青海哪个地方？')).toBe(true);
    // The place the question names is not the place it asks for.
    expect(givesAnswerOfType('青海要建设电池生产线。', 'place', '生产线会落在青海哪个地方？')).toBe(false);
    expect(givesAnswerOfType('建设10吉瓦时储能项目。', 'number', '10吉瓦时储能项目是哪一年建成的？')).toBe(false);
  });
});
