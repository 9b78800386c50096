import { describe, expect, it } from 'vitest';
import {
  bestQuoteSpan,
  citationMarkers,
  leadSpan,
  leftOut,
  makeCitation,
  MarkerStreamFilter,
  quotedSpans,
  reportedPersonAt,
  rewriteMarkers,
} from '../../src/answer/citations.js';
import type { Article } from '../../src/corpus/parse-article.js';

describe('citationMarkers', () => {
  it('reads [n], [n, m] and 【n】 markers in order, each number once', () => {
    expect(citationMarkers('甲[2]，乙[1][2]，丙[3, 4]，丁【5】')).toEqual([2, 1, 3, 4, 5]);
  });
  it('ignores brackets that hold no number', () => {
    expect(citationMarkers('[注] [a] [1.5]')).toEqual([]);
  });
  it('reads numbers that only look like citations too ([100], [-1]), so they are checked', () => {
    expect(citationMarkers('甲[100]乙[-1]丙[1]')).toEqual([100, -1, 1]);
  });
});

describe('rewriteMarkers', () => {
  it('drops markers that point nowhere and normalises the rest', () => {
    expect(rewriteMarkers('甲[1]乙[9]丙[1, 9]丁【2】', (n) => (n <= 2 ? n : null))).toBe('甲[1]乙丙[1]丁[2]');
  });
  it('drops three-digit and negative numbers in brackets', () => {
    expect(rewriteMarkers('甲[100]乙[-1]丙[1]', (n) => (n >= 1 && n <= 2 ? n : null))).toBe('甲乙丙[1]');
  });
});

