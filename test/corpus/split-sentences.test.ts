import fc from 'fast-check';
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

describe('splitSentences by code unit', () => {
  it('splits as the character patterns did, on every mix of marks, closings, surrogates and text', () => {
    const END = /[。？！；?;!]/u;
    const CLOSE = /[”’」』）)"'》]/u;
    const reference = (text: string) => {
      const spans: Array<{ start: number; end: number }> = [];
      let start = 0;
      let i = 0;
      while (i < text.length) {
        if (END.test(text[i]!)) {
          let end = i + 1;
          while (end < text.length && (END.test(text[end]!) || CLOSE.test(text[end]!))) end++;
          spans.push({ start, end });
          start = end;
          i = end;
          continue;
        }
        i++;
      }
      if (start < text.length && text.slice(start).trim() !== '') spans.push({ start, end: text.length });
      return spans;
    };
    const unit = fc.constantFrom(...'甲乙。？！；?;!”’」』）)"\'》，, \n'.split(''), '\ud83d\ude00', '\ud840');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }).map((u) => u.join('')), (text) => {
        expect(splitSentences(text)).toEqual(reference(text));
      }),
      { numRuns: 2_000 },
    );
  });
});
