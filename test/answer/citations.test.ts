import { describe, expect, it } from 'vitest';
import {
  balanceQuotationMarks,
  bestQuoteSpan,
  citationMarkers,
  findQuoteCandidates,
  leadSpan,
  leftOut,
  makeCitation,
  MarkerStreamFilter,
  quoteCandidates,
  quotedSpans,
  quotingAt,
  rewriteMarkers,
} from '../../src/answer/citations.js';
import type { Article } from '../../src/corpus/parse-article.js';
import type { QueryTerm } from '../../src/retrieval/weigh-terms.js';
import fc from 'fast-check';
import { SPEECH_VERBS } from '../../src/corpus/interview-layout.js';
import { displaySlice, nestQuotationMarks } from '../../src/corpus/display-text.js';
import { loadTestIndex } from '../support/test-index.js';

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
  it('opens with the sentence that states what is asked, not a leading one that only repeats a few of its words', () => {
    const lead = { labelEnd: 3, text: '王五:领导讲改革,领导讲改革。2020年5月,领导在第三次会议上系统论述了改革。' };
    const terms = [
      { text: '领导', weight: 0.3 },
      { text: '改革', weight: 0.3 },
      { text: '第三次', weight: 1 },
      { text: '会议', weight: 1 },
      { text: '系统', weight: 1 },
      { text: '论述', weight: 1 },
    ];
    const span = bestQuoteSpan(lead, 0, lead.text.length, terms)!;
    expect(lead.text.slice(span.start, span.end)).toBe('2020年5月,领导在第三次会议上系统论述了改革。');
    // A leading sentence with a word of the question the rest lacks stays.
    const own = bestQuoteSpan(lead, 0, lead.text.length, [...terms, { text: '讲', weight: 0.3 }])!;
    expect(lead.text.slice(own.start, own.end)).toMatch(/^领导讲改革/u);
  });
  it('starts after an additive connective that points back at a sentence left out (并且，…)', () => {
    const joined = { labelEnd: 0, text: '生态是底色。并且,高原有独特的资源。' };
    const span = bestQuoteSpan(joined, 0, joined.text.length, [{ text: '资源', weight: 1 }])!;
    expect(joined.text.slice(span.start, span.end)).toBe('高原有独特的资源。');
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

describe('quoteCandidates (kept with the paragraph)', () => {
  it('keeps, for every passage of the article, the spans found afresh, and finds them once', async () => {
    const index = await loadTestIndex();
    for (const chunk of index.chunks) {
      const paragraph = index.article.paragraphs[chunk.paragraph]!;
      const kept = quoteCandidates(paragraph, chunk.start, chunk.end);
      expect(kept).toEqual(findQuoteCandidates({ ...paragraph }, chunk.start, chunk.end));
      expect(quoteCandidates(paragraph, chunk.start, chunk.end)).toBe(kept);
    }
  });

  it('shows a citation as displaySlice shows its span, from the display form kept with the paragraph', async () => {
    const index = await loadTestIndex();
    for (const chunk of index.chunks) {
      const p = index.article.paragraphs[chunk.paragraph]!;
      const citation = makeCitation(index.article, 1, chunk.paragraph, chunk.start, chunk.end);
      expect(citation.displayQuote).toBe(nestQuotationMarks(displaySlice(p.text, citation.start, citation.end)));
    }
  });

  it('chooses for one question what it chooses afresh, after other questions were asked of the same paragraphs', async () => {
    const index = await loadTestIndex();
    const questions: QueryTerm[][] = [[{ text: '生态', weight: 1 }], [{ text: '人才', weight: 2 }, { text: '创新', weight: 1 }], [{ text: '盐湖', weight: 1 }], []];
    for (const chunk of index.chunks) {
      const paragraph = index.article.paragraphs[chunk.paragraph]!;
      for (const terms of questions) {
        // A copy of the paragraph has nothing kept: its spans are found again.
        expect(bestQuoteSpan(paragraph, chunk.start, chunk.end, terms)).toEqual(bestQuoteSpan({ ...paragraph }, chunk.start, chunk.end, terms));
      }
    }
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

describe('quotingAt', () => {
  const quoted = { text: '王五:刘局长指出“水电开发要守住生态红线”。', quotes: [{ start: 9, end: 20, person: '刘', honorific: '局长' }] };
  const text = '张三:去年秋天,刘局长到县里调研时强调要把水电开发放在首位。并强调,小水电要一律退出保护区。刘局长多次发表讲话,对水电开发作了部署。我们要守住底线。';
  const paragraph = { text, quotes: [] };
  const article = { paragraphs: [quoted, paragraph] } as unknown as Pick<Article, 'paragraphs'>;
  const at = (words: string) => [text.indexOf(words), text.indexOf(words) + words.length] as const;

  it('names whom a quote reports when all its words follow a speech verb of that person', () => {
    expect(quotingAt(article, paragraph, ...at('要把水电开发放在首位。'))).toBe('刘');
    expect(quotingAt(article, paragraph, ...at('小水电要一律退出保护区。'))).toBe('刘');
  });
  it('keeps as the speaker’s own a sentence that narrates who said it, when and where', () => {
    expect(quotingAt(article, paragraph, ...at('去年秋天,刘局长到县里调研时强调要把水电开发放在首位。'))).toBeNull();
    expect(quotingAt(article, paragraph, ...at('去年秋天,刘局长到县里调研时强调要把水电开发放在首位。并强调,小水电要一律退出保护区。'))).toBeNull();
  });
  it('does not read a speech (讲话) as the words of it', () => {
    expect(quotingAt(article, paragraph, ...at('刘局长多次发表讲话,对水电开发作了部署。'))).toBeNull();
  });
  it('names whom a quote reports when it is the words in quotation marks, not their lead-in', () => {
    const t = quoted.text;
    expect(quotingAt(article, quoted, t.indexOf('水电'), t.indexOf('线') + 1)).toBe('刘');
    expect(quotingAt(article, quoted, 3, t.length)).toBeNull();
  });
});

describe('balanceQuotationMarks', () => {
  const text = '赵六:他在会上指出“第一句话很短。第二句话也不长。”我们要照办。';
  const open = text.indexOf('“');
  const close = text.indexOf('”');
  it('extends a quote that opens a quotation mark to its closing mark when that fits', () => {
    const span = balanceQuotationMarks(text, 3, text.indexOf('。') + 1)!;
    expect(text.slice(span.start, span.end)).toBe('他在会上指出“第一句话很短。第二句话也不长。”');
  });
  it('cuts before the opening mark when the whole quotation does not fit, unless only the lead-in is left', () => {
    const term = `赵六:我们看到了“${'很长的一句话,'.repeat(40)}完。”`;
    expect(balanceQuotationMarks(term, 3, term.indexOf('完'), 200)).toEqual({ start: 3, end: term.indexOf('“') });
    const said = `赵六:他在会上指出“${'很长的一句话,'.repeat(40)}完。”`;
    expect(balanceQuotationMarks(said, 3, said.indexOf('完'), 200)).toBeNull();
    const led = `赵六:今年一月,他在会上作了阐述,指出“${'很长的一句话,'.repeat(40)}完。”`;
    const span = balanceQuotationMarks(led, 3, led.indexOf('完'), 200)!;
    expect(led.slice(span.start, span.end)).toBe('今年一月,他在会上作了阐述');
  });
  it('drops a closing mark the quote did not open', () => {
    expect(balanceQuotationMarks(text, text.indexOf('第二'), close + 1)).toEqual({ start: text.indexOf('第二'), end: close });
  });
  it('ignores a closing mark the source never opened (a slip of the source)', () => {
    const slip = '赵六:抢抓东数“西算”、西存、西训”等机遇,培育数字经济。';
    expect(balanceQuotationMarks(slip, 3, slip.length)).toEqual({ start: 3, end: slip.length });
  });
  it('leaves a balanced quote as it is', () => {
    expect(balanceQuotationMarks(text, open + 1, close)).toEqual({ start: open + 1, end: close });
  });
});

describe('bestQuoteSpan with quotation marks', () => {
  const text = `钱七:${'前言,'.repeat(20)}他在全体会议上作了系统阐述,指出“创新链是一条从基础研究到产业应用的链条,${'环环相扣,'.repeat(20)}缺一不可。它由多个环节组成,关键在于协同。”`;
  const start = text.indexOf('“') + 1;
  const paragraph = { text, labelEnd: 3, quotes: [{ start, end: text.indexOf('”'), person: '某', honorific: '主任' }] };
  it('never leaves a quotation mark open: quotes the words in the marks when the sentence with them is too long', () => {
    const span = bestQuoteSpan(paragraph, 3, text.length, [{ text: '创新链', weight: 2 }])!;
    const quote = text.slice(span.start, span.end);
    expect(quote.split('“').length).toBe(quote.split('”').length);
    expect(span.start).toBe(start);
  });
});

describe('makeCitation', () => {
  /** An article of one paragraph of 刘畅's, its `刘畅:` label three characters long. */
  const oneParagraph = (text: string) =>
    ({ paragraphs: [{ id: 0, speaker: '刘畅', role: 'expert', title: null, section: '一', text, labelEnd: 3, quotes: [] }] }) as unknown as Article;
  it('gives the display form beside the verbatim quote, one character for one', () => {
    const text = '刘畅:毋庸讳言,存在认识误区:发展是发达地区的事?不是。';
    const article = oneParagraph(text);
    const c = makeCitation(article, 1, 0, 3, text.length);
    expect(c.quote).toBe('毋庸讳言,存在认识误区:发展是发达地区的事?不是。');
    expect(c.displayQuote).toBe('毋庸讳言，存在认识误区：发展是发达地区的事？不是。');
  });
  it('shows quotation marks inside the quote one level in, and keeps the verbatim quote', () => {
    const text = '刘畅:他指出“要走自己的路”。';
    const article = oneParagraph(text);
    const c = makeCitation(article, 1, 0, 3, text.length);
    expect(c.quote).toBe('他指出“要走自己的路”。');
    expect(c.displayQuote).toBe('他指出‘要走自己的路’。');
  });
  it('never cites a quote with an open quotation mark', () => {
    const text = '刘畅:他指出“甲乙丙丁。戊己庚辛。”我们照办。';
    const article = oneParagraph(text);
    expect(makeCitation(article, 1, 0, 3, text.indexOf('。') + 1).quote).toBe('他指出“甲乙丙丁。戊己庚辛。”');
  });
});

describe('leadSpan', () => {
  it('gives the opening sentence of a paragraph without its turn label', () => {
    const text = '马冠奎:一要优化机制保障。依托改革。';
    const span = leadSpan({ text, labelEnd: 4 })!;
    expect(text.slice(span.start, span.end)).toBe('一要优化机制保障。');
  });
});

describe('balanceQuotationMarks and leftOut, by code unit and kept with the paragraph', () => {
  // As first written: marks compared as one-character strings.
  const OPENING_MARK = '“';
  const CLOSING_MARK = '”';
  const ONLY_PUNCTUATION = /^[\s。，,；;：:、！!？?]*$/u;
  const TRAILING = /[,，、:：\s]/u;
  const DANGLING_LEAD_IN = new RegExp(`(?:${SPEECH_VERBS.join('|')})$`, 'u');
  const referencePartners = (text: string) => {
    const partners = new Map<number, number>();
    const open: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (text[i] === OPENING_MARK) open.push(i);
      else if (text[i] === CLOSING_MARK && open.length > 0) {
        const at = open.pop()!;
        partners.set(at, i);
        partners.set(i, at);
      }
    }
    return partners;
  };
  function referenceBalance(text: string, start: number, end: number, maxChars = 200): { start: number; end: number } | null {
    const partners = referencePartners(text);
    const partnerOf = (i: number) => ((text[i] === OPENING_MARK || text[i] === CLOSING_MARK) ? partners.get(i) : undefined);
    let lastUnopened = -1;
    for (let i = start; i < end; i++) {
      const partner = partnerOf(i);
      if (text[i] === CLOSING_MARK && partner !== undefined && partner < start) lastUnopened = i;
    }
    if (lastUnopened >= 0) {
      if (ONLY_PUNCTUATION.test(text.slice(lastUnopened + 1, end))) end = lastUnopened;
      else {
        start = lastUnopened + 1;
        while (start < end && ONLY_PUNCTUATION.test(text[start]!)) start++;
      }
    }
    let outer = -1;
    for (let i = start; i < end && outer < 0; i++) {
      const partner = partnerOf(i);
      if (text[i] === OPENING_MARK && partner !== undefined && partner >= end) outer = i;
    }
    if (outer >= 0) {
      const close = partners.get(outer)!;
      let extended = close + 1;
      while (extended < text.length && /[。！？；?;!]/u.test(text[extended]!)) extended++;
      if (extended - start <= maxChars) end = Math.max(end, extended);
      else if (close + 1 - start <= maxChars) end = Math.max(end, close + 1);
      else {
        end = outer;
        while (end > start && TRAILING.test(text[end - 1]!)) end--;
        // `……进行了系统论述,指出` says nothing yet: the words it leads in are cut, so is the lead-in.
        if (DANGLING_LEAD_IN.test(text.slice(start, end))) end = Math.max(start, ...[...'，,；;'].map((m) => text.lastIndexOf(m, end - 1)));
      }
    }
    while (end > start && TRAILING.test(text[end - 1]!)) end--;
    return end > start ? { start, end } : null;
  }

  it('balances every span of every text as comparing the marks as strings did', () => {
    const unit = fc.constantFrom(...'甲乙丙“”，。？指出说 '.split(''), '\ud83d\ude00');
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 40 }).map((u) => u.join('')), fc.nat(), fc.nat(), fc.integer({ min: 5, max: 60 }), (text, a, b, maxChars) => {
        const start = a % text.length;
        const end = start + (b % (text.length - start + 1));
        expect(balanceQuotationMarks(text, start, end, maxChars)).toEqual(referenceBalance(text, start, end, maxChars));
      }),
      { numRuns: 3_000 },
    );
  });

  it('says for every passage of the article what a fresh copy of its paragraph says', async () => {
    const index = await loadTestIndex();
    for (const chunk of index.chunks) {
      const paragraph = index.article.paragraphs[chunk.paragraph]!;
      for (const [start, end] of [[chunk.start, chunk.end], [paragraph.labelEnd, paragraph.text.length], [chunk.start + 1, chunk.end - 1]] as const) {
        expect(leftOut(paragraph, start, end)).toEqual(leftOut({ ...paragraph }, start, end));
      }
    }
  });
});
