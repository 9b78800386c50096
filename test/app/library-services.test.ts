import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DiskLibrary } from '../../src/app/library-services.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { readCatalog } from '../../src/index/library-catalog.js';
import * as loadIndexModule from '../../src/index/load-index.js';
import { updateLibrary } from '../../src/index/load-library.js';
import { createApp } from '../../src/server/create-app.js';
import { buildTestLibrary, type TestLibrary } from '../support/test-library.js';

/**
 * A library served from its index folder: listed from its catalog without opening an article, each
 * article read when first asked for and kept among a bounded few, answers the same as a library
 * loaded whole, and a new catalog (an article added, changed, removed) taken without a restart.
 */
let lib: TestLibrary;
beforeAll(async () => {
  lib = await buildTestLibrary({ broken: true });
});
afterAll(async () => {
  await lib.remove();
});

const ask = (app: Parameters<typeof request>[0], content: string, article?: string) =>
  request(app).post('/api/chat').send({ messages: [{ role: 'user', content }], ...(article ? { article } : {}) });

describe('a library opened from disk', () => {
  it('lists every article from the catalog and opens only the default one at start', async () => {
    const load = vi.spyOn(loadIndexModule, 'loadBuiltIndex');
    try {
      const disk = await DiskLibrary.open(lib.config);
      expect(disk.openArticles).toBe(1);
      const app = createApp({ services: () => disk.services });
      const listed = await request(app).get('/api/articles');
      const loaded = await request(createApp({ services: lib.services })).get('/api/articles');
      expect(listed.body).toEqual(loaded.body);
      expect(disk.openArticles).toBe(1);
      expect(load).toHaveBeenCalledTimes(1);
      await disk.close();
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('answers scoped and cross-article questions, searches and checks as the library loaded whole does', async () => {
    const disk = await DiskLibrary.open(lib.config);
    const fromDisk = createApp({ services: () => disk.services });
    const whole = createApp({ services: lib.services });
    for (const [question, article] of [
      ['发展绿色算力有哪些优势？', 'lvse-suanli'],
      ['数据中心每年减少多少碳排放？', 'shuju-zhongxin-baodao'],
      ['李娜怎么看人才问题？', undefined],
      ['哪几篇访谈谈到了绿色算力？', undefined],
    ] as const) {
      const [a, b] = [await ask(fromDisk, question, article), await ask(whole, question, article)];
      expect(a.status).toBe(200);
      expect(a.body.answer).toBe(b.body.answer);
      expect(a.body.citations).toEqual(b.body.citations);
    }
    const search = (app: typeof whole) => request(app).get('/api/search').query({ q: '零碳数据中心 碳排放', k: 8 });
    expect((await search(fromDisk)).body).toEqual((await search(whole)).body);
    const text = '陈晓燕说：“数据中心可以直接使用绿电，降低碳排放。”李娜说：“青海最大的短板就是科技创新能力不足”。';
    const check = (app: typeof whole) => request(app).post('/api/check').send({ text });
    expect((await check(fromDisk)).body).toEqual((await check(whole)).body);
    const about = (app: typeof whole) => request(app).get('/api/about').query({ article: 'lvse-suanli' });
    expect((await about(fromDisk)).body).toEqual((await about(whole)).body);
    await disk.close();
  });

  it('keeps at most LIBRARY_CACHE_ARTICLES open besides the default one, reading an article again when asked after', async () => {
    const disk = await DiskLibrary.open(lib.config, { cacheArticles: 1 });
    const app = createApp({ services: () => disk.services });
    for (const article of ['lvse-suanli', 'shuju-zhongxin-baodao', 'lvse-suanli']) {
      expect((await ask(app, '有哪些嘉宾？', article)).status).toBe(200);
      expect(disk.openArticles).toBeLessThanOrEqual(2);
    }
    await disk.close();
  });

  it('rebuilds an article whose index was damaged when it is first opened', async () => {
    const disk = await DiskLibrary.open(lib.config);
    const file = join(lib.config.indexDir, 'lvse-suanli', 'docstore.json');
    const intact = await readFile(file);
    await writeFile(file, '[]');
    const res = await ask(createApp({ services: () => disk.services }), '发展绿色算力有哪些优势？', 'lvse-suanli');
    expect(res.status).toBe(200);
    expect(res.body.citations.length).toBeGreaterThan(0);
    expect(await readFile(file)).toEqual(intact);
    await disk.close();
  });

  it('takes a new catalog without a restart: an article added, one changed and one removed', async () => {
    const disk = await DiskLibrary.open(lib.config);
    const app = createApp({ services: () => disk.services });
    const before = disk.services;
    expect(await disk.reload()).toBe(false);

    const corpus = lib.config.corpusPath;
    await cp(join(PROJECT_ROOT, 'test/fixtures/articles/lvse-suanli.txt'), join(corpus, 'added.txt'));
    const report = join(corpus, 'shuju-zhongxin-baodao.txt');
    await writeFile(report, `${await readFile(report, 'utf8')}\n数据中心还将建设一座虚构的液冷实验室，这一段是测试时追加的。\n`);
    await rm(join(corpus, 'lvse-suanli.txt'));
    const update = await updateLibrary(lib.config);
    expect(update.changed).toBe(true);
    expect(update.removed).toEqual(['lvse-suanli']);
    expect(update.rebuilt.map((r) => r.id)).toEqual(['added', 'shuju-zhongxin-baodao']);
    expect(await disk.reload()).toBe(true);
    expect(disk.services).not.toBe(before);

    const ids = (await request(app).get('/api/articles')).body.articles.map((a: { id: string }) => a.id);
    expect(ids).toEqual(['article', 'added', 'shuju-zhongxin-baodao']);
    expect((await ask(app, '发展绿色算力有哪些优势？', 'lvse-suanli')).status).toBe(400);
    expect((await ask(app, '发展绿色算力有哪些优势？', 'added')).body.citations.length).toBeGreaterThan(0);
    const lab = await request(app).get('/api/search').query({ q: '液冷实验室', article: 'shuju-zhongxin-baodao' });
    expect(lab.body.results[0].text).toContain('液冷实验室');
    // The library's word index finds the new text too (an article outside the index built at ingest).
    const { library } = disk.services;
    expect((await library.rankByWords('液冷实验室', 1)).map((o) => library.entries[o]!.id)).toEqual(['shuju-zhongxin-baodao']);
    expect(disk.outside).toBeGreaterThan(0);
    // The services a request began with still answer from the old catalog.
    expect(before.library.ordinal('lvse-suanli')).toBeGreaterThan(0);
    expect((await readCatalog(lib.config.indexDir))!.articles.map((a) => a.id)).toEqual(ids);
    await disk.close();
  });
});
