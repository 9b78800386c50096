import { describe, expect, it } from 'vitest';
import { displaySlice, toDisplayText } from '../../src/corpus/display-text.js';

describe('toDisplayText', () => {
  it('shows the half-width ,:;?!() of Chinese text full-width', () => {
    expect(toDisplayText('要论述,是对:甲;乙?丙!(丁)')).toBe('要论述，是对：甲；乙？丙！（丁）');
  });
  it('keeps one character for one, so offsets stay valid', () => {
    const text = '李娜:习近平总书记指出“新质生产力是创新起主导作用,摆脱传统经济增长方式”。';
    expect(toDisplayText(text)).toHaveLength(text.length);
  });
  it('leaves punctuation between ASCII letters or digits alone', () => {
    expect(toDisplayText('共1,000家,10:30开会')).toBe('共1,000家，10:30开会');
    expect(toDisplayText('see (a, b)')).toBe('see (a, b)');
  });
  it('treats a comma after a closing quotation mark as Chinese', () => {
    expect(toDisplayText('“四地”,推动')).toBe('“四地”，推动');
  });
});

describe('displaySlice', () => {
  it('judges the ends of a slice by the text around it', () => {
    const text = '甲乙,丙丁';
    expect(displaySlice(text, 2, 5)).toBe('，丙丁');
    expect(displaySlice(text, 0, 3)).toBe('甲乙，');
  });
});
