import { beforeAll, describe, expect, it } from 'vitest';
import { TextChecker } from '../../src/check/check-text.js';
import { changeKind } from '../../src/check/closest-passage.js';
import { findQuotations } from '../../src/check/find-quotations.js';
import { QuoteVerifier } from '../../src/check/verify-quote.js';
import { loadArticle } from '../../src/corpus/parse-article.js';
import { CHECK_TEXT_CASES, EDGE_TEXTS, expectReport } from '../support/check-texts.js';
import { testConfig } from '../support/test-index.js';

let checker: TextChecker;
let paragraphs: Array<{ text: string }>;

beforeAll(async () => {
  const { article } = await loadArticle(testConfig().corpusPath);
  checker = new TextChecker(article, new QuoteVerifier(article));
  paragraphs = article.paragraphs;
});

describe('findQuotations', () => {
  it('pairs every kind of mark, keeps the outermost of nested ones and runs across line breaks', () => {
    const text = '甲说“一‘二’三”，乙说「四\n五」，丙说『六』，丁说"七"。';
    const { quotations, unclosed } = findQuotations(text);
    expect(quotations.map((q) => text.slice(q.start, q.end))).toEqual(['一‘二’三', '四\n五', '六', '七']);
    expect(unclosed).toBe(0);
  });

  it('reads a quotation over several paragraphs (each opens, only the last closes) as one part per paragraph', () => {
    const text = '他说：\n“甲。\n\n“乙。\n“丙。”\n“丁”';
    const { quotations, unclosed } = findQuotations(text);
    expect(quotations.map((q) => [text.slice(q.start, q.end), q.paragraph])).toEqual([
      ['甲。', { index: 0, count: 3 }],
      ['乙。', { index: 1, count: 3 }],
      ['丙。', { index: 2, count: 3 }],
      ['丁', undefined],
    ]);
    expect(unclosed).toBe(0);
    // A paragraph that never closes at all is still unclosed.
    expect(findQuotations('“甲。\n\n“乙。').unclosed).toBe(1);
  });

  it('ignores a closing mark with no opening one and counts opening marks never closed', () => {
    const { quotations, unclosed } = findQuotations('don’t “open 」 and “inner” ');
    expect(quotations).toHaveLength(1);
    expect(unclosed).toBe(1);
  });
});

