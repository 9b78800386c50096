import { beforeAll, describe, expect, it } from 'vitest';
import { QuoteVerifier } from '../../src/check/verify-quote.js';
import type { Article } from '../../src/corpus/parse-article.js';
import { loadTestIndex } from '../support/test-index.js';

let verifier: QuoteVerifier;
let article: Article;
beforeAll(async () => {
  article = (await loadTestIndex()).article;
  verifier = new QuoteVerifier(article);
});

describe('QuoteVerifier.verify', () => {
  it('finds a quote typed with full-width punctuation and reports source offsets', () => {
    const r = verifier.verify('青海最大的短板就是科技创新能力不足，科技成果转化能力欠缺');
    expect(r).toMatchObject({ found: true, exact: false, speaker: '李娜', role: 'expert', quoting: null, score: 1 });
    if (!r.found) throw new Error('unreachable');
    expect(article.paragraphs[r.paragraph]!.text.slice(r.start, r.end)).toBe(r.matched);
    expect(r.matched).toBe('青海最大的短板就是科技创新能力不足,科技成果转化能力欠缺');
  });

  it('says exact when the quote is the source to the letter', () => {
    expect(verifier.verify('平台经济的核心是共享经济')).toMatchObject({ found: true, exact: true, speaker: '魏晓强' });
  });

  it('finds a quote in its display form, the source’s inner quotation marks shown as ‘’', () => {
    const r = verifier.verify('青海拥有‘水丰、光富、风好、地广’的自然资源禀赋优势');
    expect(r).toMatchObject({ found: true, speaker: '李娜', score: 1 });
    if (!r.found) throw new Error('unreachable');
    expect(r.matched).toBe('青海拥有“水丰、光富、风好、地广”的自然资源禀赋优势');
  });

  it('names whom the expert was quoting', () => {
    expect(verifier.verify('新质生产力是创新起主导作用')).toMatchObject({ found: true, speaker: '李娜', quoting: '习近平' });
    expect(verifier.verify('在发展新质生产力方面,青海最大的短板')).toMatchObject({ found: true, quoting: null });
  });

  it('names the person reported without quotation marks, by the rule citations use', () => {
    // 李娜 reports 习近平's words after `并强调,`: they are his, though not in quotation marks.
    expect(verifier.verify('要防止一哄而上、泡沫化')).toMatchObject({ found: true, speaker: '李娜', quoting: '习近平' });
    // Her own narration that names him (`要对标习近平总书记……,牢记……`) is hers.
    expect(verifier.verify('牢记高质量发展是新时期的硬道理')).toMatchObject({ found: true, speaker: '李娜', quoting: null });
    // The lead-in (who, when, which verb) is hers too, so a quote holding it is hers.
    expect(verifier.verify('习近平总书记参加江苏代表团审议时强调要因地制宜发展新质生产力')).toMatchObject({ found: true, quoting: null });
  });

  it('matches across a page-break split, white space and Traditional characters', () => {
    expect(verifier.verify('推进建设“无人车间”“黑灯工厂”和大型AI 数字应用')).toMatchObject({ found: true, speaker: '王中毅' });
    expect(verifier.verify('坚持“一地一案”“一链一策”')).toMatchObject({ found: true, speaker: '马冠奎' });
    expect(verifier.verify('平臺經濟的核心是共享經濟')).toMatchObject({ found: true, speaker: '魏晓强' });
  });

  it('ignores the quotation marks and end punctuation people paste around a quote', () => {
    expect(verifier.verify('“产业是生产力的载体。”')).toMatchObject({ found: true, speaker: '秦睿', role: 'host' });
  });

  it('attributes the editor\'s note and the guest list', () => {
    expect(verifier.verify('对于青海这个西部经济欠发达省份来说')).toMatchObject({ found: true, speaker: '编者', role: 'editor' });
    expect(verifier.verify('李娜:青海省委党校经济教研部副教授')).toMatchObject({ found: true, speaker: '李娜' });
  });

  it('does not find a paraphrase, and gives the nearest passage with a score below 1', () => {
    const r = verifier.verify('刘畅认为青海应当放弃传统产业');
    expect(r.found).toBe(false);
    if (r.found) throw new Error('unreachable');
    expect(r.nearest).not.toBeNull();
    expect(r.nearest!.score).toBeGreaterThan(0);
    expect(r.nearest!.score).toBeLessThan(1);
    expect(r.nearest!.matched).toContain('放弃传统产业');
    expect(article.paragraphs[r.nearest!.paragraph]!.text.slice(r.nearest!.start, r.nearest!.end)).toBe(r.nearest!.matched);
  });

  it('narrows a near miss to the words it was taken from and says what changed, as /api/check does', () => {
    const r = verifier.verify('“科技对经济增长贡献处在全国较低水平”');
    expect(r).toMatchObject({ found: false, status: 'altered' });
    if (r.found) throw new Error('unreachable');
    expect(r.nearest).toMatchObject({ speaker: '李娜', matched: '科技对经济增长贡献处于全国较低水平' });
    expect(r.nearest!.similarity).toBeGreaterThan(0.9);
    expect(r.score).toBeGreaterThan(0.8);
    // Inserted words are located in the quote as submitted, its marks included.
    expect(r.nearest!.changes).toEqual([
      { type: 'deleted', kind: 'wording', text: '于', start: expect.any(Number), end: expect.any(Number) },
      { type: 'inserted', kind: 'wording', text: '在', start: 11, end: 12 },
    ]);
  });

  it('gives a quote that is not in the article the nearest whole sentence, without the turn label', () => {
    const r = verifier.verify('人才才是创新的源泉和动力所在');
    expect(r).toMatchObject({ found: false, status: 'not_found' });
    if (r.found) throw new Error('unreachable');
    expect(r.nearest).toMatchObject({ speaker: '秦睿', matched: '人才是创新的根基。' });
  });

  it('finds an elided quote whose pieces stand in order in one turn', () => {
    const r = verifier.verify('当前其他要素产出效率无法显著提升的增长路径下...拉动力量不足');
    expect(r).toMatchObject({ found: true, status: 'verbatim', elided: true, speaker: '李娜', exact: false });
    if (!r.found) throw new Error('unreachable');
    expect(r.parts!.map((p) => p.matched)).toEqual(['当前其他要素产出效率无法显著提升的增长路径下', '拉动力量不足']);
  });

  it('finds nothing near a text unlike anything in the article', () => {
    expect(verifier.verify('hello')).toEqual({ found: false, status: 'not_found', exact: false, score: 0, nearest: null });
    expect(verifier.verify('   ')).toEqual({ found: false, status: 'not_found', exact: false, score: 0, nearest: null });
  });

  it('counts how often a short quote occurs', () => {
    const r = verifier.verify('新质生产力');
    expect(r.found && r.occurrences).toBeGreaterThan(10);
  });
});
