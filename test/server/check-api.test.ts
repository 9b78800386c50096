import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { CheckTextResult } from '../../src/check/check-text.js';
import { createApp } from '../../src/server/create-app.js';
import type { AppServices } from '../../src/server/app-services.js';
import { CHECK_TEXT_CASES, EDGE_TEXTS, expectReport } from '../support/check-texts.js';
import { expectError } from '../support/expect-error.js';
import { loadTestServices } from '../support/test-index.js';

let app: Express;
let services: AppServices;
beforeAll(async () => {
  services = await loadTestServices();
  app = createApp({ services });
});

describe('POST /api/check', () => {
  for (const testCase of CHECK_TEXT_CASES) {
    it(`reports every quotation of a ${testCase.genre}`, async () => {
      const res = await request(app).post('/api/check').send({ text: testCase.text });
      expect(res.status).toBe(200);
      expectReport(res.body as CheckTextResult, testCase, services.index.article.paragraphs);
    });
  }

  it('agrees with /api/verify on whom words reported without quotation marks belong to', async () => {
    const quote = '也不要搞一种模式';
    const verified = await request(app).post('/api/verify').send({ quote });
    const checked = await request(app).post('/api/check').send({ text: `习近平总书记强调：“${quote}”。` });
    expect(verified.body).toMatchObject({ found: true, quoting: '习近平' });
    expect((checked.body as CheckTextResult).quotations[0]).toMatchObject({ quoting: '习近平', attribution: 'correct' });
  });

  it('reports a quotation with words left out as verbatim with elision, its pieces in order', async () => {
    const res = await request(app).post('/api/check').send({ text: '马冠奎说：“一要优化自主创新能力提升的机制保障……通过从基础研究到产业应用系统化布局技术攻关”。' });
    expect((res.body as CheckTextResult).quotations[0]).toMatchObject({ status: 'verbatim', elided: true, attribution: 'correct' });
    expect((res.body as CheckTextResult).ok).toBe(true);
  });

  it('classifies each change and flags a changed figure; ok keeps its meaning, accurate does not pass it', async () => {
    const res = await request(app).post('/api/check').send({ text: '王中毅说：“总投资300亿元的光伏垂直一体化大基地项目顺利落地”。' });
    const body = res.body as CheckTextResult;
    expect(body.quotations[0]).toMatchObject({ status: 'altered', figureChanged: true });
    expect(body.quotations[0]!.source!.changes!.every((c) => c.kind === 'number')).toBe(true);
    expect(body).toMatchObject({ ok: true, accurate: false, summary: { figureChanged: 1 } });
    const clean = await request(app).post('/api/check').send({ text: '王中毅说：“总投资400亿元的光伏垂直一体化大基地项目顺利落地”。' });
    expect(clean.body).toMatchObject({ ok: true, accurate: true, summary: { figureChanged: 0 } });
  });

  it('reports a joint attribution and a denial in the contract’s fields', async () => {
    const res = await request(app).post('/api/check').send({ text: '马冠奎与魏晓强都认为，“平台经济的核心是共享经济”。李娜从没说过“五要加强科技人才队伍建设”。' });
    const [joint, denied] = (res.body as CheckTextResult).quotations;
    expect(joint).toMatchObject({ claimed: '魏晓强', claimedAll: ['马冠奎', '魏晓强'], notSaidBy: ['马冠奎'], attribution: 'correct' });
    expect(denied).toMatchObject({ claimed: '李娜', negated: true, speaker: '马冠奎', attribution: 'correct' });
    expect((res.body as CheckTextResult).ok).toBe(true);
  });

  it('takes a 20,000-character text with many quotations', async () => {
    const unit = CHECK_TEXT_CASES[1]!.text;
    const text = unit.repeat(Math.floor(20_000 / unit.length));
    const res = await request(app).post('/api/check').send({ text });
    expect(res.status).toBe(200);
    const body = res.body as CheckTextResult;
    expect(body.summary.quotations).toBe(3 * Math.floor(20_000 / unit.length));
    expect(body.summary.attribution.wrong).toBe(Math.floor(20_000 / unit.length));
  });

  for (const edge of EDGE_TEXTS) {
    it(`answers ${edge.name} with a clean report`, async () => {
      const res = await request(app).post('/api/check').send({ text: edge.text });
      expect(res.status).toBe(200);
      expect(res.body.quotations).toHaveLength(edge.quotations);
      expect(res.body.summary).toMatchObject({ quotations: edge.quotations });
    });
  }

  it.each([
    ['a missing text', {}],
    ['an empty text', { text: '' }],
    ['white space only', { text: ' \n ' }],
    ['a number', { text: 42 }],
    ['an array', { text: ['李娜说'] }],
    ['an array body', []],
  ])('answers %s with 400 invalid_request', async (_name, body) => {
    expectError(await request(app).post('/api/check').send(body as object), 400, 'invalid_request');
  });

  it('answers a text over 20,000 characters, or a body over the limit, with 413 payload_too_large', async () => {
    expectError(await request(app).post('/api/check').send({ text: '青'.repeat(20_001) }), 413, 'payload_too_large');
    expectError(await request(app).post('/api/check').send({ text: 'x'.repeat(200_000) }), 413, 'payload_too_large');
  });

  it('answers a body that is not JSON with 415 or 400', async () => {
    expectError(await request(app).post('/api/check').set('content-type', 'text/plain').send('李娜说'), 415, 'unsupported_media_type');
    expectError(await request(app).post('/api/check').set('content-type', 'application/json').send('{"text": '), 400, 'invalid_request');
  });
});