describe('MarkerStreamFilter', () => {
  const valid = (n: number) => (n >= 1 && n <= 2 ? n : null);
  const run = (pieces: string[]) => {
    const filter = new MarkerStreamFilter(valid);
    const sent = pieces.map((p) => filter.push(p));
    return { sent, all: sent.join('') + filter.flush() };
  };

  it('never sends a marker that points at no passage, even split across deltas', () => {
    const { sent, all } = run(['见[', '9', '9]，又见[1', '0', '0]和[-', '1]与[2]。']);
    expect(all).toBe('见，又见和与[2]。');
    expect(sent.join('')).not.toMatch(/\[(?:9|10|-)/u);
  });

  it('holds back only while a bracket may still become a marker', () => {
    const filter = new MarkerStreamFilter(valid);
    expect(filter.push('甲[1')).toBe('甲');
    expect(filter.push(']乙[注')).toBe('[1]乙[注');
    expect(filter.push('】丙[')).toBe('】丙');
    expect(filter.flush()).toBe('[');
  });
});

describe('quotedSpans', () => {
  it('returns outermost quotations, whole even with a term in quotes inside', () => {
    expect(quotedSpans('他说：“要建设产业“四地”和生态文明高地。”又说「平台经济的核心是共享经济」。')).toEqual([
      '要建设产业“四地”和生态文明高地。',
      '平台经济的核心是共享经济',
    ]);
  });
  it('leaves out short terms in quotes', () => {
    expect(quotedSpans('所谓“四地”')).toEqual([]);
  });
});

describe('bestQuoteSpan', () => {
  const paragraph = { labelEnd: 3, text: '刘畅:毋庸讳言,存在认识误区。但我们应该认识到,越是欠发达,越要深刻领会高质量发展的内涵。青海有良好的基础。' };
  const { text } = paragraph;
  it('leaves out the turn label and takes the sentence that covers the question', () => {
    const span = bestQuoteSpan(paragraph, 0, text.length, [{ text: '基础', weight: 1 }])!;
    expect(text.slice(span.start, span.end)).toBe('青海有良好的基础。');
  });
  it('takes the sentence after a turn of phrase (但…) with the one before it', () => {
    const span = bestQuoteSpan(paragraph, 0, text.length, [{ text: '误区', weight: 1 }])!;
    expect(text.slice(span.start, span.end)).toBe('毋庸讳言,存在认识误区。但我们应该认识到,越是欠发达,越要深刻领会高质量发展的内涵。');
  });
  it('keeps a quote within 200 characters by cutting an overlong sentence at clauses', () => {
    const long = `${'甲乙丙丁,'.repeat(60)}关键词在此,${'戊己庚辛,'.repeat(10)}。`;
    const span = bestQuoteSpan({ text: long, labelEnd: 0 }, 0, long.length, [{ text: '关键词', weight: 1 }])!;
    expect(span.end - span.start).toBeLessThanOrEqual(200);
    expect(long.slice(span.start, span.end)).toContain('关键词在此');
    expect(long.slice(span.start, span.end)).not.toMatch(/,$/u);
  });
  it('cuts an overlong sentence at clause ends, never inside a list of 、', () => {
    const list = '一是盐湖、二是光伏、三是锂电、四是算力';
    const long = `${'甲乙丙丁戊己庚辛壬癸,'.repeat(18)}重点在于${list},${'子丑寅卯辰巳午未申酉,'.repeat(4)}完。`;
    const span = bestQuoteSpan({ text: long, labelEnd: 0 }, 0, long.length, [{ text: '重点', weight: 1 }])!;
    const quote = long.slice(span.start, span.end);
    expect(quote).toContain(`重点在于${list}`);
    expect(long[span.start - 1]).toBe(',');
  });
  it('does not start a quote at a sentence that carries on reported words (并强调,……)', () => {
    const text = '李娜:3月5日,习近平总书记参加审议时强调要因地制宜发展新质生产力。并强调,发展新质生产力要防止一哄而上。我们要深刻认识到这一点。';
    const paragraph = { text, labelEnd: 3 };
    const from = text.indexOf('并强调');
    const span = bestQuoteSpan(paragraph, from, text.length, [{ text: '防止', weight: 1 }])!;
    expect(text.slice(span.start, span.end)).toBe('3月5日,习近平总书记参加审议时强调要因地制宜发展新质生产力。并强调,发展新质生产力要防止一哄而上。');
  });
});

describe('leftOut', () => {
  const text = '李娜:甲乙丙,丁戊己,庚辛。壬癸。';
  const paragraph = { text, labelEnd: 3 };
  it('says a whole sentence leaves nothing out', () => {
    expect(leftOut(paragraph, 3, text.indexOf('。') + 1)).toEqual({ before: false, after: false });
    expect(leftOut(paragraph, text.indexOf('壬'), text.length)).toEqual({ before: false, after: false });
  });
  it('says a clause in the middle of a sentence leaves text out on both sides', () => {
    expect(leftOut(paragraph, text.indexOf('丁'), text.indexOf('己') + 1)).toEqual({ before: true, after: true });
  });
});

describe('reportedPersonAt', () => {
  const quoted = { text: '习近平总书记指出“发展新质生产力是推动高质量发展的内在要求”。', quotes: [{ start: 9, end: 28, person: '习近平', honorific: '总书记' }] };
  const text = '3月5日,习近平总书记参加审议时强调要因地制宜发展新质生产力。并强调,发展新质生产力要防止一哄而上。青海正沿着习近平总书记指引的方向前行。';
  const article = { paragraphs: [quoted, { text, quotes: [] }] } as unknown as Pick<Article, 'paragraphs'>;
  it('finds the person whose words a span reports without quotation marks', () => {
    expect(reportedPersonAt(article, { text }, 0, text.indexOf('青海'))).toBe('习近平');
  });
  it('does not take a passing mention for reported speech', () => {
    expect(reportedPersonAt(article, { text }, text.indexOf('青海'), text.length)).toBeNull();
  });
});

describe('makeCitation', () => {
  it('gives the display form beside the verbatim quote, one character for one', () => {
    const text = '刘畅:毋庸讳言,存在认识误区:发展是发达地区的事?不是。';
    const article = {
      paragraphs: [{ id: 0, speaker: '刘畅', role: 'expert', title: null, section: '一', text, labelEnd: 3, quotes: [] }],
    } as unknown as Article;
    const c = makeCitation(article, 1, 0, 3, text.length);
    expect(c.quote).toBe('毋庸讳言,存在认识误区:发展是发达地区的事?不是。');
    expect(c.displayQuote).toBe('毋庸讳言，存在认识误区：发展是发达地区的事？不是。');
  });
});

describe('leadSpan', () => {
  it('gives the opening sentence of a paragraph without its turn label', () => {
    const text = '马冠奎:一要优化机制保障。依托改革。';
    const span = leadSpan({ text, labelEnd: 4 })!;
    expect(text.slice(span.start, span.end)).toBe('一要优化机制保障。');
  });
});
