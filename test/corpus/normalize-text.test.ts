import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldCharacter, foldForMatching, foldText, normalizeForSearch } from '../../src/corpus/normalize-text.js';

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

describe('folding by code unit', () => {
  // The folds as first written: a string per character (`for…of`), each folded by foldCharacter.
  const reference = {
    foldText: (source: string) => [...source].map(foldCharacter).join(''),
    foldForMatching: (source: string) => {
      let text = '';
      const sourceIndex: number[] = [];
      let offset = 0;
      for (const ch of source) {
        const folded = foldCharacter(ch);
        for (let i = 0; i < folded.length; i++) sourceIndex.push(offset);
        text += folded;
        offset += ch.length;
      }
      sourceIndex.push(offset);
      return { text, sourceIndex };
    },
    normalizeForSearch: (source: string) => {
      let out = '';
      for (const ch of source) {
        if (/\s/u.test(ch)) {
          if (!out.endsWith(' ')) out += ' ';
          continue;
        }
        out += foldCharacter(ch);
      }
      return out.trim();
    },
  };
  // Chinese in both scripts, full-width and half-width marks, white space of every kind, letters,
  // characters NFKC expands, pairs of surrogates and lone ones.
  const unit = fc.constantFrom(...'青海發展新质生產力“”‘’「」，。？！,.?!ＡＢａb1２ \t\n\u3000\u00a0\u2028\ufeff㎡ﷺ・•'.split(''), '\ud840\udc0b', '\ud83d\ude00', '\ud840', '\udc0b', 'x');
  const text = fc.array(unit, { maxLength: 40 }).map((units) => units.join(''));

  it('folds every text as folding it character by character does', () => {
    fc.assert(
      fc.property(text, (source) => {
        expect(foldText(source)).toBe(reference.foldText(source));
        expect(foldForMatching(source)).toEqual(reference.foldForMatching(source));
        expect(normalizeForSearch(source)).toBe(reference.normalizeForSearch(source));
      }),
      { numRuns: 2_000 },
    );
  });
});
