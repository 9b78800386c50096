import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerCache } from '../../src/answer/answer-cache.js';
import { MAX_ARTICLES_ANSWERED, rankArticles } from '../../src/server/answer-articles.js';
import { buildLibraryServices } from '../../src/app/build-services.js';
import { createApp } from '../../src/server/create-app.js';
import { buildTestLibrary, type TestLibrary } from '../support/test-library.js';

let lib: TestLibrary;
let app: Express;
beforeAll(async () => {
  lib = await buildTestLibrary({ broken: true });
  app = createApp({ services: lib.services });
});
afterAll(async () => {
  await lib.remove();
});

const ask = (content: string, extra: Record<string, unknown> = {}) =>
  request(app).post('/api/chat').send({ messages: [{ role: 'user', content }], ...extra });

interface Cited {
  n: number;
  article: string;
  articleTitle: string;
  speaker: string;
  paragraph: number;
  start: number;
  end: number;
  quote: string;
}

describe('GET /api/articles', () => {
  it('lists every served article with id, title, date, speakers and passages, and names the broken files', async () => {
    const res = await request(app).get('/api/articles');
    expect(res.status).toBe(200);
    expect(res.body.articles.map((a: { id: string }) => a.id)).toEqual(['article', 'lvse-suanli', 'shuju-zhongxin-baodao']);
    expect(res.body.articles[1]).toMatchObject({ title: '绿色算力如何赋能高原数字经济?', date: '2024-05-20', kind: 'interview', passages: expect.any(Number) });
    expect(res.body.articles[2]).toMatchObject({ kind: 'report', speakers: [{ name: '编者' }, { name: '赵一帆', role: 'author', title: '本报记者' }] });
    expect(res.body.unavailable.map((u: { id: string }) => u.id).sort()).toEqual(['empty', 'folder', 'headline-only', 'latin1', 'passwd', 'pipe', 'refused']);
    expect(res.body.unavailable.find((u: { id: string }) => u.id === 'latin1').message).toBe('latin1.txt is not UTF-8 text');
  });

  it('names each unavailable file by its name in the corpus, never by the server\'s path or with the system\'s error text', async () => {
    const { body } = await request(app).get('/api/articles');
    for (const { id, message } of body.unavailable as Array<{ id: string; message: string }>) {
      expect(message.startsWith(`${id}.txt`)).toBe(true);
      expect(message).not.toContain(lib.work);
      expect(message).not.toMatch(/E[A-Z]{3,}:|no such file|illegal operation/u);
    }
    expect(body.unavailable.find((u: { id: string }) => u.id === 'folder').message).toBe('folder.txt is a directory, not a regular file: skipped, never opened');
    expect(body.unavailable.find((u: { id: string }) => u.id === 'refused').message).toMatch(/^refused\.txt: refused: the best layout .* reads only 0% of the 5 paragraphs that open with a label as turns/);
    // Where the corpus lies on the server is nobody's business.
    for (const u of body.unavailable as Array<{ message: string }>) expect(u.message).not.toContain(lib.config.corpusPath);
  });

  it('pages with limit and offset, in the library\'s order, and says how many there are in all', async () => {
    const all = (await request(app).get('/api/articles')).body;
    expect(all.total).toBe(3);
    const first = await request(app).get('/api/articles?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.articles.map((a: { id: string }) => a.id)).toEqual(['article', 'lvse-suanli']);
    expect(first.body.total).toBe(3);
    const second = await request(app).get('/api/articles?limit=2&offset=2');
    expect(second.body.articles).toEqual([all.articles[2]]);
    expect((await request(app).get('/api/articles?offset=1')).body.articles).toEqual(all.articles.slice(1));
    expect((await request(app).get('/api/articles?offset=99&limit=5')).body).toMatchObject({ articles: [], total: 3 });
    // Unavailable files are listed whole on every page.
    expect(second.body.unavailable).toEqual(all.unavailable);
  });

  it('refuses a page it cannot read with 400, in the contract\'s shape', async () => {
    for (const [query, message] of [
      ['limit=0', 'limit must be from 1 to 1000'],
      ['limit=1001', 'limit must be from 1 to 1000'],
      ['limit=abc', 'limit must be a whole number from 1 to 1000'],
      ['offset=-1', 'offset must be a whole number from 0 to 999999999'],
      ['limit=1&limit=2', 'limit must be given once'],
    ] as const) {
      const res = await request(app).get(`/api/articles?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toEqual({ code: 'invalid_request', message });
    }
  });

  it('says of each served article its genre, the layout that read it and its doubts', async () => {
    const res = await request(app).get('/api/articles');
    expect(res.body.articles.map((a: { genre: string; layout: string; doubts: unknown[] }) => [a.genre, a.layout, a.doubts])).toEqual([
      ['roundtable', 'roundtable', []],
      ['roundtable', 'roundtable', []],
      ['report', 'report', []],
    ]);
  });
});

describe('scoped questions', () => {
  it('never cite another article, and every quote is verbatim in its article', async () => {
    for (const [article, question] of [
      ['lvse-suanli', '发展绿色算力有哪些优势？'],
      ['article', '发展绿色算力有哪些优势？'],
      ['shuju-zhongxin-baodao', '数据中心每年减少多少碳排放？'],
      ['lvse-suanli', '李娜怎么看人才问题？'],
    ] as const) {
      const res = await ask(question, { article });
      expect(res.status).toBe(200);
      expect(res.body.citations.length).toBeGreaterThan(0);
      const text = lib.library.articles.find((a) => a.id === article)!.index.article;
      for (const c of res.body.citations as Cited[]) {
        expect(c.article).toBe(article);
        expect(c.articleTitle).toBe(text.title);
        expect(text.paragraphs[c.paragraph]!.text.slice(c.start, c.end)).toBe(c.quote);
      }
    }
  });

  it('take the article as a query parameter too, and in /api/search, /api/verify and /v1', async () => {
    const chat = await request(app).post('/api/chat?article=lvse-suanli').send({ messages: [{ role: 'user', content: '数字人才从哪里来？' }] });
    expect(new Set((chat.body.citations as Cited[]).map((c) => c.article))).toEqual(new Set(['lvse-suanli']));
    const search = await request(app).get('/api/search').query({ q: '绿色算力', article: 'shuju-zhongxin-baodao' });
    expect(search.body.results.length).toBeGreaterThan(0);
    expect(new Set(search.body.results.map((r: { article: string }) => r.article))).toEqual(new Set(['shuju-zhongxin-baodao']));
    const verify = await request(app).post('/api/verify').send({ quote: '数据中心可以直接使用绿电', article: 'article' });
    expect(verify.body.found).toBe(false);
    const v1 = await request(app)
      .post('/v1/chat/completions')
      .send({ article: 'lvse-suanli', messages: [{ role: 'user', content: '发展绿色算力有哪些优势？' }] });
    expect(v1.status).toBe(200);
    expect(new Set(v1.body.citations.map((c: Cited) => c.article))).toEqual(new Set(['lvse-suanli']));
  });

  it('refuses an unknown article with 400 in the contract shape', async () => {
    for (const res of [
      await ask('绿色算力', { article: 'nope' }),
      await request(app).get('/api/search').query({ q: '绿色算力', article: 'nope' }),
      await request(app).get('/api/about').query({ article: 'nope' }),
      await request(app).post('/api/check').send({ text: '李娜说：“绿色算力”。', article: 'nope' }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { code: 'invalid_request', message: expect.stringMatching(/article "nope" is not served/) } });
    }
  });
});

describe('questions across articles', () => {
  it('answer 哪几篇访谈谈到了绿色算力 from each article that does, grouped under its title', async () => {
    const res = await ask('哪几篇访谈谈到了绿色算力？');
    expect(res.status).toBe(200);
    const cited = new Set((res.body.citations as Cited[]).map((c) => c.article));
    expect(cited).toContain('article');
    expect(cited).toContain('lvse-suanli');
    for (const title of ['《因地制宜发展新质生产力,青海怎么做?》', '《绿色算力如何赋能高原数字经济?》']) expect(res.body.answer).toContain(title);
    // Numbered on across the parts: every marker has its citation, each in its article's text.
    const ns = (res.body.citations as Cited[]).map((c) => c.n);
    expect(ns).toEqual(ns.map((_n, i) => i + 1));
    for (const m of res.body.answer.matchAll(/\[(\d+)\]/gu)) expect(ns).toContain(Number(m[1]));
    for (const c of res.body.citations as Cited[]) {
      const text = lib.library.articles.find((a) => a.id === c.article)!.index.article;
      expect(text.paragraphs[c.paragraph]!.text.slice(c.start, c.end)).toBe(c.quote);
    }
  });

  it('tell two people of one name apart: each 李娜 quoted with her own article’s title', async () => {
    const res = await ask('李娜怎么看人才问题？');
    const byArticle = new Map((res.body.citations as Cited[]).map((c) => [c.article, c.speaker]));
    expect(byArticle.get('article')).toBe('李娜');
    expect(byArticle.get('lvse-suanli')).toBe('李娜');
    expect(res.body.answer).toContain('李娜（虚构理工大学计算机学院研究员）');
    expect(res.body.answer).toContain('李娜（青海省委党校经济教研部副教授）');
  });

  it('stream the same answer as SSE, citations first', async () => {
    const res = await ask('哪几篇访谈谈到了绿色算力？', { stream: true });
    expect(res.text.indexOf('event: citations')).toBeLessThan(res.text.indexOf('event: done'));
    expect(res.text).toContain('"article":"lvse-suanli"');
  });

  it('search every article, each result naming its article', async () => {
    const res = await request(app).get('/api/search').query({ q: '零碳数据中心 碳排放', k: 8 });
    expect(res.body.results).toHaveLength(8);
    const articles = new Set(res.body.results.map((r: { article: string }) => r.article));
    expect(articles).toContain('shuju-zhongxin-baodao');
    for (const r of res.body.results) expect(r.articleTitle).toEqual(expect.any(String));
  });

  it('verify and check a quotation in whichever article has it', async () => {
    const verify = await request(app).post('/api/verify').send({ quote: '数据中心可以直接使用绿电' });
    expect(verify.body).toMatchObject({ found: true, speaker: '陈晓燕', article: 'lvse-suanli' });
    const check = await request(app)
      .post('/api/check')
      .send({ text: '陈晓燕说：“数据中心可以直接使用绿电，降低碳排放。”李娜说：“青海最大的短板就是科技创新能力不足”。' });
    expect(check.body.quotations.map((q: { status: string; article: string; attribution: string }) => [q.status, q.article, q.attribution])).toEqual([
      ['verbatim', 'lvse-suanli', 'correct'],
      ['verbatim', 'article', 'correct'],
    ]);
    expect(check.body.ok).toBe(true);
  });
});

describe('the answer cache over a library', () => {
  it('keeps each article\'s answer under its own id: the same question scoped to two articles gets two answers', async () => {
    const cache = new AnswerCache({ maxEntries: 100, maxBytes: 1 << 20 });
    const cached = createApp({ services: buildLibraryServices(lib.library, { answerCache: cache }) });
    const question = (article: string) => ({ messages: [{ role: 'user', content: '发展绿色算力有哪些优势？' }], article });
    const first = await request(cached).post('/api/chat').send(question('lvse-suanli'));
    const other = await request(cached).post('/api/chat').send(question('article'));
    expect(other.body.citations.every((c: Cited) => c.article === 'article')).toBe(true);
    const again = await request(cached).post('/api/chat').send(question('lvse-suanli'));
    expect(again.body).toEqual(first.body);
    expect(cache.stats().hits).toBe(1);
  });
});

describe('a library larger than what is kept built', () => {
  it('answers across articles with one article built at a time, as with all of them', async () => {
    const small = createApp({ services: buildLibraryServices(lib.library, { maxBuiltArticles: 1 }) });
    const question = { messages: [{ role: 'user', content: '哪几篇访谈谈到了绿色算力？' }] };
    const [few, all] = await Promise.all([request(small).post('/api/chat').send(question), ask('哪几篇访谈谈到了绿色算力？')]);
    expect(few.body.answer).toBe(all.body.answer);
    expect(few.body.citations).toEqual(all.body.citations);
  });

  it('answers a question across more than 20 articles from the five the word index ranks first, opening no other', async () => {
    const [real, ...others] = lib.library.articles;
    const articles = [real!, ...others, ...Array.from({ length: 30 }, (_, i) => ({ ...others[i % others.length]!, id: `copy-${String(i).padStart(2, '0')}` }))];
    const services = buildLibraryServices({ articles, failures: [] });
    const opened: string[] = [];
    const open = services.library.open.bind(services.library);
    const library = { ...services.library, open: (id: string) => (opened.push(id), open(id)) };
    const res = await request(createApp({ services: { ...services, library } })).post('/api/chat').send({ messages: [{ role: 'user', content: '零碳数据中心每年减少多少碳排放？' }] });
    expect(res.status).toBe(200);
    expect(new Set(opened).size).toBeLessThanOrEqual(MAX_ARTICLES_ANSWERED);
    expect(res.body.citations.length).toBeGreaterThan(0);
    for (const c of res.body.citations as Cited[]) expect(opened).toContain(c.article);
    expect(res.body.citations.some((c: Cited) => c.article === 'shuju-zhongxin-baodao' || c.article.startsWith('copy-'))).toBe(true);
  });

  it('picks the articles to search in full by the library\'s word index', async () => {
    const { library } = lib.services;
    const idOf = (ordinals: number[]) => ordinals.map((o) => library.entries[o]!.id);
    expect(idOf(await rankArticles(library, '零碳数据中心投入运行', 1))).toEqual(['shuju-zhongxin-baodao']);
    expect(idOf(await rankArticles(library, '高原地区发展绿色算力的优势', 1))).toEqual(['lvse-suanli']);
    expect(idOf(await rankArticles(library, '任何问题', 5))).toEqual(['article', 'lvse-suanli', 'shuju-zhongxin-baodao']);
    // No word in common with any article: the first one, not every one.
    expect(idOf(await rankArticles(library, 'xyzzy', 1))).toEqual(['article']);
  });
});

describe('the article parameter', () => {
  const padded = ' lvse-suanli\n';
  const routes: Array<[string, (article: string) => request.Test]> = [
    ['GET /api/about', (a) => request(app).get('/api/about').query({ article: a })],
    ['GET /api/article', (a) => request(app).get('/api/article').query({ article: a })],
    ['GET /api/speakers', (a) => request(app).get('/api/speakers').query({ article: a })],
    ['GET /api/search', (a) => request(app).get('/api/search').query({ q: '绿色算力', article: a })],
    ['GET /api/verify', (a) => request(app).get('/api/verify').query({ quote: '绿色算力', article: a })],
    ['POST /api/verify', (a) => request(app).post('/api/verify').send({ quote: '绿色算力', article: a })],
    ['POST /api/verify ?article=', (a) => request(app).post('/api/verify').query({ article: a }).send({ quote: '绿色算力' })],
    ['POST /api/check', (a) => request(app).post('/api/check').send({ text: '他说“绿色算力”。', article: a })],
    ['POST /api/chat', (a) => request(app).post('/api/chat').send({ messages: [{ role: 'user', content: '绿色算力有哪些优势？' }], article: a })],
    ['POST /v1/chat/completions', (a) => request(app).post('/v1/chat/completions').send({ model: 'qinghai-interview', messages: [{ role: 'user', content: '绿色算力有哪些优势？' }], article: a })],
  ];

  it.each(routes)('%s takes an id with white space around it as that id', async (_name, send) => {
    const res = await send(padded);
    expect(res.status).toBe(200);
    // Every article a response names (`article` of citations, results, about) is that one.
    const named = [...JSON.stringify(res.body).matchAll(/"article":"([^"]*)"/gu)].map((m) => m[1]);
    expect(named.every((id) => id === 'lvse-suanli')).toBe(true);
  });

  it.each(routes)('%s refuses an id of white space only with 400', async (_name, send) => {
    const res = await send(' \n');
    expect(res.status).toBe(400);
  });
});
