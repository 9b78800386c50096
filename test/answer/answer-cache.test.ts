import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerCache, answerCacheKey, isCacheableAnswer } from '../../src/answer/answer-cache.js';
import { createChatModel, LlmAnswerer } from '../../src/llm/answer-llm.js';
import { QuestionAnswerer } from '../../src/answer/answer-question.js';
import type { AnswerEvent, ChatRequest, ChatResponse } from '../../src/answer/answer-types.js';
import { loadPrompts } from '../../src/llm/load-prompts.js';
import type { SearchIndex } from '../../src/index/load-index.js';
import type { AppServices } from '../../src/server/app-services.js';
import { buildServices } from '../../src/app/build-services.js';
import { createApp } from '../../src/server/create-app.js';
import { AppMetrics } from '../../src/server/metrics.js';
import { startStubLlm, type StubLlm } from '../support/stub-llm-server.js';
import { loadTestIndex, loadTestServices } from '../support/test-index.js';

const answer = (text: string, extra: Partial<ChatResponse> = {}): ChatResponse => ({
  answer: text,
  citations: [],
  mode: 'extractive',
  query: text,
  kind: 'topic',
  ...extra,
});
const ask = (question: string, speaker: string | null = null): ChatRequest => ({ messages: [{ role: 'user', content: question }], speaker });

describe('AnswerCache', () => {
  it('gives back what it kept, and counts hits and misses', () => {
    const cache = new AnswerCache();
    expect(cache.get('a')).toBeNull();
    cache.set('a', answer('甲'));
    expect(cache.get('a')).toEqual(answer('甲'));
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  });

  it('hands out copies, so a caller that changes its answer does not change the next one', () => {
    const cache = new AnswerCache();
    cache.set('a', answer('甲'));
    cache.get('a')!.answer = '乙';
    expect(cache.get('a')!.answer).toBe('甲');
  });

  it('drops the least recently used answer past its bound in entries', () => {
    const cache = new AnswerCache({ maxEntries: 2 });
    cache.set('a', answer('甲'));
    cache.set('b', answer('乙'));
    cache.get('a');
    cache.set('c', answer('丙'));
    expect(cache.get('b')).toBeNull();
    expect(cache.get('a')).not.toBeNull();
    expect(cache.get('c')).not.toBeNull();
  });

  it('stays within its bound in bytes', () => {
    const one = Buffer.byteLength('k0') + Buffer.byteLength(JSON.stringify(answer('字'.repeat(100))));
    const cache = new AnswerCache({ maxBytes: one * 3 });
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, answer('字'.repeat(100)));
    expect(cache.stats().entries).toBe(3);
    expect(cache.stats().bytes).toBeLessThanOrEqual(one * 3);
    expect(cache.get('k9')).not.toBeNull();
    expect(cache.get('k0')).toBeNull();
  });

  it('never keeps a fallback, nor an LLM answer with an unchecked quotation', () => {
    const cache = new AnswerCache();
    cache.set('fallback', answer('甲', { fallback: true }));
    cache.set('warned', answer('乙', { mode: 'llm', warnings: [{ type: 'unverified_quote', text: '丙' }] }));
    cache.set('llm', answer('丁', { mode: 'llm' }));
    expect(cache.get('fallback')).toBeNull();
    expect(cache.get('warned')).toBeNull();
    expect(cache.get('llm')).not.toBeNull();
    expect(isCacheableAnswer(answer('戊'))).toBe(true);
  });

  it('is cleared when the index changes, not when the same index is used again', () => {
    const cache = new AnswerCache();
    cache.useIndex('one');
    cache.set('a', answer('甲'));
    cache.useIndex('one');
    expect(cache.get('a')).not.toBeNull();
    cache.useIndex('two');
    expect(cache.get('a')).toBeNull();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('keys by conversation, speaker filter and mode, ignoring white space around the last question', () => {
    expect(answerCacheKey(ask('青海的优势？'), 'extractive')).toBe(answerCacheKey(ask('  青海的优势？\n'), 'extractive'));
    expect(answerCacheKey(ask('青海的优势？'), 'extractive')).not.toBe(answerCacheKey(ask('青海的优势？', '李娜'), 'extractive'));
    expect(answerCacheKey(ask('青海的优势？'), 'extractive')).not.toBe(answerCacheKey(ask('青海的优势？'), 'llm'));
    const followUp: ChatRequest = {
      messages: [
        { role: 'user', content: '李娜怎么看？' },
        { role: 'assistant', content: '……' },
        { role: 'user', content: '她还说了什么？' },
      ],
    };
    expect(answerCacheKey(followUp, 'extractive')).not.toBe(answerCacheKey(ask('她还说了什么？'), 'extractive'));
  });
});

describe('QuestionAnswerer with an answer cache', () => {
  let index: SearchIndex;
  let services: AppServices;
  let stub: StubLlm;
  beforeAll(async () => {
    index = await loadTestIndex();
    services = await loadTestServices();
    stub = await startStubLlm();
  });
  afterAll(async () => {
    await stub.close();
  });

  async function events(answerer: QuestionAnswerer, chat: ChatRequest): Promise<AnswerEvent[]> {
    const out: AnswerEvent[] = [];
    for await (const e of answerer.stream(chat, new AbortController().signal)) out.push(e);
    return out;
  }

  it('answers a question asked again from the cache, with the same events as the first time', async () => {
    const cache = new AnswerCache();
    const answerer = new QuestionAnswerer(index, services.retriever, services.verifier, null, { cache });
    const chat = ask('青海发展新质生产力最大的短板是什么？');
    const first = await events(answerer, chat);
    const again = await events(answerer, chat);
    expect(again).toEqual(first);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
    // And it is the answer the uncached answerer gives.
    expect(await services.answerer.answer(chat)).toEqual(await answerer.answer(chat));
  });

  it('does not keep the extractive fallback of a failed LLM answer, and keeps a clean LLM answer', async () => {
    const prompts = await loadPrompts();
    const make = (model: string, cache: AnswerCache) =>
      new QuestionAnswerer(
        index,
        services.retriever,
        services.verifier,
        new LlmAnswerer(createChatModel({ baseURL: stub.url, apiKey: 'test', model, timeoutMs: 1500, temperature: 0 }), prompts, index.article),
        { llmTimeoutMs: 1500, cache },
      );
    const chat = ask('青海发展新质生产力最大的短板是什么？');

    const failing = new AnswerCache();
    const failed = await make('error500', failing).answer(chat);
    expect(failed.fallback).toBe(true);
    expect(failing.stats().entries).toBe(0);

    const clean = new AnswerCache();
    stub.requests.length = 0;
    const first = await make('normal', clean).answer(chat);
    expect(first.mode).toBe('llm');
    const second = await make('normal', clean).answer(chat);
    expect(second).toEqual(first);
    // The model was asked once: the second answer came from the cache.
    expect(stub.requests.filter((r) => r.stream).length).toBe(1);
  });

  it('reports its hits and misses in /metrics', async () => {
    const cache = new AnswerCache();
    const cached = buildServices(index, { answerCache: cache });
    const app = createApp({ services: () => cached, metrics: new AppMetrics({ answerCache: () => cache.stats() }) });
    const body = { messages: [{ role: 'user', content: '青海有哪些优势？' }] };
    await request(app).post('/api/chat').send(body).expect(200);
    await request(app).post('/api/chat').send(body).expect(200);
    const metrics = (await request(app).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^answer_cache_hits_total 1$/mu);
    expect(metrics).toMatch(/^answer_cache_misses_total 1$/mu);
    expect(metrics).toMatch(/^answer_cache_entries 1$/mu);
  });
});
