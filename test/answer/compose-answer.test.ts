import { beforeAll, describe, expect, it } from 'vitest';
import { makeCitation } from '../../src/answer/citations.js';
import { composeLines } from '../../src/answer/compose-answer.js';
import type { Article } from '../../src/corpus/parse-article.js';
import { loadTestIndex } from '../support/test-index.js';

let article: Article;
beforeAll(async () => {
  article = (await loadTestIndex()).article;
});

/** A citation of the first paragraph of `speaker` that contains `words`, spanning them. */
function cite(n: number, speaker: string, words: string) {
  const p = article.paragraphs.find((x) => x.speaker === speaker && x.text.includes(words))!;
  const start = p.text.indexOf(words);
  return makeCitation(article, n, p.id, start, start + words.length);
}

describe('composeLines', () => {
  it('shows the display form of a quote, with …… outside the marks where its sentence goes on', () => {
    const c = cite(1, '李娜', '先立后破、因地制宜、分类指导');
    expect(c.quote).toBe('先立后破、因地制宜、分类指导');
    const answer = composeLines(article, [cite(1, '刘畅', '毋庸讳言,在现实中还或多或少存在这样的认识误区'), { ...c, n: 2 }]);
    expect(answer).toContain('刘畅（青海省社会科学院经济研究所助理研究员）认为：“毋庸讳言，在现实中还或多或少存在这样的认识误区”……[1]');
    expect(answer).toContain('……“先立后破、因地制宜、分类指导”……[2]');
  });

  it('says 转述 only of words that are all 习近平’s, and 谈到 of the expert’s account of them', () => {
    const words = cite(1, '李娜', '发展新质生产力不是忽视、放弃传统产业,要防止一哄而上、泡沫化,也不要搞一种模式。');
    expect(words.quoting).toBe('习近平');
    expect(composeLines(article, [words])).toMatch(/^李娜（青海省委党校经济教研部副教授）转述习近平总书记的话：……“发展新质生产力不是忽视/u);
    const account = cite(1, '李娜', '3月5日,习近平总书记参加江苏代表团审议时强调要因地制宜发展新质生产力。并强调,发展新质生产力不是忽视、放弃传统产业,要防止一哄而上、泡沫化,也不要搞一种模式。');
    expect(account.quoting).toBeNull();
    expect(composeLines(article, [account])).toMatch(/^李娜（青海省委党校经济教研部副教授）谈到：“3月5日，/u);
    const narration = cite(1, '李娜', '习近平总书记对发展新质生产力多次发表重要讲话,从理论上对新质生产力进行总结、概括,用以指导新的发展实践。');
    expect(narration.quoting).toBeNull();
  });

  it('shows the source’s quotation marks inside a quote as ‘’, so that no mark is doubled or left open', () => {
    const c = cite(1, '李娜', '它由技术革命性突破');
    const whole = makeCitation(article, 1, c.paragraph, c.start, article.paragraphs[c.paragraph]!.text.length);
    expect(whole.quote.endsWith('本质是先进生产力。')).toBe(true);
    expect(whole.quoting).toBe('习近平');
    expect(composeLines(article, [whole])).not.toMatch(/””/u);
    const answer = composeLines(article, [cite(1, '李娜', '青海拥有“水丰、光富、风好、地广”的自然资源禀赋优势')]);
    expect(answer).toContain('“青海拥有‘水丰、光富、风好、地广’的自然资源禀赋优势”');
  });

  it('says that a named expert with no quote is silent on the question', () => {
    const answer = composeLines(article, [cite(1, '刘畅', '丰富的盐湖资源更为青海探索技术突破提供了良好的土壤。')], { namedExperts: ['刘畅', '任君'], terms: ['盐湖'] });
    expect(answer.split('\n')).toEqual([expect.stringMatching(/^刘畅（.*）认为：(……)?“丰富的盐湖资源/u), '访谈中任君没有谈到这一点。']);
  });

  it('answers a comparison expert by expert after the key terms both say, widened along the question', () => {
    const answer = composeLines(
      article,
      [cite(1, '马冠奎', '实施产业创新引领工程和重点产业链高质量发展行动'), cite(2, '李娜', '实施新能源、新材料等重点产业链高质量发展行动')],
      { namedExperts: ['马冠奎', '李娜'], terms: ['产业链', '行动'], query: '马冠奎和李娜对重点产业链高质量发展行动的说法有什么不同？' },
    );
    const lines = answer.split('\n');
    expect(lines[0]).toBe('两人都提到“重点产业链高质量发展行动”。');
    expect(lines.slice(1, 3).map((l) => l.slice(0, 5))).toEqual(['- 马冠奎', '- 李娜（']);
    // Asked how they differ: what each stresses closes the answer.
    expect(lines[3]).toMatch(/^各自的侧重：马冠奎说“[^”]+”\[1\]；李娜说“[^”]+”\[2\]。$/u);
  });

  it('counts in the intro only the experts it cites', () => {
    const answer = composeLines(article, [cite(1, '刘畅', '青海发展新质生产力的优势主要在生态优势、产业基础和能源优势三个方面。'), cite(2, '秦睿', '青海如何因地制宜发展新质生产力?')]);
    expect(answer.split('\n')[0]).toBe('文章中谈到这一点的有：');
  });
});
