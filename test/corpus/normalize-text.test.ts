import { describe, expect, it } from 'vitest';
import { foldForMatching, foldText, normalizeForSearch } from '../../src/corpus/normalize-text.js';

describe('foldText', () => {
  it('folds full-width punctuation to the source\'s half-width forms', () => {
    expect(foldText('不足，科技：（博士）？')).toBe(foldText('不足,科技:(博士)?'));
  });
  it('drops white space of every kind', () => {
    expect(foldText('全面对接 RCEP\u3000协定\n')).toBe('全面对接rcep协定');
  });
  it('folds Traditional characters to Simplified', () => {
    expect(foldText('青海發展新質生產力有哪些優勢？')).toBe(foldText('青海发展新质生产力有哪些优势?'));
  });
  it('treats all quotation-mark styles as one', () => {
    expect(foldText('「揭榜挂帅」')).toBe(foldText('“揭榜挂帅”'));
  });
});

describe('foldForMatching', () => {
  it('maps every folded unit back to its source offset', () => {
    const source = 'A， B（C）';
    const { text, sourceIndex } = foldForMatching(source);
    expect(text).toBe('a,b(c)');
    expect([...text].map((_, i) => source[sourceIndex[i]!])).toEqual(['A', '，', 'B', '（', 'C', '）']);
    expect(sourceIndex.at(-1)).toBe(source.length);
  });
});

describe('normalizeForSearch', () => {
  it('keeps one space between Latin words', () => {
    expect(normalizeForSearch('对接  RCEP   规则')).toBe('对接 rcep 规则');
  });
});
