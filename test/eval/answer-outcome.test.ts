import { describe, expect, it } from 'vitest';
import { isDeclined } from '../../src/eval/answer-outcome.js';

describe('isDeclined', () => {
  it('reads kind not_covered when the response has no coverage field', () => {
    expect(isDeclined({ kind: 'not_covered' })).toBe(true);
    expect(isDeclined({ kind: 'topic' })).toBe(false);
  });

  it('reads coverage when the response has it: related and none decline, whatever the kind', () => {
    expect(isDeclined({ kind: 'topic', coverage: 'related' })).toBe(true);
    expect(isDeclined({ kind: 'topic', coverage: 'none' })).toBe(true);
    expect(isDeclined({ kind: 'not_covered', coverage: 'answered' })).toBe(false);
  });
});
