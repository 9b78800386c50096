import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/create-app.js';
import type { AppServices } from '../../src/server/app-services.js';
import { loadTestServices } from '../support/test-index.js';

/**
 * People as data and questions about the article itself, through `POST /api/chat`: answers from
 * the parsed fields and structure, citing the guest-list line, the heading or the host's question.
 */

let services: AppServices;
let app: Express;
beforeAll(async () => {
  services = await loadTestServices();
  app = createApp({ services });
});

interface Turn {
  role: 'user' | 'assistant';
  content: string;
}
interface Cited {
  speaker: string;
  paragraph: number;
  quote: string;
  start: number;
  end: number;
}

/** Plays the user turns in order, with the bot's own answers between them; returns the last body. */
async function chat(...turns: string[]) {
  const messages: Turn[] = [];
  let body: { answer: string; citations: Cited[]; kind: string; query: string } | null = null;
  for (const turn of turns) {
    messages.push({ role: 'user', content: turn });
    const res = await request(app).post('/api/chat').send({ messages });
    expect(res.status).toBe(200);
    body = res.body;
    messages.push({ role: 'assistant', content: body!.answer });
  }
  for (const c of body!.citations) {
    expect(services.index.article.paragraphs[c.paragraph]!.text.slice(c.start, c.end)).toBe(c.quote);
  }
  return body!;
}

const kindOf = (c: Cited) => services.index.article.paragraphs[c.paragraph]!.kind;

describe('POST /api/chat: people by attribute', () => {
  it('answers who has a degree from the guest list, citing that line', async () => {
    const body = await chat('嘉宾里谁有博士学位？');
    expect(body.kind).toBe('people');
    expect(body.citations.map((c) => c.speaker)).toEqual(['任君']);
    expect(body.citations[0]!.quote).toBe('青海大学研究生院讲师(博士)');
    expect(body.answer).toContain('博士');
  });

  it('lists the people of a kind of organisation, and only them', async () => {
    const body = await chat('六位嘉宾里，哪几位来自高校、党校或社科研究机构？');
    expect(new Set(body.citations.map((c) => c.speaker))).toEqual(new Set(['李娜', '刘畅', '任君']));
    expect(body.citations.every((c) => kindOf(c) === 'guest-entry')).toBe(true);
  });

  it('answers where a person works and in what post', async () => {
    const body = await chat('省科技厅来的那位嘉宾在哪个处室、担任什么职务？');
    expect(body.citations.map((c) => c.speaker)).toEqual(['马冠奎']);
    expect(body.answer).toContain('规划资管处');
    expect(body.answer).toContain('副处长');
  });

  it('says so when no one\'s title has the attribute', async () => {
    const body = await chat('嘉宾里谁有硕士学位？');
    expect(body.kind).toBe('people');
    expect(body.answer).toContain('没有');
  });

  it('answers "which guest said X" with the speaker\'s words, not the guest list', async () => {
    const body = await chat('“政产学研用”协同创新是哪位嘉宾提出的？');
    expect(body.kind).not.toBe('people');
    expect(body.citations.some((c) => kindOf(c) === 'guest-entry')).toBe(false);
    expect(body.citations.map((c) => c.speaker)).toContain('任君');
  });
});

describe('POST /api/chat: the article itself', () => {
  it('answers the headline and the kicker, citing them', async () => {
    const headline = await chat('这篇文章的大标题是什么？');
    expect(headline.kind).toBe('article');
    expect(headline.citations[0]!.quote).toBe(services.index.article.title);
    const kicker = await chat('标题下面标注的栏目名称是什么？');
    expect(kicker.citations[0]!.quote).toBe(services.index.article.kicker);
  });

  it('lists the parts with their headings', async () => {
    const body = await chat('这篇文章一共分成哪几个部分？各部分讲什么？');
    expect(body.citations.map((c) => c.quote)).toEqual(services.index.article.sections.map((s) => s.name));
    expect(body.citations.every((c) => kindOf(c) === 'heading')).toBe(true);
  });

  it('answers the host\'s first question, citing the host', async () => {
    const body = await chat('主持人一开场抛出的第一个问题是什么？');
    expect(body.citations).toHaveLength(1);
    expect(body.citations[0]).toMatchObject({ speaker: '秦睿' });
    expect(body.citations[0]!.quote).toContain('如何认识和理解');
  });

  it('lists a part\'s host questions, then says who answered the second', async () => {
    const list = await chat('主持人在第二部分一共问了哪两个问题？');
    expect(list.citations).toHaveLength(2);
    expect(list.citations.every((c) => kindOf(c) === 'host-question')).toBe(true);
    const who = await chat('主持人在第二部分一共问了哪两个问题？', '第二个问题是谁回答的？');
    expect(who.kind).toBe('article');
    expect(who.citations[0]!.paragraph).toBe(list.citations[1]!.paragraph);
    expect(who.citations.slice(1).map((c) => c.speaker)).toEqual(['任君']);
  });
});

