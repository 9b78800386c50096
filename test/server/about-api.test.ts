import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { createApp } from '../../src/server/create-app.js';
import type { AppServices } from '../../src/server/app-services.js';
import { loadTestServices } from '../support/test-index.js';
import { buildTestLibrary, type TestLibrary } from '../support/test-library.js';

let app: Express;
let services: AppServices;
beforeAll(async () => {
  services = await loadTestServices();
  app = createApp({ services, corsOrigins: ['https://news.example.com'] });
});

describe('GET /api/about', () => {
  it('serves the title, kicker, greeting, suggested questions and speakers of the article', async () => {
    const res = await request(app).get('/api/about');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(Object.keys(res.body).sort()).toEqual(['article', 'genre', 'greeting', 'kicker', 'speakers', 'suggestions', 'title', 'words']);
    expect(res.body.genre).toBe('roundtable');
    expect(res.body.words).toEqual({ work: '访谈', guest: '嘉宾', host: '主持人' });
    expect(res.body.title).toBe('因地制宜发展新质生产力,青海怎么做?');
    expect(res.body.kicker).toBe('实践·探索·对话');
    expect(res.body.suggestions).toEqual(['发展新质生产力，青海何以可为？', expect.any(String), expect.any(String)]);
    // The greeting is read on screen: the title in display form (full-width `，？`).
    expect(res.body.greeting).toContain('《因地制宜发展新质生产力，青海怎么做？》');
    // The greeting lists the suggestions it serves beside it.
    for (const suggestion of res.body.suggestions) expect(res.body.greeting).toContain(`- ${suggestion}`);
  });

  it('gives the greeting /api/chat answers a 你好 with', async () => {
    const about = await request(app).get('/api/about');
    const chat = await request(app).post('/api/chat').send({ messages: [{ role: 'user', content: '你好' }] });
    expect(chat.status).toBe(200);
    expect(chat.body.answer).toBe(about.body.greeting);
  });

  it('lists every speaker with role and title, without their paragraphs', async () => {
    const res = await request(app).get('/api/about');
    expect(res.body.speakers).toHaveLength(services.index.article.speakers.length);
    expect(res.body.speakers[0]).toEqual({ name: '编者', role: 'editor', title: null });
    expect(res.body.speakers).toContainEqual({ name: '李娜', role: 'expert', title: '青海省委党校经济教研部副教授' });
    expect(res.body.speakers.filter((s: { role: string }) => s.role === 'expert')).toHaveLength(6);
  });

  it('answers an origin in CORS_ORIGINS and not another one', async () => {
    const allowed = await request(app).get('/api/about').set('Origin', 'https://news.example.com');
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://news.example.com');
    const other = await request(app).get('/api/about').set('Origin', 'https://elsewhere.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('is 503 in the contract shape while the index loads', async () => {
    const res = await request(createApp({ services: () => null })).get('/api/about');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: { code: 'upstream_unavailable', message: expect.any(String) } });
  });
});

describe('GET /api/about of an article of another genre', () => {
  let library: TestLibrary;
  let libraryApp: Express;
  beforeAll(async () => {
    library = await buildTestLibrary();
    libraryApp = createApp({ services: library.services });
  });
  afterAll(async () => {
    await library?.remove();
  });

  it('speaks of a report as a report: no guests promised, questions from what it has', async () => {
    const res = await request(libraryApp).get('/api/about?article=shuju-zhongxin-baodao');
    expect(res.status).toBe(200);
    expect(res.body.genre).toBe('report');
    expect(res.body.words).toEqual({ work: '报道', guest: '被引用的人', host: '作者' });
    expect(res.body.greeting.split('\n')[0]).toBe('你好！我可以回答关于《虚构市首个零碳数据中心投入运行》这篇报道的问题，并注明每句引文的出处。');
    expect(res.body.greeting).not.toMatch(/嘉宾|访谈/u);
    expect(res.body.suggestions).toEqual(['这篇报道讲了什么？', '作者是谁？']);
    // Each suggestion is answered from the report, with citations.
    for (const question of res.body.suggestions as string[]) {
      const chat = await request(libraryApp).post('/api/chat').send({ article: 'shuju-zhongxin-baodao', messages: [{ role: 'user', content: question }] });
      expect(chat.body.coverage).toBe('answered');
      expect(chat.body.citations.length).toBeGreaterThan(0);
    }
    const guests = await request(libraryApp).post('/api/chat').send({ article: 'shuju-zhongxin-baodao', messages: [{ role: 'user', content: '有哪些嘉宾？' }] });
    expect(guests.body.answer.split('\n')[0]).toBe('这篇报道不是访谈，没有嘉宾或主持人。');
  });

  it('keeps the round table\'s words for a second round table', async () => {
    const res = await request(libraryApp).get('/api/about?article=lvse-suanli');
    expect(res.body.genre).toBe('roundtable');
    expect(res.body.greeting).toContain('这篇访谈的问题，并注明每句话出自哪位嘉宾（周明远、李娜、陈晓燕）');
  });
});
