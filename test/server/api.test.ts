import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { createApp } from '../../src/server/create-app.js';
import type { AppServices } from '../../src/server/app-services.js';
import { expectError } from '../support/expect-error.js';
import { loadTestServices } from '../support/test-index.js';

let app: Express;
let services: AppServices;
beforeAll(async () => {
  services = await loadTestServices();
  app = createApp({ services });
});

describe('GET /healthz', () => {
  it('is 200 once the index is loaded', async () => {
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('is 503 before the index is loaded, and so are the API routes', async () => {
    const loading = createApp({ services: () => null });
    expect((await request(loading).get('/healthz')).status).toBe(503);
    expectError(await request(loading).get('/api/search?q=青海'), 503, 'upstream_unavailable');
  });

  it('is 503 while the server drains for shutdown', async () => {
    const draining = createApp({ services, isDraining: () => true });
    const res = await request(draining).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'shutting_down' });
  });

  it('sends no X-Powered-By header', async () => {
    expect((await request(app).get('/healthz')).headers['x-powered-by']).toBeUndefined();
  });
});

describe('GET /api/article', () => {
  it('returns the cleaned article with a speaker and section for every paragraph', async () => {
    const res = await request(app).get('/api/article');
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('因地制宜发展新质生产力,青海怎么做?');
    expect(res.body.paragraphs.length).toBe(services.index.article.paragraphs.length);
    res.body.paragraphs.forEach((p: { id: number; speaker: string; role: string; section: string; text: string }, i: number) => {
      expect(p.id).toBe(i);
      expect(p.speaker && p.role && p.section && p.text).toBeTruthy();
    });
  });

  it('says how each paragraph’s speaker was decided, the layout that read it and its doubts', async () => {
    const res = await request(app).get('/api/article');
    expect(res.body).toMatchObject({ genre: 'roundtable', layout: { name: 'roundtable', score: 1 }, doubts: [], interviewers: ['秦睿'] });
    expect(res.body.interviewees).toEqual(['王中毅', '马冠奎', '魏晓强', '李娜', '刘畅', '任君']);
    const liNa = res.body.paragraphs.find((p: { text: string }) => p.text.startsWith('李娜:习近平'));
    expect(liNa.attribution).toEqual({ method: 'label', confidence: 1, label: '李娜' });
    expect(res.body.paragraphs[liNa.id + 1].attribution).toEqual({ method: 'continuation', confidence: 0.95 });
  });
});

describe('GET /api/speakers', () => {
  it('lists the editor, the host and the six experts with titles and paragraphs', async () => {
    const res = await request(app).get('/api/speakers');
    expect(res.body.map((s: { name: string }) => s.name)).toEqual(['编者', '秦睿', '王中毅', '马冠奎', '魏晓强', '李娜', '刘畅', '任君']);
    const lina = res.body.find((s: { name: string }) => s.name === '李娜');
    expect(lina).toMatchObject({ role: 'expert', title: '青海省委党校经济教研部副教授' });
    expect(lina.paragraphs.length).toBeGreaterThan(3);
  });
});

describe('GET /api/search', () => {
  it('returns ranked passages with the contract\'s fields', async () => {
    const res = await request(app).get('/api/search').query({ q: '平台经济在发展新质生产力中起什么作用？', k: 3 });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(3);
    const [top] = res.body.results;
    expect(Object.keys(top)).toEqual(expect.arrayContaining(['speaker', 'role', 'title', 'section', 'text', 'paragraph', 'start', 'end', 'score']));
    expect(top.speaker).toBe('魏晓强');
    const article = services.index.article;
    for (const r of res.body.results) expect(article.paragraphs[r.paragraph]!.text.slice(r.start, r.end)).toBe(r.text);
  });

  it('mends a typing slip before searching and says which', async () => {
    const res = await request(app).get('/api/search').query({ q: '全要素生产律', k: 3 });
    expect(res.body.corrections).toEqual([{ from: '生产律', to: '生产率' }]);
    expect(res.body.results[0].text).toContain('全要素生产率');
    expect((await request(app).get('/api/search').query({ q: '全要素生产率', k: 3 })).body).not.toHaveProperty('corrections');
  });

  it('defaults k to 5 and filters by speaker', async () => {
    expect((await request(app).get('/api/search').query({ q: '科技创新' })).body.results).toHaveLength(5);
    const res = await request(app).get('/api/search').query({ q: '科技创新', speaker: '任君' });
    expect(res.body.results.every((r: { speaker: string }) => r.speaker === '任君')).toBe(true);
  });

  it.each([
    ['a missing q', {}],
    ['an empty q', { q: '   ' }],
    ['an oversized q', { q: '青'.repeat(501) }],
    ['k = 0', { q: '青海', k: '0' }],
    ['k = 21', { q: '青海', k: '21' }],
    ['k = 2.5', { q: '青海', k: '2.5' }],
    ['k = abc', { q: '青海', k: 'abc' }],
    ['an unknown speaker', { q: '青海', speaker: '张三' }],
  ])('rejects %s with 400 invalid_request', async (_name, query) => {
    expectError(await request(app).get('/api/search').query(query), 400, 'invalid_request');
  });

  it('rejects a repeated q with 400', async () => {
    expectError(await request(app).get('/api/search?q=a&q=b'), 400, 'invalid_request');
  });
});