describe('TextChecker.check', () => {
  for (const testCase of CHECK_TEXT_CASES) {
    it(`checks every quotation of a ${testCase.genre}`, () => {
      expectReport(checker.check(testCase.text), testCase, paragraphs);
    });
  }

  it('counts statuses and attributions in the summary, and is not ok with a wrong or invented quotation', () => {
    const result = checker.check(CHECK_TEXT_CASES[2]!.text);
    expect(result.summary).toMatchObject({ quotations: 3, status: { verbatim: 1, altered: 1, not_found: 1 }, attribution: { correct: 2 } });
    expect(result.ok).toBe(false);
    expect(checker.check(CHECK_TEXT_CASES[0]!.text).ok).toBe(true);
  });

  it('names the nearest passage of a quotation that is not in the article', () => {
    const [invented] = checker.check(CHECK_TEXT_CASES[2]!.text).quotations;
    expect(invented!.source).toBeNull();
    expect(invented!.nearest?.score).toBeLessThan(0.6);
  });

  for (const edge of EDGE_TEXTS) {
    it(`gives a clean report for ${edge.name}`, () => {
      const result = checker.check(edge.text);
      expect(result.quotations).toHaveLength(edge.quotations);
      expect(result.summary.quotations).toBe(edge.quotations);
    });
  }

  it('credits words reported without quotation marks to the person reported, as verify and citations do', () => {
    const [reported, narrated] = checker.check(
      '在江苏代表团，习近平总书记提醒：“不要搞一种模式。”另据报道，习近平总书记曾说：“高质量发展是新时期的硬道理。”',
    ).quotations;
    expect(reported).toMatchObject({ claimed: '习近平', status: 'verbatim', speaker: '李娜', quoting: '习近平', attribution: 'correct' });
    // The second is 李娜's narration that names him, not his words.
    expect(narrated).toMatchObject({ claimed: '习近平', status: 'verbatim', speaker: '李娜', quoting: null, attribution: 'wrong' });
  });

  it('takes a quotation whose pieces are verbatim in order in one turn as verbatim with elision', () => {
    const [inParagraph, acrossParagraphs, outOfOrder] = checker.check(
      '李娜说：“科技成果转化能力欠缺…全要素生产率对经济增长的拉动力量不足”。' +
        '马冠奎提出：“同时，推动建立多元化投入机制……支持开展高原特色领域基础研究。”' +
        '李娜说：“全要素生产率对经济增长的拉动力量不足……科技成果转化能力欠缺”。',
    ).quotations;
    expect(inParagraph).toMatchObject({ status: 'verbatim', elided: true, speaker: '李娜', attribution: 'correct', source: { paragraph: 23 } });
    expect(inParagraph!.source!.parts).toHaveLength(2);
    expect(acrossParagraphs).toMatchObject({ status: 'verbatim', elided: true, speaker: '马冠奎', attribution: 'correct' });
    expect(acrossParagraphs!.source!.parts!.map((p) => p.paragraph)).toEqual([30, 31]);
    expect(outOfOrder!.status).not.toBe('verbatim');
    expect(outOfOrder!.elided).toBeUndefined();
  });

  it('does not join pieces said by two speakers', () => {
    const [q] = checker.check('有人说：“青海最大的短板就是科技创新能力不足……新质生产力本身是绿色生产力”。').quotations;
    expect(q!.status).not.toBe('verbatim');
  });

  it('takes consecutive sentences across a paragraph break of one speaker’s turn as verbatim', () => {
    const [q] = checker.check('刘畅说：“孵化培育新质生产力的内生动力不断加强。青海发展新质生产力的优势主要在生态优势、产业基础和能源优势三个方面。生态是青海高质量发展的重要依托。”').quotations;
    expect(q).toMatchObject({ status: 'verbatim', speaker: '刘畅', attribution: 'correct' });
    expect(q!.elided).toBeUndefined();
    expect(q!.source!.parts!.map((p) => p.paragraph)).toEqual([19, 20]);
    expect(paragraphs[20]!.text.startsWith(q!.source!.parts![1]!.text)).toBe(true);
  });

  it('flags a changed figure apart from changed punctuation or wording, and is not accurate with it', () => {
    const result = checker.check(
      '王中毅说：“总投资500亿元的光伏垂直一体化大基地项目顺利落地”。' +
        '马冠奎说：“坚持“一地一案”“一链多策””。' +
        '魏晓强说：“平台经济的核心是共享经济!!”',
    );
    const [figure, wording] = result.quotations;
    expect(figure).toMatchObject({ status: 'altered', figureChanged: true, attribution: 'correct' });
    expect(figure!.source!.changes!.map((c) => c.kind)).toEqual(['number', 'number']);
    expect(wording).toMatchObject({ status: 'altered' });
    expect(wording!.figureChanged).toBeUndefined();
    expect(wording!.source!.changes!.every((c) => c.kind === 'wording')).toBe(true);
    expect(result.summary.figureChanged).toBe(1);
    // `ok` keeps its meaning (nothing invented or misattributed); `accurate` also wants the figures right.
    expect(result).toMatchObject({ ok: true, accurate: false });
  });

  it('reads a surname with a post or a form of address as the one guest who has both', () => {
    const result = checker.check('魏处长指出：“平台经济的核心是共享经济”。马处长补充：“坚持“一地一案”“一链一策””。王处长说：“五要加强科技人才队伍建设”。');
    expect(result.quotations.map((q) => [q.claimed, q.claimedAs, q.attribution])).toEqual([
      ['魏晓强', '魏处长', 'correct'],
      ['马冠奎', '马处长', 'correct'],
      // 王中毅 is a 副主任, not a 处长: the text names no one the article has.
      [null, null, 'unclaimed'],
    ]);
  });

  it('credits every quotation of one sentence to the person it names once', () => {
    const [first, second] = checker.check('刘畅谈到，青海“以生态优势推动新质生产力加快发展的动力更强”，而且“在能源转型方面积累了一定的经验”。').quotations;
    expect(first).toMatchObject({ claimed: '刘畅', attribution: 'correct' });
    expect(second).toMatchObject({ claimed: '刘畅', attribution: 'correct' });
    // A new sentence needs a name of its own.
    const [, next] = checker.check('刘畅谈到，青海“以生态优势推动新质生产力加快发展的动力更强”。文章还说“在能源转型方面积累了一定的经验”。').quotations;
    expect(next).toMatchObject({ claimed: null, attribution: 'unclaimed' });
  });

  it('reads a joint attribution as everyone it names and says who of them did not say it', () => {
    const [q] = checker.check('王中毅和马冠奎都强调，“五要加强科技人才队伍建设”。').quotations;
    expect(q).toMatchObject({ claimed: '马冠奎', claimedAs: '王中毅和马冠奎', claimedAll: ['王中毅', '马冠奎'], notSaidBy: ['王中毅'], attribution: 'correct' });
  });

  it('reads a denial as the claim that the person did not say it', () => {
    const [accurate, false_] = checker.check('任君从未讲过“平台经济的核心是共享经济”。魏晓强并没有提到“平台经济的核心是共享经济”。').quotations;
    expect(accurate).toMatchObject({ claimed: '任君', negated: true, speaker: '魏晓强', attribution: 'correct' });
    expect(false_).toMatchObject({ claimed: '魏晓强', negated: true, speaker: '魏晓强', attribution: 'wrong' });
  });

  it('names as nearest a whole sentence, without the turn label, for a quotation not in the article', () => {
    const [q] = checker.check('主持人说：“人才才是创新的源泉和动力所在”').quotations;
    expect(q).toMatchObject({ status: 'not_found', nearest: { text: '人才是创新的根基。', speaker: '秦睿' } });
  });

  it('reads a pronoun as the last person named, and a title as the guest who has it', () => {
    const result = checker.check('刘畅谈到开放。她说：“一方面是要加强对内合作”。科学技术厅的一位副处长表示：“五要加强科技人才队伍建设”。');
    expect(result.quotations.map((q) => [q.claimed, q.claimedAs, q.attribution])).toEqual([
      ['刘畅', '她', 'correct'],
      ['马冠奎', '科学技术厅的一位副处长', 'correct'],
    ]);
  });
});

