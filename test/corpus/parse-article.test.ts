import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CorpusError, findQuotedSpans, joinSourceLines, parseArticle } from '../../src/corpus/parse-article.js';
import { testConfig } from '../support/test-index.js';

const raw = readFileSync(testConfig().corpusPath, 'utf8');
const article = parseArticle(raw);

/**
 * Every paragraph's speaker, keyed by the first source line of the paragraph, written out by hand
 * from the printed article (not derived from the parser).
 */
const SPEAKER_BY_FIRST_LINE: Record<number, string> = {
  3: '编者', 5: '编者', 9: '编者', 11: '编者', 13: '编者',
  15: '王中毅', 16: '马冠奎', 17: '魏晓强', 18: '李娜', 19: '刘畅', 20: '任君',
  22: '编者', 24: '秦睿',
  26: '编者', 28: '秦睿', 30: '李娜', 32: '李娜', 34: '李娜', 36: '秦睿', 38: '刘畅', 40: '刘畅', 42: '刘畅',
  44: '刘畅', 46: '李娜', 48: '刘畅', 50: '秦睿', 52: '李娜',
  54: '编者', 58: '秦睿', 60: '马冠奎', 62: '马冠奎', 64: '马冠奎', 68: '马冠奎', 70: '马冠奎', 74: '马冠奎',
  76: '秦睿', 78: '任君', 82: '任君', 84: '任君',
  86: '编者', 90: '秦睿', 92: '王中毅', 96: '王中毅', 100: '王中毅',
  104: '编者', 108: '秦睿', 110: '魏晓强', 112: '魏晓强', 114: '魏晓强', 118: '魏晓强', 120: '魏晓强',
  124: '秦睿', 126: '刘畅', 128: '刘畅',
};

