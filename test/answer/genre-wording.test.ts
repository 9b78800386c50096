import { describe, expect, it } from 'vitest';
import { isValidCitation } from '../../src/answer/citations.js';
import { answerGreeting, suggestions } from '../../src/answer/compose-answer.js';
import { genreWords } from '../../src/answer/genre-words.js';
import { quotedPeople } from '../../src/answer/quoted-people.js';
import { toDisplayText } from '../../src/corpus/display-text.js';
import { parseArticle, type Article } from '../../src/corpus/parse-article.js';
import { readFileSync } from 'node:fs';
import { testConfig } from '../support/test-index.js';
import { fixtureArticle, structureAnswer } from '../support/structure-answers.js';

/** The answer a question about the article's structure gets, its citations checked against the article. */
async function ask(article: Article, question: string): Promise<string> {
  const answered = await structureAnswer(article, question);
  expect(answered, question).not.toBeNull();
  expect(answered!.kind).toBe(question === '你好' ? 'greeting' : 'people');
  for (const c of answered!.response.citations) expect(isValidCitation(article, c)).toBe(true);
  return answered!.response.answer;
}

const seed = parseArticle(readFileSync(testConfig().corpusPath, 'utf8'));

describe('the article (a round table) is spoken of as today', () => {
  it('greets with its guests and suggests its first three parts', async () => {
    expect(genreWords(seed).work).toBe('访谈');
    expect((await ask(seed, '你好')).split('\n')[0]).toBe(
      '你好！我可以回答关于《因地制宜发展新质生产力，青海怎么做？》这篇访谈的问题，并注明每句话出自哪位嘉宾（王中毅、马冠奎、魏晓强、李娜、刘畅、任君）。',
    );
    expect(suggestions(seed)).toEqual(['发展新质生产力，青海何以可为？', '发展新质生产力，青海如何做好科技创新这篇大文章？', '发展新质生产力，青海如何加快建设现代化产业体系？']);
  });

  it('lists its six guests and its host, and names the host for 主持人/记者/作者', async () => {
    const guests = await ask(seed, '有哪些嘉宾？');
    expect(guests.split('\n')[0]).toBe('这次访谈共有 6 位嘉宾：');
    expect(guests).toContain('- 任君，青海大学研究生院讲师（博士）[6]');
    expect(guests.split('\n').at(-1)).toBe('主持人是本报记者秦睿[7]。');
    for (const q of ['主持人是谁？', '记者是谁？', '作者是谁？']) expect(await ask(seed, q)).toBe('这次访谈的主持人是本报记者秦睿[1]。');
    expect(await ask(seed, '李娜是谁？')).toBe('李娜是青海省委党校经济教研部副教授[1]，在访谈中以嘉宾身份作答。');
  });

  it('answers 受访者是谁？ with its guests, and 引用了谁的话 with the words a guest relays', async () => {
    expect(await ask(seed, '受访者是谁？')).toBe(await ask(seed, '有哪些嘉宾？'));
    const quoted = await ask(seed, '这篇文章引用了谁的话？');
    expect(quoted.split('\n')).toEqual(['这次访谈中被引用的有 1 位：', '- 习近平总书记，由李娜转述[1]']);
  });
});

/** Each genre's fixture, its words, and what its people questions answer. */
const GENRES = [
  {
    fixture: 'layouts/roundtable-titled',
    genre: 'roundtable',
    greeting: '这篇访谈的问题，并注明每句话出自哪位嘉宾（姜海波、石慧敏、汪德胜）',
    guests: ['这次访谈共有 3 位嘉宾：', '- 姜海波，虚构省交通运输厅物流处处长[1]', '- 石慧敏，虚构理工大学管理学院教授[2]', '- 汪德胜，虚构冷链物流公司总经理[3]', '主持人是本报记者蔡宁[4]。'],
    reporter: '这次访谈的主持人是本报记者蔡宁[1]。',
  },
  {
    fixture: 'layouts/web-transcript',
    genre: 'transcript',
    greeting: '这篇访谈的问题，并注明每句话出自哪位嘉宾（周文涛、韩晓梅）',
    guests: ['这次访谈共有 2 位嘉宾：', '- 周文涛[1]', '- 韩晓梅[2]', '主持人在文中没有署名[3]。'],
    reporter: '这次访谈的主持人在文中没有署名[1]。',
  },
  {
    fixture: 'layouts/broadcast-transcript',
    genre: 'broadcast',
    greeting: '这期节目的问题，并注明每句话出自哪位嘉宾（陳浩、省教育廳廳長、何建明）',
    guests: ['这期节目共有 3 位嘉宾：', '- 陳浩[1]', '- 省教育廳廳長[2]', '- 何建明[3]', '主持人是蘇曉雯[4]。'],
    reporter: '这期节目的主持人是蘇曉雯[1]。',
  },
  {
    fixture: 'layouts/qa-one',
    genre: 'qa',
    greeting: '这篇专访的问题，并注明每句话出自哪位受访者（冯玉兰）',
    guests: ['这次专访的受访者是：', '- 冯玉兰[1]', '采访者是本报记者贾明[2]。'],
    reporter: '这次专访的采访者是本报记者贾明[1]。',
  },
  {
    fixture: 'layouts/qa-several',
    genre: 'qa',
    greeting: '这篇访谈的问题，并注明每句话出自哪位受访者（潘永年、樊丽娟）',
    guests: ['这次访谈共有 2 位受访者：', '- 潘永年[1]', '- 樊丽娟[2]', '采访者是本报记者邱立[3]。'],
    reporter: '这次访谈的采访者是本报记者邱立[1]。',
  },
  {
    fixture: 'layouts/reporter-interview',
    genre: 'interview',
    greeting: '这篇专访的问题，并注明每句话出自哪位受访者（谭静）',
    guests: ['这次专访的受访者是：', '- 谭静[1]', '采访者是本报记者龚晨[2]。'],
    reporter: '这次专访的采访者是本报记者龚晨[1]。',
  },
  {
    fixture: 'layouts/parts-interview',
    genre: 'interview',
    greeting: '这篇访谈的问题，并注明每句话出自哪位受访者（戴明轩、孔令仪）',
    guests: ['这次访谈共有 2 位受访者：', '- 戴明轩，虚构农业大学信息学院教授[1]', '- 孔令仪，虚构县农业农村局副局长[2]', '采访者是本报记者蒋涛[3]。'],
    reporter: '这次访谈的采访者是本报记者蒋涛[1]。',
  },
  {
    fixture: 'articles/shuju-zhongxin-baodao',
    genre: 'report',
    greeting: '这篇报道的问题，并注明每句引文的出处',
    guests: ['这篇报道不是访谈，没有嘉宾或主持人。', '这篇报道没有引用具名人士的话。', '作者是本报记者赵一帆[1]。'],
    reporter: '这篇报道的作者是本报记者赵一帆[1]。',
  },
] as const;