describe('POST /api/chat: a host question found by its content', () => {
  it('answers who asked the question about a topic, citing that host question', async () => {
    const body = await chat('关于人才的那个问题是谁提的？');
    expect(body.kind).toBe('article');
    expect(body.citations).toHaveLength(1);
    expect(body.citations[0]!.speaker).toBe('秦睿');
    expect(kindOf(body.citations[0]!)).toBe('host-question');
    expect(body.citations[0]!.quote).toContain('人才');
  });
});

describe('POST /api/chat: who answered a host question (or its part) found by its content', () => {
  it('names the expert who answered it, citing the host question and the answer', async () => {
    for (const [question, expert, words] of [
      ['扩大对外开放这个问题是哪位专家回答的?', '刘畅', '对外开放'],
      ['构建新型生产关系那部分是谁答的', '魏晓强', '深化改革'],
    ] as const) {
      const body = await chat(question);
      expect(body.kind, question).toBe('article');
      expect(kindOf(body.citations[0]!), question).toBe('host-question');
      expect(body.citations[0]!.quote, question).toContain(words);
      expect(body.citations.slice(1).map((c) => c.speaker), question).toEqual([expert]);
    }
  });
});

describe('POST /api/chat: follow-ups', () => {
  it('resolves 她 after a guest-list answer to the person it was about, keeping the query visible', async () => {
    const body = await chat('嘉宾里谁有博士学位？', '她还谈到了什么？');
    expect(body.query).toContain('任君');
    expect(new Set(body.citations.map((c) => c.speaker))).toEqual(new Set(['任君']));
  });

  it('answers 第三点呢 with the third point of the last list answer', async () => {
    const first = await chat('马冠奎提出了哪几点建议？');
    const third = first.answer.split('\n').filter((l) => l.startsWith('- '))[2]!;
    const body = await chat('马冠奎提出了哪几点建议？', '第三点呢？');
    expect(body.citations).toHaveLength(1);
    expect(body.citations[0]!.speaker).toBe('马冠奎');
    expect(third).toContain(body.citations[0]!.quote.slice(0, 8));
    expect(body.query).toContain(body.citations[0]!.quote.slice(0, 8));
  });

  it('does not answer 还有呢 after a whole list with "not covered"', async () => {
    const body = await chat('马冠奎提出了哪几点建议？', '还有呢？');
    expect(body.kind).not.toBe('not_covered');
    expect(body.query).toBe('马冠奎提出了哪几点建议？');
  });
});

describe('GET /api/search: structural questions', () => {
  it('ranks the paragraphs the structure names first (the headline, a picked guest line)', async () => {
    const headline = await request(app).get('/api/search').query({ q: '这篇文章的大标题是什么？', k: 3 });
    expect(headline.status).toBe(200);
    expect(services.index.article.paragraphs[headline.body.results[0].paragraph]!.kind).toBe('headline');
    const doctor = await request(app).get('/api/search').query({ q: '嘉宾里谁有博士学位？', k: 3 });
    expect(doctor.body.results[0]).toMatchObject({ speaker: '任君' });
    expect(services.index.article.paragraphs[doctor.body.results[0].paragraph]!.kind).toBe('guest-entry');
  });
});

describe('GET /api/article: people as data', () => {
  it('serves every person\'s title read into fields, pointing at the line that introduces them', async () => {
    const res = await request(app).get('/api/article');
    expect(res.status).toBe(200);
    const li = res.body.people.find((p: { name: string }) => p.name === '李娜');
    expect(li).toMatchObject({ role: 'expert', organisation: '青海省委党校经济教研部', position: '副教授', degree: null });
    expect(res.body.paragraphs[li.paragraph].text).toBe('李娜:青海省委党校经济教研部副教授');
    expect(res.body.editorsNote.length).toBeGreaterThan(0);
  });
});
