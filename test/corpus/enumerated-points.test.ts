import { describe, expect, it } from 'vitest';
import { askedPoint, countedParts, paragraphsTakingUp, parallelOpenings, pointMarkers, pointPattern } from '../../src/corpus/enumerated-points.js';

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

describe('parallelOpenings', () => {
  it('takes openings with the same words at about the same place for items of one list', () => {
    expect(parallelOpenings(['城市更新方面，要加快旧城改造。', '乡村振兴方面，要发展特色产业。', '生态保护方面，要守住生态红线。'])).toBe(true);
    expect(parallelOpenings(['一是加强规划。', '二是完善机制。', '三是优化服务。'])).toBe(true);
  });

  it('does not take a preamble for an item', () => {
    expect(parallelOpenings(['改革是发展的关键所在。', '以开放为引领，通过改革扩大合作。', '以创新为动力，通过改革激发活力。'])).toBe(false);
    expect(parallelOpenings(['要从以下几方面下功夫。', '一要优化机制。', '二要加强攻关。'])).toBe(false);
  });
});

describe('countedParts', () => {
  it('reads the parts a sentence names in one breath and counts, after what opens them', () => {
    expect(countedParts('我们的优势主要在人才储备、交通区位和产业配套三个方面。')).toEqual(['人才储备', '交通区位', '产业配套']);
    expect(countedParts('要从资金、土地以及用工两大环节入手')).toBeNull();
    expect(countedParts('要从资金、土地以及用工三大环节入手')).toEqual(['资金', '土地', '用工']);
    expect(countedParts('包括数字经济和平台经济两个领域')).toEqual(['数字经济', '平台经济']);
  });

  it('reads nothing when the count is not the parts\' number or no parts are named', () => {
    expect(countedParts('我讲两点。')).toBeNull();
    expect(countedParts('这三个方面都很重要。')).toBeNull();
  });
});

describe('paragraphsTakingUp', () => {
  const p = (text: string, speaker = '甲', labelEnd = 0) => ({ text, speaker, kind: 'turn', labelEnd });
  it('finds the speaker\'s paragraphs that take up counted parts one by one, each opening with words of its part', () => {
    const paragraphs = [p('甲：我们的优势主要在人才储备、交通区位和产业配套三个方面。', '甲', 2), p('人才是第一资源。'), p('交通方面，高铁已通。'), p('产业配套日趋完善。')];
    expect(paragraphsTakingUp(paragraphs, 0, ['人才储备', '交通区位', '产业配套'])).toEqual(paragraphs.slice(1));
  });
  it('finds none when a paragraph opens with something else, or another speaker takes over', () => {
    const off = [p('甲：优势在人才储备、交通区位和产业配套三个方面。', '甲', 2), p('人才是第一资源。'), p('另外还要说一句。'), p('产业配套日趋完善。')];
    expect(paragraphsTakingUp(off, 0, ['人才储备', '交通区位', '产业配套'])).toBeNull();
    const other = [p('甲：优势在人才储备、交通区位和产业配套三个方面。', '甲', 2), p('人才是第一资源。'), p('乙：交通方面，高铁已通。', '乙', 2), p('产业配套日趋完善。')];
    expect(paragraphsTakingUp(other, 0, ['人才储备', '交通区位', '产业配套'])).toBeNull();
  });
});