describe('parseArticle', () => {
  it('gives every paragraph of the article the right speaker', () => {
    const actual = Object.fromEntries(article.paragraphs.map((p) => [p.sourceLines[0]!, p.speaker]));
    expect(actual).toEqual(SPEAKER_BY_FIRST_LINE);
  });

  it('gives each speaker the role the contract names', () => {
    for (const p of article.paragraphs) {
      const expected = p.speaker === '编者' ? 'editor' : p.speaker === '秦睿' ? 'host' : 'expert';
      expect(p.role, `paragraph ${p.id}`).toBe(expected);
    }
  });

  it('joins the ten page-break splits and nothing else', () => {
    const joined = article.paragraphs.filter((p) => p.sourceLines.length > 1 && p.role !== 'editor');
    expect(joined.map((p) => p.sourceLines)).toEqual([
      [5, 7], [64, 66], [70, 72], [78, 80], [92, 94], [96, 98], [100, 102], [114, 116], [120, 122], [128, 130],
    ].filter(([first]) => first !== 5));
    expect(article.paragraphs.find((p) => p.sourceLines[0] === 5)!.sourceLines).toEqual([5, 7]);
    const texts = article.paragraphs.map((p) => p.text);
    for (const seam of ['“一链一策”', '加快形成新质生产力这个重大命题', 'RCEP(《区域全面经济伙伴关系协定》)', '大型AI数字应用', '西部经济欠发达省份', '紧盯产业新赛道', '组建创新联合体']) {
      expect(texts.some((t) => t.includes(seam)), seam).toBe(true);
    }
  });

  it('keeps real paragraph ends as ends', () => {
    // 刘畅's four paragraphs in part 1 stay four, and the guest list stays one line a guest.
    expect(article.paragraphs.filter((p) => p.speaker === '刘畅' && p.sectionNumber === 1)).toHaveLength(5);
    expect(article.paragraphs.filter((p) => p.section === '嘉宾简介' && p.role === 'expert')).toHaveLength(6);
  });

  it('reads the title, the guests\' titles and the host from the front matter', () => {
    expect(article.title).toBe('因地制宜发展新质生产力,青海怎么做?');
    const titles = Object.fromEntries(article.speakers.map((s) => [s.name, s.title]));
    expect(titles).toEqual({
      编者: null,
      秦睿: '本报记者',
      王中毅: '西宁经济技术开发区管委会副主任',
      马冠奎: '青海省科学技术厅规划资管处副处长',
      魏晓强: '青海省委全面深化改革委员会办公室三处副处长',
      李娜: '青海省委党校经济教研部副教授',
      刘畅: '青海省社会科学院经济研究所助理研究员',
      任君: '青海大学研究生院讲师(博士)',
    });
  });

  it('puts every paragraph in its section, numbered parts 1 to 4', () => {
    expect(article.sections.map((s) => s.number)).toEqual([1, 2, 3, 4]);
    expect(article.sections[1]!.name).toBe('发展新质生产力,青海如何做好科技创新这篇大文章?');
    const byLine = (line: number) => article.paragraphs.find((p) => p.sourceLines[0] === line)!;
    expect(byLine(5).section).toBe('编者按');
    expect(byLine(18).section).toBe('嘉宾简介');
    expect(byLine(46).sectionNumber).toBe(1);
    expect(byLine(74).sectionNumber).toBe(2);
    expect(byLine(100).sectionNumber).toBe(3);
    expect(byLine(128)).toMatchObject({ sectionNumber: 4, section: '发展新质生产力,青海如何构建新型生产关系?' });
  });

  it('marks where 李娜 quotes 习近平总书记 in quotation marks, and only there', () => {
    const quoting = article.paragraphs.filter((p) => p.quotes.length > 0);
    expect(quoting.map((p) => p.speaker)).toEqual(['李娜']);
    const [span] = quoting[0]!.quotes;
    const words = quoting[0]!.text.slice(span!.start, span!.end);
    expect(words.startsWith('新质生产力是创新起主导作用')).toBe(true);
    expect(words.endsWith('本质是先进生产力。')).toBe(true);
    expect(span!.person).toBe('习近平');
    expect(span!.honorific).toBe('总书记');
  });

  it('reads a quoted person and their honorific from any lead-in, not from a list of names', () => {
    const [span] = findQuotedSpans('张三:王小明院士在会上指出,“科技创新是发展新质生产力的核心要素。”');
    expect(span).toMatchObject({ person: '王小明', honorific: '院士' });
    expect(findQuotedSpans('由李四同志强调“要把创新放在首位,这是关键所在”')[0]).toMatchObject({ person: '李四', honorific: '同志' });
    expect(findQuotedSpans('所谓“新质生产力”是一个新的概念,大家都在讨论')).toEqual([]);
  });

  it('writes down what each paragraph is in the layout, and where its speaker label ends', () => {
    const kinds = (kind: string) => article.paragraphs.filter((p) => p.kind === kind);
    expect(kinds('headline').map((p) => p.text)).toEqual([article.title]);
    expect(kinds('kicker').map((p) => p.text)).toEqual([article.kicker]);
    expect(kinds('editors-note')).toHaveLength(1);
    expect(kinds('guest-entry').map((p) => p.speaker)).toEqual(['王中毅', '马冠奎', '魏晓强', '李娜', '刘畅', '任君']);
    expect(kinds('host-entry').map((p) => p.text)).toEqual(['本报记者 秦睿']);
    expect(kinds('heading').map((p) => p.text.slice(0, 4))).toEqual(['编者按', '嘉宾简介', '主持人', '1 发展', '2 发展', '3 发展', '4 发展']);
    expect(kinds('host-question').every((p) => p.speaker === '秦睿' && p.text.slice(0, p.labelEnd) === '主持人:')).toBe(true);
    expect(kinds('expert-turn').every((p) => p.labelEnd === 0 || p.text.slice(0, p.labelEnd) === `${p.speaker}:`)).toBe(true);
    // A turn's first paragraph carries the label; the paragraphs after it do not.
    const liNaFirst = article.paragraphs.find((p) => p.kind === 'expert-turn' && p.speaker === '李娜')!;
    expect(liNaFirst.labelEnd).toBe(3);
    expect(article.paragraphs[liNaFirst.id + 1]!.labelEnd).toBe(0);
  });

  it('rejects an empty corpus and one without structure', () => {
    expect(() => parseArticle('')).toThrow(CorpusError);
    expect(() => parseArticle('  \n\n ')).toThrow(CorpusError);
    expect(() => parseArticle('只有一句话。')).toThrow(/guest list/);
  });

  it('handles CRLF line ends and a byte-order mark like the plain file', () => {
    const crlf = parseArticle(`\uFEFF${raw.replace(/\n/g, '\r\n')}`);
    expect(crlf.paragraphs.map((p) => p.text)).toEqual(article.paragraphs.map((p) => p.text));
  });
});

describe('joinSourceLines', () => {
  it('joins a long line cut mid-sentence with the next one', () => {
    const long = '这是一个很长的句子'.repeat(5);
    expect(joinSourceLines(`${long}\n\n继续完。`).map((p) => p.text)).toEqual([`${long}继续完。`]);
  });
  it('does not join a line that ends a sentence, a heading, or a new speaker', () => {
    const long = '这是一个很长的句子'.repeat(5);
    expect(joinSourceLines(`${long}。\n\n下一段。`)).toHaveLength(2);
    expect(joinSourceLines(`${long}\n\n2\n\n标题?`).map((p) => p.text)).toEqual([long, '2 标题?']);
    expect(joinSourceLines(`${long}\n\n李娜:发言。`)).toHaveLength(2);
  });
});
