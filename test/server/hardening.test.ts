import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatModel, LlmAnswerer } from '../../src/llm/answer-llm.js';
import { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { loadPrompts } from '../../src/llm/load-prompts.js';
import type { AppServices } from '../../src/server/app-services.js';
import { createApp } from '../../src/server/create-app.js';
import { createLogger } from '../../src/server/create-logger.js';
import { startStubLlm, type StubLlm } from '../support/stub-llm-server.js';
import { loadTestServices } from '../support/test-index.js';

let services: AppServices;
let stub: StubLlm;
beforeAll(async () => {
  services = await loadTestServices();
  stub = await startStubLlm();
});
afterAll(async () => {
  await stub.close();
});

const search = (app: ReturnType<typeof createApp>, forwardedFor?: string) => {
  const r = request(app).get('/api/search').query({ q: '绿色算力' });
  return forwardedFor ? r.set('X-Forwarded-For', forwardedFor) : r;
};

describe('rate limiting', () => {
  it('answers 429 in the contract\'s shape with Retry-After once a client passes the limit', async () => {
    const app = createApp({ services, rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await search(app)).status).toBe(200);
    const limited = await search(app);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const openAi = await request(app).post('/v1/chat/completions').send({ messages: [{ role: 'user', content: '你好' }] });
    expect(openAi.status).toBe(429);
    expect(openAi.body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limited' });
  });

  it('does not let a spoofed X-Forwarded-For escape the limit without a proxy', async () => {
    const app = createApp({ services, rateLimitPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await search(app, `203.0.113.${i}`)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it('behind one proxy, counts the address the proxy saw, whatever the client put before it', async () => {
    const app = createApp({ services, rateLimitPerMinute: 2, trustProxyHops: 1 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await search(app, `198.51.100.${i}, 192.0.2.7`)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    // A different real client behind the same proxy has its own budget.
    expect((await search(app, '192.0.2.8')).status).toBe(200);
  });

  it('does not limit the health check', async () => {
    const app = createApp({ services, rateLimitPerMinute: 1 });
    for (let i = 0; i < 3; i++) expect((await request(app).get('/healthz')).status).toBe(200);
  });
});

describe('request timeout', () => {
  it('answers 504 in the contract\'s shape when an answer takes too long', async () => {
    const stuck = { ...services, answerer: { answer: () => new Promise(() => {}) } as unknown as QuestionAnswerer };
    const app = createApp({ services: stuck, requestTimeoutMs: 200 });
    const res = await request(app).post('/api/chat').send({ messages: [{ role: 'user', content: '你好' }] });
    expect(res.status).toBe(504);
    expect(res.body).toEqual({ error: { code: 'upstream_unavailable', message: expect.any(String) } });
  });
});

describe('GET /metrics', () => {
  it('counts requests by route and status, and times them, in Prometheus format', async () => {
    const app = createApp({ services });
    await search(app);
    await request(app).get('/no/such/path');
    const res = await request(app).get('/metrics');
    expect(res.headers['content-type']).toMatch(/^text\/plain/u);
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/api\/search",status="200"\} 1/u);
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404"\} 1/u);
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).not.toContain('/no/such/path');
  });

  it('labels a failed request by its full route, case variants by the canonical route, and unknown paths by one label', async () => {
    const app = createApp({ services });
    expect((await request(app).get('/api/search').query({ q: '绿色算力', k: 'abc' })).status).toBe(400);
    expect((await request(app).get('/v1/models/nope')).status).toBe(404);
    for (const path of ['/APi/speakers', '/API/SPEAKERS', '/api/speakers']) expect((await request(app).get(path)).status).toBe(200);
    for (let i = 0; i < 5; i++) await request(app).get(`/api/nothing-${i}`);
    await request(app).get('/Nowhere');
    const res = await request(app).get('/metrics');
    const series = [...res.text.matchAll(/^http_requests_total\{(.*)\} (\d+)$/gmu)].map((m) => `${m[1]} ${m[2]}`);
    expect(series).toEqual(
      expect.arrayContaining([
        'method="GET",route="/api/search",status="400" 1',
        'method="GET",route="/v1/models/:id",status="404" 1',
        'method="GET",route="/api/speakers",status="200" 3',
        'method="GET",route="unmatched",status="404" 6',
      ]),
    );
    expect(series).toHaveLength(4);

    // Answered at the mount, before any route: labelled by the mount, in its canonical case.
    const limited = createApp({ services, rateLimitPerMinute: 1 });
    await request(limited).get('/api/speakers');
    expect((await request(limited).get('/API/Speakers')).status).toBe(429);
    expect((await request(limited).get('/metrics')).text).toMatch(/^http_requests_total\{method="GET",route="\/api",status="429"\} 1$/mu);
  });
});

describe('Strict-Transport-Security', () => {
  const page = (app: ReturnType<typeof createApp>, proto?: string) => {
    const r = request(app).get('/healthz');
    return proto ? r.set('X-Forwarded-Proto', proto) : r;
  };

  it('is sent when the request came over TLS to a trusted proxy', async () => {
    const res = await page(createApp({ services, trustProxyHops: 1 }), 'https');
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/u);
  });

  it('is not sent over plain HTTP, nor on a client\'s own X-Forwarded-Proto without a trusted proxy', async () => {
    expect((await page(createApp({ services, trustProxyHops: 1 }))).headers['strict-transport-security']).toBeUndefined();
    expect((await page(createApp({ services, trustProxyHops: 1 }), 'http')).headers['strict-transport-security']).toBeUndefined();
    expect((await page(createApp({ services }), 'https')).headers['strict-transport-security']).toBeUndefined();
  });
});

describe('secrets and stacks', () => {
  it('never puts the LLM key, the upstream URL or a stack in a response or a log line', async () => {
    const lines: string[] = [];
    const secret = 'sk-test-4f9c2b7e1d';
    const logger = createLogger({ level: 'debug', secrets: [secret] }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const llm = new LlmAnswerer(createChatModel({ baseURL: stub.url, apiKey: secret, model: 'error500', timeoutMs: 2000, temperature: 0 }), await loadPrompts(), services.index.article);
    const answerer = new QuestionAnswerer(services.index, services.retriever, services.verifier, llm, { logger });
    const app = createApp({ services: { ...services, answerer }, logger });
    const ok = await request(app).post('/api/chat').send({ messages: [{ role: 'user', content: '青海最大的短板是什么？' }] });
    expect(ok.body).toMatchObject({ fallback: true });
    const broken = { ...services, answerer: { answer: () => Promise.reject(new Error(`boom at ${stub.url} with ${secret}`)) } as unknown as QuestionAnswerer };
    const failed = await request(createApp({ services: broken, logger })).post('/api/chat').send({ messages: [{ role: 'user', content: '你好' }] });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(lines.join('')).toContain('[redacted]');
    for (const text of [ok.text, failed.text, ...lines]) expect(text).not.toContain(secret);
    for (const text of [ok.text, failed.text]) {
      expect(text).not.toContain(stub.url);
      expect(text).not.toMatch(/\n\s+at /u);
    }
  });
});
