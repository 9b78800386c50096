import { describe, expect, it } from 'vitest';
import { askedPoint, pointMarkers, pointPattern } from '../../src/corpus/enumerated-points.js';

describe('pointMarkers', () => {
  it('reads the ordinal words that open a point at a sentence or clause break', () => {
    const text = '要从几方面入手。一是加强规划;二要抓好落实。第三,做好评估。';
    expect(pointMarkers(text).map((m) => [m.ordinal, text.slice(m.at, m.at + 2)])).toEqual([
      [1, '一是'],
      [2, '二要'],
      [3, '第三'],
    ]);
    expect(pointMarkers('一方面要开放,另一方面要合作。').map((m) => m.ordinal)).toEqual([1]);
    expect(pointMarkers('一方面要开放。另一方面要合作。首先,规划。其次,落实。').map((m) => m.ordinal)).toEqual([1, 2, 1, 2]);
  });

  it('does not take a numeral inside a sentence for a point', () => {
    expect(pointMarkers('建设产业“四地”,三是重点。')).toEqual([]);
  });
});

describe('askedPoint', () => {
  it('reads the point a question asks for, not a part of the article or a host question', () => {
    expect(askedPoint('他说的第二要做的是什么?')).toBe(2);
    expect(askedPoint('那第三呢?')).toBe(3);
    expect(askedPoint('第二部分讲什么?')).toBeNull();
    expect(askedPoint('第二个问题是谁回答的?')).toBeNull();
    expect(askedPoint('人才怎么引进?')).toBeNull();
  });
});

describe('pointPattern', () => {
  it('matches the clause that makes the point', () => {
    expect(pointPattern(3).test('三要持续推进平台建设。')).toBe(true);
    expect(pointPattern(2).test('一方面要开放。另一方面要合作。')).toBe(true);
    expect(pointPattern(2).test('三要持续推进平台建设。')).toBe(false);
  });
});
