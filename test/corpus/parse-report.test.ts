import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCitation } from '../../src/answer/citations.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { CorpusError, parseArticle } from '../../src/corpus/parse-article.js';

const fixture = (id: string) => readFileSync(join(PROJECT_ROOT, 'test/fixtures/articles', `${id}.txt`), 'utf8');

describe('parseArticle on a second interview of the column', () => {
  const article = parseArticle(fixture('lvse-suanli'));

  it('reads its headline, date, host, guests and parts', () => {
    expect(article.title).toBe('绿色算力如何赋能高原数字经济?');
    expect(article.date).toBe('2024-05-20');
    expect(article.speakers.map((s) => [s.name, s.role])).toEqual([
      ['编者', 'editor'],
      ['林川', 'host'],
      ['周明远', 'expert'],
      ['李娜', 'expert'],
      ['陈晓燕', 'expert'],
    ]);
    expect(article.sections.map((s) => s.name)).toEqual(['绿色算力,高原有何优势?', '数字人才从哪里来?']);
  });

  it('gives its 李娜 this article title, not the other article’s', () => {
    expect(article.speakers.find((s) => s.name === '李娜')?.title).toBe('虚构理工大学计算机学院研究员');
    const turn = article.paragraphs.find((p) => p.text.startsWith('李娜:') && p.kind !== 'guest-entry')!;
    expect([turn.speaker, turn.kind]).toEqual(['李娜', 'expert-turn']);
  });
});

describe('parseArticle on an ordinary report (no guest list)', () => {
  const article = parseArticle(fixture('shuju-zhongxin-baodao'));

  it('attributes the body to the byline’s reporter, never to a made-up speaker', () => {
    expect(article.title).toBe('虚构市首个零碳数据中心投入运行');
    expect(article.date).toBe('2024-06-01');
    const body = article.paragraphs.filter((p) => p.kind === 'report');
    expect(body).toHaveLength(2);
    expect(new Set(body.map((p) => `${p.speaker}/${p.role}/${p.title}`))).toEqual(new Set(['赵一帆/author/本报记者']));
    expect(article.speakers.map((s) => s.name)).toEqual(['编者', '赵一帆']);
    expect(article.people.map((p) => [p.name, p.role, p.position])).toEqual([['赵一帆', 'author', '记者']]);
    expect(article.sections).toEqual([]);
  });

  it('attributes a report without a byline to the paper (编者)', () => {
    const unsigned = parseArticle('零碳数据中心投入运行\n\n本报讯 这是为测试而写的一段虚构报道，数据中心全部使用当地风电和光伏发电，每年可减少碳排放。\n');
    expect(unsigned.paragraphs.map((p) => [p.kind, p.speaker])).toEqual([
      ['headline', '编者'],
      ['report', '编者'],
    ]);
    expect(unsigned.speakers.map((s) => s.name)).toEqual(['编者']);
  });

  it('refuses a text with a headline and no paragraph, clearly', () => {
    expect(() => parseArticle('只有一个标题\n')).toThrow(CorpusError);
    expect(() => parseArticle('只有一个标题\n')).toThrow(/no paragraphs of text after its headline/);
  });
});

describe('parseArticle on a news feature whose paragraphs mix narration and someone’s words', () => {
  const article = parseArticle(readFileSync(join(PROJECT_ROOT, 'test/fixtures/reports/hekou-guanniao.txt'), 'utf8'));
  const at = (text: string) => {
    const p = article.paragraphs.find((q) => q.text.includes(text))!;
    const start = p.text.indexOf(text);
    return makeCitation(article, 1, p.id, start, start + text.length);
  };

  it('cites a sentence that only tells of the person as the byline’s reporter’s, their words as theirs', () => {
    expect([at('已经在保护站工作了二十年').speaker, at('已经在保护站工作了二十年').role]).toEqual(['韦思远', 'author']);
    expect(at('刚来的时候滩涂上到处是养殖塘').speaker).toBe('郑海平');
    expect(at('现在塘退了，鸟也回来了').speaker).toBe('郑海平');
  });

  it('lists the reporter as its author only, never as someone it quotes', () => {
    expect(article.speakers.map((s) => `${s.name}/${s.role}`)).toEqual(['编者/editor', '韦思远/author', '郑海平/quoted', '苏晓雨/quoted', '汪子涵/quoted']);
    expect(article.paragraphs.flatMap((p) => p.quotes.map((q) => q.person))).not.toContain('韦思远');
  });
});