describe.each(GENRES)('$fixture ($genre) is spoken of as what it is', ({ fixture, genre, greeting, guests, reporter }) => {
  const article = fixtureArticle(fixture);

  it('is read as its genre', () => {
    expect(article.genre).toBe(genre);
  });

  it('greets in its genre\'s words, with questions to ask', async () => {
    const hello = await ask(article, '你好');
    expect(hello.split('\n')[0]).toBe(`你好！我可以回答关于《${toDisplayText(article.title)}》${greeting}。`);
    const suggested = suggestions(article);
    expect(suggested.length).toBeGreaterThan(0);
    for (const q of suggested) expect(hello).toContain(`- ${q}`);
    // Nothing promises guests a report has not, or a count of none.
    if (genre === 'report') expect(hello).not.toMatch(/嘉宾|访谈/u);
    expect(hello).not.toMatch(/（）|共有 0 位/u);
  });

  it('answers 有哪些嘉宾？ and 受访者是谁？ from its structure', async () => {
    expect((await ask(article, '有哪些嘉宾？')).split('\n')).toEqual(guests);
    expect((await ask(article, '受访者是谁？')).split('\n')).toEqual(guests);
  });

  it('answers 记者是谁？ with whoever asks or writes', async () => {
    expect(await ask(article, '记者是谁？')).toBe(reporter);
  });
});

describe('a report', () => {
  const report = fixtureArticle('articles/shuju-zhongxin-baodao');

  it('says it has no host when asked for one, and names its author', async () => {
    expect((await ask(report, '主持人是谁？')).split('\n')).toEqual(['这篇报道不是访谈，没有嘉宾或主持人。', '这篇报道的作者是本报记者赵一帆[1]。']);
  });

  it('suggests what its text has: what it is about and who wrote it', () => {
    expect(suggestions(report)).toEqual(['这篇报道讲了什么？', '作者是谁？']);
  });

  it('lists the people its paragraphs are credited to as the people it quotes, and suggests asking what they said', async () => {
    // A report whose body credits a paragraph to a quoted person (as a news feature's reading does).
    const body = report.paragraphs.findIndex((p) => p.kind === 'report');
    const quotedParagraph = { ...report.paragraphs[body + 1]!, speaker: '马建国', role: 'expert' as const, title: '数据中心负责人', attribution: { method: 'quotation' as const, confidence: 0.9 } };
    const feature: Article = { ...report, paragraphs: report.paragraphs.map((p) => (p.id === quotedParagraph.id ? quotedParagraph : p)) };
    expect(quotedPeople(feature).map((q) => q.name)).toEqual(['马建国']);
    const answer = await ask(feature, '这篇报道引用了谁的话？');
    expect(answer.split('\n')).toEqual(['这篇报道引用了 1 位具名人士的话：', '- 马建国[1]', '作者是本报记者赵一帆[2]。']);
    expect(suggestions(feature)[0]).toBe('马建国说了什么？');
    expect(answerGreeting(feature).split('\n')[0]).toBe('你好！我可以回答关于《虚构市首个零碳数据中心投入运行》这篇报道的问题，并注明每句话是记者的叙述还是被引用者的话（马建国）。');
  });
});

describe('a one-person Q&A', () => {
  it('suggests asking the interviewee\'s view, the reporter\'s questions and who the interviewee is', () => {
    const qa = fixtureArticle('layouts/qa-one');
    expect(suggestions(qa)).toEqual(['冯玉兰有哪些观点？', '采访者问了哪些问题？', '受访者是谁？']);
  });
});

describe('an article with fewer than three parts', () => {
  it('suggests its parts, then a question its structure answers', () => {
    expect(suggestions(fixtureArticle('layouts/roundtable-titled'))).toEqual(['冷链物流，短板在哪里？', '政策如何发力？', '主持人问了哪些问题？']);
  });
});
