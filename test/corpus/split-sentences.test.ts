import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/corpus/split-sentences.js';

const pieces = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('ends sentences at 。？！； and the half-width ?;!', () => {
    expect(pieces('一。二？三！四；五?六;七')).toEqual(['一。', '二？', '三！', '四；', '五?', '六;', '七']);
  });
  it('keeps a closing quotation mark with the sentence it ends', () => {
    expect(pieces('他指出“要创新。”我们同意。')).toEqual(['他指出“要创新。”', '我们同意。']);
  });
  it('covers the whole text without gaps', () => {
    const text = '甲,乙。丙?丁';
    expect(pieces(text).join('')).toBe(text);
  });
});