describe('TextChecker.check: credits where writers put them', () => {
  it('gives every paragraph of a quotation over several paragraphs the one credit, before or after it', () => {
    const result = checker.check('马冠奎说：\n“一要优化自主创新能力提升的机制保障。\n\n“二要加强基础研究和产业技术攻关。”\n\n“生态是青海高质量发展的重要依托。\n\n“平台经济的核心是共享经济。”——魏晓强');
    expect(result.quotations.map((q) => [q.claimed, q.attribution, q.paragraph?.index])).toEqual([
      ['马冠奎', 'correct', 0],
      ['马冠奎', 'correct', 1],
      ['魏晓强', 'wrong', 0],
      ['魏晓强', 'correct', 1],
    ]);
    expect(result.summary.unclosed).toBe(0);
  });

  it('keeps a parenthetical credit on its own line, never the line above', () => {
    const [a, b] = checker.check('“绿色低碳是青海能源转型发展的主旋律。”（刘畅）\n“平台经济的核心是共享经济。”（魏晓强）').quotations;
    expect([a!.claimed, b!.claimed]).toEqual(['刘畅', '魏晓强']);
    expect(b!.claimConfidence).toBeUndefined();
  });

  it('carries a lead sentence’s credit over the quotations after it, unsure, until another person is named', () => {
    const result = checker.check('马冠奎谈了几点看法：\n1. “一要优化自主创新能力提升的机制保障。”\n2. “五要加强科技人才队伍建设。”\n魏晓强认为改革是关键。“平台经济的核心是共享经济。”');
    expect(result.quotations.map((q) => [q.claimed, q.claimedBy, q.claimConfidence])).toEqual([
      ['马冠奎', '马冠奎', 0.9],
      ['马冠奎', '马冠奎', 0.9],
      ['魏晓强', '魏晓强', 0.8],
    ]);
  });

  it('carries the credit of the quotation on the line before, unsure', () => {
    const [a, b] = checker.check('刘畅：“生态是青海高质量发展的重要依托。”\n“平台经济的核心是共享经济。”').quotations;
    expect(a!.claimConfidence).toBeUndefined();
    expect(b).toMatchObject({ claimed: '刘畅', claimedBy: '刘畅', claimConfidence: 0.8, attribution: 'wrong' });
  });

  it('credits the subject of the speech verb over a person named as its object, and notes the other', () => {
    const [q] = checker.check('李娜在回应主持人的提问时说：“青海最大的短板就是科技创新能力不足。”').quotations;
    expect(q).toMatchObject({ claimed: '李娜', attribution: 'correct', alsoNamed: ['秦睿'], claimedBy: '李娜' });
    expect(q!.claimConfidence).toBeLessThan(1);
  });
});

describe('TextChecker.check: quoted terms', () => {
  it('looks a short quoted term up as a term, in the article or not, never as an invented quotation', () => {
    const result = checker.check('青海要建设产业“四地”，有人把这叫作“绿能经济”。他说：“好的”。刘畅说：“生态是青海高质量发展的重要依托。”');
    expect(result.terms.map((t) => [t.text, t.inArticle])).toEqual([
      ['四地', true],
      ['绿能经济', false],
    ]);
    expect(result.quotations.map((q) => q.text.slice(0, 4))).toEqual(['好的', '生态是青']);
    expect(result.summary.terms).toEqual({ inArticle: 1, notInArticle: 1 });
    expect(result.summary.quotations).toBe(2);
  });
});

describe('changeKind', () => {
  it('tells a number from wording by what stands beside a Chinese numeral', () => {
    expect(changeKind('优势三个方面', 2, 3)).toBe('number');
    expect(changeKind('排在第二位', 3, 4)).toBe('number');
    expect(changeKind('总投资400亿元', 3, 4)).toBe('number');
    expect(changeKind('集中统一领导', 3, 4)).toBe('wording');
    expect(changeKind('一链一策', 2, 3)).toBe('wording');
    expect(changeKind('甲，乙', 1, 2)).toBe('punctuation');
  });
});
