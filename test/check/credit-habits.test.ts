import { beforeAll, describe, expect, it } from 'vitest';
import { TextChecker } from '../../src/check/check-text.js';
import { alignedWindow } from '../../src/check/diff-text.js';
import { QuoteVerifier } from '../../src/check/verify-quote.js';
import { loadArticle } from '../../src/corpus/parse-article.js';
import { testConfig } from '../support/test-index.js';

/**
 * Habits of writers the credit reader follows beyond the plain `NAME说：“……”`: a sentence subject
 * whose paragraph goes on quoting them, relayed words, a person taken up as an object, a credit
 * after the quotation that names the person's words or unit, pronouns, and a near quotation whose
 * first words also stand earlier in a long source sentence.
 */

let checker: TextChecker;

beforeAll(async () => {
  const { article } = await loadArticle(testConfig().corpusPath);
  checker = new TextChecker(article, new QuoteVerifier(article));
});

describe('credits carried from the subject of a sentence', () => {
  it('credits the quotations of a paragraph to the person its sentence opens with, unsure, until the paragraph ends', () => {
    const text =
      '省社科院的刘畅把讨论带到了生态上。“生态是青海高质量发展的重要依托。”说到能源，还要看到“绿色低碳是青海能源转型发展的主旋律”。\n\n' +
      '“平台经济的核心是共享经济。”';
    const [a, b, c] = checker.check(text).quotations;
    expect(a).toMatchObject({ claimed: '刘畅', claimConfidence: 0.7, attribution: 'correct' });
    expect(b).toMatchObject({ claimed: '刘畅', claimConfidence: 0.7 });
    expect(c).toMatchObject({ claimed: null, attribution: 'unclaimed' });
  });

  it('carries from a subject introduced with another description first (`另一位专家、省社科院的刘畅`)', () => {
    const [a] = checker.check('另一位专家、省社科院的刘畅则谈起了生态。“生态是青海高质量发展的重要依托。”').quotations;
    expect(a).toMatchObject({ claimed: '刘畅', attribution: 'correct' });
  });

  it('does not carry from a person named only as a possessive or after someone else', () => {
    const [a] = checker.check('刘畅的发言很精彩。“平台经济的核心是共享经济。”').quotations;
    expect(a).toMatchObject({ claimed: null });
  });
});

describe('two people before one quotation', () => {
  it('credits the one who agrees, not the one whose view is agreed with (`A对B的看法表示认同：`)', () => {
    // 刘畅 said it; the text has 任君 say it while agreeing with 刘畅: a misattribution to catch.
    const [a] = checker.check('任君对刘畅的看法表示认同：“生态是青海高质量发展的重要依托。”').quotations;
    expect(a).toMatchObject({ claimed: '任君', attribution: 'wrong', speaker: '刘畅', alsoNamed: ['刘畅'] });
  });

  it('still credits a heading that names whose view follows (`【刘畅的观点】`)', () => {
    const [a] = checker.check('【刘畅的观点】\n1. “生态是青海高质量发展的重要依托。”').quotations;
    expect(a).toMatchObject({ claimed: '刘畅', attribution: 'correct' });
  });

  it('credits relayed words to the one whose words they are, and to the relayer when the article has them quoting', () => {
    const [a] = checker.check('主持人在小结时援引刘畅的说法：“生态是青海高质量发展的重要依托。”').quotations;
    expect(a).toMatchObject({ claimed: '刘畅', attribution: 'correct', alsoNamed: ['秦睿'] });
    const [b] = checker.check('秦睿援引马冠奎的说法：“生态是青海高质量发展的重要依托。”').quotations;
    expect(b).toMatchObject({ claimed: '马冠奎', attribution: 'wrong' });
  });

  it('takes a person whose point is taken up (顺着, 接过) or who is compared with as an object, not the speaker', () => {
    const [a] = checker.check('李娜顺着刘畅的思路说：“生态是青海高质量发展的重要依托。”').quotations;
    expect(a).toMatchObject({ claimed: '李娜', attribution: 'wrong', alsoNamed: ['刘畅'] });
    const [b] = checker.check('马冠奎接过魏晓强的话茬补充道：“平台经济的核心是共享经济。”').quotations;
    expect(b).toMatchObject({ claimed: '马冠奎', attribution: 'wrong' });
  });
});

describe('pronouns', () => {
  it('reads 他/她 as the last subject, not a person named as an object, and as the one asked', () => {
    const [a] = checker.check('马冠奎在回应魏晓强时又谈了一点。他说：“五要加强科技人才队伍建设。”').quotations;
    expect(a).toMatchObject({ claimed: '马冠奎', claimedAs: '他', attribution: 'correct' });
    const [b] = checker.check('跟李娜谈短板不同，刘畅更看重优势。她说：“生态是青海高质量发展的重要依托。”').quotations;
    expect(b).toMatchObject({ claimed: '刘畅', attribution: 'correct' });
    const [c] = checker.check('主持人请教李娜短板在哪里。她说：“青海最大的短板就是科技创新能力不足。”').quotations;
    expect(c).toMatchObject({ claimed: '李娜', attribution: 'correct' });
  });
});

describe('credits after the closing mark', () => {
  it('reads the person whose words are named after the quotation (`NAME的这番话`)', () => {
    const [a] = checker.check('“平台经济的核心是共享经济”，魏晓强的这番话点出了关键。').quotations;
    expect(a).toMatchObject({ claimed: '魏晓强', attribution: 'correct' });
  });

  it('reads a name after the quotation with the unit before it (`单位的马处长如是说`)', () => {
    const [a] = checker.check('李娜讲了短板。“五要加强科技人才队伍建设”，科技厅的马处长如是说。').quotations;
    expect(a).toMatchObject({ claimed: '马冠奎', claimedAs: '马处长', attribution: 'correct' });
  });
});

describe('near quotations in a long source sentence', () => {
  it('aligns to the densest stretch of matches, not to words that also stand earlier in the sentence', () => {
    const source = '红色发展不足、蓝色能力待提升、绿色还有限，红色、蓝色、绿色的方案还需统一推进、一起发力';
    const copy = '红色、蓝色、绿色的方案还需统一推进、一起用力';
    const window = alignedWindow(source, copy)!;
    expect(source.slice(window.start, window.end)).toBe('红色、蓝色、绿色的方案还需统一推进、一起发力');
  });

  it('checks such a quotation as altered with the one change it makes', () => {
    const [q] = checker.check('李娜说，要“对新质生产力进行总结、概括，用以指导新的发展方向”。').quotations;
    expect(q).toMatchObject({ status: 'altered', speaker: '李娜' });
    expect(q!.source!.text.startsWith('对新质生产力进行总结')).toBe(true);
    expect(q!.source!.changes!.map((c) => [c.type, c.text])).toEqual([
      ['deleted', '实践'],
      ['inserted', '方向'],
    ]);
  });
});
