import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatModel, LlmAnswerer } from '../../src/llm/answer-llm.js';
import { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { ConcurrencyLimiter } from '../../src/llm/concurrency-limiter.js';
import type { AnswerEvent } from '../../src/answer/answer-types.js';
import { isValidCitation } from '../../src/answer/citations.js';
import { loadPrompts } from '../../src/llm/load-prompts.js';
import type { SearchIndex } from '../../src/index/load-index.js';
import type { AppServices } from '../../src/server/app-services.js';
import { startStubLlm, type StubLlm } from '../support/stub-llm-server.js';
import { loadTestIndex, loadTestServices } from '../support/test-index.js';

let stub: StubLlm;
let index: SearchIndex;
let services: AppServices;
beforeAll(async () => {
  stub = await startStubLlm();
  index = await loadTestIndex();
  services = await loadTestServices();
});
afterAll(async () => {
  await stub.close();
});

async function answererFor(model: string, timeoutMs = 2000): Promise<QuestionAnswerer> {
  const config = { baseURL: stub.url, apiKey: 'test', model, timeoutMs, temperature: 0 };
  const llm = new LlmAnswerer(createChatModel(config), await loadPrompts(), index.article);
  return new QuestionAnswerer(index, services.retriever, services.verifier, llm, { llmTimeoutMs: timeoutMs });
}

async function collect(answerer: QuestionAnswerer, question: string): Promise<AnswerEvent[]> {
  const events: AnswerEvent[] = [];
  for await (const e of answerer.stream({ messages: [{ role: 'user', content: question }] }, new AbortController().signal)) events.push(e);
  return events;
}

const QUESTION = '青海发展新质生产力最大的短板是什么？';

describe('the LLM answerer', () => {
  it('streams citations first, then the model\'s tokens as they come, then a checked answer', async () => {
    const events = await collect(await answererFor('normal'), QUESTION);
    expect(events[0]!.type).toBe('citations');
    const deltas = events.filter((e) => e.type === 'delta');
    expect(deltas.length).toBeGreaterThan(2);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no done event');
    expect(done.response.mode).toBe('llm');
    expect(done.response.fallback).toBeUndefined();
    expect(done.response.citations.map((c) => c.n)).toEqual([1, 2]);
    for (const c of done.response.citations) expect(isValidCitation(index.article, c)).toBe(true);
    expect(done.response.warnings).toBeUndefined();
  });

  it('sends the passages fenced as data, with their speakers, and the rules in the system prompt', async () => {
    stub.requests.length = 0;
    await collect(await answererFor('normal'), QUESTION);
    const [request] = stub.requests;
    expect(request!.messages[0]!.role).toBe('system');
    expect(request!.messages[0]!.content).toContain('只根据下方编号段落回答');
    const user = request!.messages.at(-1)!.content;
    expect(user).toMatch(/<passages>[\s\S]*\[1\] 李娜（青海省委党校经济教研部副教授）[\s\S]*<\/passages>/u);
  });

  it('drops a marker that points at no passage and flags a quote the article does not contain', async () => {
    const events = await collect(await answererFor('cite-missing'), QUESTION);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no done event');
    expect(done.response.answer).not.toContain('[9]');
    expect(done.response.citations.map((c) => c.n)).toEqual([1]);
    expect(done.response.warnings).toEqual(
      expect.arrayContaining([
        { type: 'dropped_marker', text: '[9]' },
        expect.objectContaining({ type: 'unverified_quote', text: '青海在人工智能大模型领域已处于全国领先地位' }),
      ]),
    );
  });

  it('flags a real sentence put in the wrong expert\'s mouth, naming who said it', async () => {
    const events = await collect(await answererFor('misattribute'), QUESTION);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no done event');
    const quote = '青海最大的短板就是科技创新能力不足';
    const start = done.response.answer.indexOf(quote);
    expect(done.response.warnings).toEqual([
      { type: 'misattributed_quote', text: quote, start, end: start + quote.length, claimed: '马冠奎', speaker: '李娜' },
    ]);
  });

  it('reassembles a multi-byte character split across network chunks', async () => {
    const events = await collect(await answererFor('split-utf8'), QUESTION);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no done event');
    expect(done.response.mode).toBe('llm');
    expect(done.response.answer).toContain('认为');
    expect(done.response.answer).not.toContain('\uFFFD');
  });

  it.each([
    ['an HTTP 500', 'error500'],
    ['a broken JSON chunk', 'broken-json'],
    ['a connection cut mid-stream', 'cut'],
    ['a stream that stalls past the timeout', 'slow'],
    ['a server that never answers', 'hang'],
  ])('falls back to the extractive answer on %s', async (_name, model) => {
    const started = Date.now();
    const events = await collect(await answererFor(model, 1500), QUESTION);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no done event');
    expect(done.response).toMatchObject({ mode: 'extractive', fallback: true });
    expect(done.response.citations.length).toBeGreaterThan(0);
    expect(done.response.citations[0]!.speaker).toBe('李娜');
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('stops the upstream request when the client goes away', async () => {
    const answerer = await answererFor('slow', 8000);
    const controller = new AbortController();
    const events: AnswerEvent[] = [];
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    for await (const e of answerer.stream({ messages: [{ role: 'user', content: QUESTION }] }, controller.signal)) events.push(e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(events.some((e) => e.type === 'done')).toBe(false);
  });

  it('never lets the system prompt\'s canary out, even from a model that echoes its input', async () => {
    const answerer = await answererFor('echo');
    const llm = (answerer as unknown as { llm: LlmAnswerer }).llm;
    const events = await collect(answerer, QUESTION);
    const everything = JSON.stringify(events);
    expect(everything).not.toContain(llm.canary);
    expect(stub.requests.at(-1)!.messages[0]!.content).toContain(llm.canary);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no done event');
    expect(done.response).toMatchObject({ mode: 'extractive', fallback: true });
  });

  it('answers extractively, at once, when the cap on concurrent LLM streams is reached', async () => {
    const config = { baseURL: stub.url, apiKey: 'test', model: 'slow', timeoutMs: 4000, temperature: 0 };
    const llm = new LlmAnswerer(createChatModel(config), await loadPrompts(), index.article);
    const answerer = new QuestionAnswerer(index, services.retriever, services.verifier, llm, { llmTimeoutMs: 4000, llmLimiter: new ConcurrencyLimiter(1) });
    const controller = new AbortController();
    const first = (async () => {
      for await (const _e of answerer.stream({ messages: [{ role: 'user', content: QUESTION }] }, controller.signal)) {
        // drain until aborted
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const second = await answerer.answer({ messages: [{ role: 'user', content: QUESTION }] });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(second).toMatchObject({ mode: 'extractive', fallback: true });
    controller.abort();
    await first;
  });

  it('lets the model rewrite a follow-up into a standalone question (prompts/rewrite-follow-up.md)', async () => {
    stub.requests.length = 0;
    const answerer = await answererFor('normal');
    const r = await answerer.answer({
      messages: [
        { role: 'user', content: '马冠奎是做什么工作的？' },
        { role: 'assistant', content: '马冠奎是青海省科学技术厅规划资管处副处长[1]。' },
        { role: 'user', content: '他提出了哪几点建议？' },
      ],
    });
    expect(stub.requests[0]!.messages[0]!.content).toContain('改写');
    expect(r.query).toBe('马冠奎提出了哪几点建议？');
    expect(r.mode).toBe('llm');
  });
});