describe('GET /api/verify', () => {
  it('checks a quote given in the link, as POST does', async () => {
    const quote = '青海最大的短板就是科技创新能力不足';
    const viaGet = await request(app).get('/api/verify').query({ quote });
    const viaPost = await request(app).post('/api/verify').send({ quote });
    expect(viaGet.status).toBe(200);
    expect(viaGet.body).toEqual(viaPost.body);
    expect(viaGet.body).toMatchObject({ found: true, speaker: '李娜' });
  });

  it('rejects a missing, empty or repeated quote in the contract shape', async () => {
    expectError(await request(app).get('/api/verify'), 400, 'invalid_request');
    expectError(await request(app).get('/api/verify').query({ quote: '  ' }), 400, 'invalid_request');
    expectError(await request(app).get('/api/verify?quote=甲乙丙&quote=丁戊'), 400, 'invalid_request');
  });
});

describe('POST /api/verify', () => {
  it('finds a verbatim quote and names its speaker and offsets', async () => {
    const res = await request(app).post('/api/verify').send({ quote: '青海最大的短板就是科技创新能力不足，科技成果转化能力欠缺' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ found: true, speaker: '李娜', role: 'expert', title: '青海省委党校经济教研部副教授', quoting: null, score: 1 });
    const p = services.index.article.paragraphs[res.body.paragraph]!;
    expect(p.text.slice(res.body.start, res.body.end)).toBe(res.body.matched);
  });

  it('answers found: false with the nearest passage for an invented sentence', async () => {
    const res = await request(app).post('/api/verify').send({ quote: '青海在人工智能大模型领域已处于全国领先地位' });
    expect(res.status).toBe(200);
    expect(res.body.found).toBe(false);
    expect(res.body.nearest).toMatchObject({ speaker: expect.any(String), score: expect.any(Number) });
  });

  it.each([
    ['a missing quote', {}],
    ['an empty quote', { quote: '  ' }],
    ['a quote that is not a string', { quote: 42 }],
    ['an oversized quote', { quote: '青'.repeat(2001) }],
    ['an array body', [1, 2]],
  ])('rejects %s with 400', async (_name, body) => {
    expectError(await request(app).post('/api/verify').send(body as object), 400, 'invalid_request');
  });

  it('rejects malformed JSON with 400', async () => {
    expectError(await request(app).post('/api/verify').set('content-type', 'application/json').send('{"quote": '), 400, 'invalid_request');
  });

  it('rejects a body that is not JSON with 415', async () => {
    expectError(await request(app).post('/api/verify').set('content-type', 'text/plain').send('quote=x'), 415, 'unsupported_media_type');
    expectError(await request(app).post('/api/verify').type('form').send({ quote: 'x' }), 415, 'unsupported_media_type');
  });

  it('rejects a body over 32 KiB with 413', async () => {
    expectError(await request(app).post('/api/verify').send({ quote: 'x'.repeat(40_000) }), 413, 'payload_too_large');
  });
});

describe('unknown routes', () => {
  it('answer 404 in the contract\'s shape', async () => {
    expectError(await request(app).get('/api/nothing'), 404, 'not_found');
    expectError(await request(app).put('/api/verify'), 404, 'not_found');
    expectError(await request(app).delete('/api/article'), 404, 'not_found');
  });
});
