import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatModel, LlmAnswerer } from '../../src/llm/answer-llm.js';
import { loadPrompts } from '../../src/llm/load-prompts.js';
import type { AppServices } from '../../src/server/app-services.js';
import { buildServices, type BuildServicesOptions } from '../../src/app/build-services.js';
import { createApp } from '../../src/server/create-app.js';
import { listen } from '../support/listen.js';
import { startStubLlm, type StubLlm } from '../support/stub-llm-server.js';
import { extractiveAnswerer } from '../support/test-chat.js';
import { loadTestServices } from '../support/test-index.js';

/**
 * A hostile or broken upstream model (issue 8: M1–M4, L1, the answer size cap), over real HTTP on
 * every path a reader has: `/api/chat` as JSON and as SSE, `/v1/chat/completions` as JSON and as a
 * stream.
 */

let services: AppServices;
let stub: StubLlm;
const servers: Array<{ close: () => Promise<void> }> = [];
beforeAll(async () => {
  services = await loadTestServices();
  stub = await startStubLlm();
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await stub.close();
});

type Message = { role: 'user' | 'assistant'; content: string };
const QUESTION: Message[] = [{ role: 'user', content: '青海发展新质生产力最大的短板是什么？' }];
const FOLLOW_UP: Message[] = [
  { role: 'user', content: '马冠奎是做什么工作的？' },
  { role: 'assistant', content: '马冠奎是青海省科学技术厅规划资管处副处长[1]。' },
  { role: 'user', content: '他提出了哪几点建议？' },
];

async function serve(model: string, options: BuildServicesOptions = {}, trustProxyHops = 0): Promise<string> {
  const llm = new LlmAnswerer(
    createChatModel({ baseURL: stub.url, apiKey: 'x', model, timeoutMs: 5000, temperature: 0 }),
    await loadPrompts(),
    services.index.article,
  );
  const app = createApp({ services: buildServices(services.index, { llm, llmTimeoutMs: 5000, ...options }), trustProxyHops, metrics: false });
  const server = await listen(app);
  servers.push(server);
  return server.url;
}

type Path = 'json' | 'sse' | 'v1-json' | 'v1-stream';
const PATHS: Path[] = ['json', 'sse', 'v1-json', 'v1-stream'];

interface Reply {
  /** Everything the reader received, as sent. */
  raw: string;
  /** Text of the `delta`s (SSE) or the content chunks (`/v1` stream); the answer otherwise. */
  streamed: string;
  mode: string;
  fallback: boolean;
  answer: string;
  query?: string;
  warnings?: Array<{ type: string; text: string }>;
}

async function ask(url: string, path: Path, messages: Message[], headers: Record<string, string> = {}): Promise<Reply> {
  const v1 = path.startsWith('v1');
  const stream = path === 'sse' || path === 'v1-stream';
  const res = await fetch(`${url}${v1 ? '/v1/chat/completions' : '/api/chat'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ messages, stream }),
  });
  const raw = await res.text();
  expect(res.status, raw).toBe(200);
  if (path === 'json') {
    const body = JSON.parse(raw);
    return { raw, streamed: body.answer, mode: body.mode, fallback: body.fallback === true, answer: body.answer, query: body.query, warnings: body.warnings };
  }
  if (path === 'v1-json') {
    const body = JSON.parse(raw);
    const content = body.choices[0].message.content;
    return { raw, streamed: content, mode: body.mode, fallback: body.fallback === true, answer: content };
  }
  const blocks = raw.split('\n\n').filter((b) => b.includes('data:'));
  if (path === 'sse') {
    const events = blocks.map((b) => ({
      event: /^event: (.*)$/mu.exec(b)?.[1] ?? 'message',
      data: JSON.parse(/^data: (.*)$/mu.exec(b)![1]!),
    }));
    const done = events.find((e) => e.event === 'done')!.data;
    const streamed = events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('');
    return { raw, streamed, mode: done.mode, fallback: done.fallback === true, answer: done.answer, query: done.query, warnings: done.warnings };
  }
  const chunks = blocks.map((b) => /^data: (.*)$/mu.exec(b)![1]!).filter((d) => d !== '[DONE]').map((d) => JSON.parse(d));
  const streamed = chunks.map((c) => c.choices[0].delta.content ?? '').join('');
  const last = chunks.at(-1);
  return { raw, streamed, mode: last.mode, fallback: last.fallback === true, answer: streamed };
}

/** Bits of the prompts (none of which the article contains) that must never reach a reader. */
const PROMPT_PROBES = ['你是一个', '只根据', '内部标记', 'CANARY', 'C A N', '可引用', 'passages', '问题：', '编号', '请按系统说明', '改写'];
const expectNoPrompt = (text: string, context: string) => {
  for (const probe of PROMPT_PROBES) expect(text, `${context}: ${probe}`).not.toContain(probe);
};

describe('a model that repeats its prompts (M1, M2)', () => {
  it.each([
    ['its whole input', 'echo'],
    ['the canary with its letters spaced out', 'echo-spaced'],
    ['the rules without the canary line', 'echo-rules'],
    ['the user-message template', 'echo-user'],
    ['the rules after a normal answer', 'answer-then-rules'],
  ])('is caught on every path, and nothing of the prompts reaches the reader, when it repeats %s', async (_name, model) => {
    const url = await serve(model);
    for (const path of PATHS) {
      const reply = await ask(url, path, QUESTION);
      expect({ path, mode: reply.mode, fallback: reply.fallback }).toEqual({ path, mode: 'extractive', fallback: true });
      expectNoPrompt(reply.raw, `${model} ${path}`);
    }
  });

  it('sends nothing of the model at all when the echo starts its answer', async () => {
    const url = await serve('echo-rules');
    for (const path of ['sse', 'v1-stream'] as const) {
      const reply = await ask(url, path, QUESTION);
      expect(reply.fallback, path).toBe(true);
      // Only the extractive answer (and on /v1 its sources) is streamed: no interruption notice.
      expect(reply.streamed.startsWith(reply.answer.split('\n\n来源：')[0]!), path).toBe(true);
      expect(reply.streamed).not.toContain('模型回答中断');
    }
  });

  it('still answers a normal model in llm mode', async () => {
    const url = await serve('normal');
    for (const path of PATHS) {
      const reply = await ask(url, path, QUESTION);
      expect({ path, mode: reply.mode, fallback: reply.fallback }).toEqual({ path, mode: 'llm', fallback: false });
    }
  });
});

describe('a model whose follow-up rewrite is not a question (M3)', () => {
  it.each([
    ['repeats the rewrite prompt', 'rewrite-echo'],
    ['repeats the transcript, several lines', 'rewrite-transcript'],
    ['runs on for 144 characters', 'rewrite-long'],
  ])('is given the rule-based query when it %s', async (_name, model) => {
    const url = await serve(model);
    const ruleBased = (await (await extractiveAnswerer()).answer({ messages: FOLLOW_UP })).query;
    for (const path of ['json', 'sse'] as const) {
      stub.requests.length = 0;
      const reply = await ask(url, path, FOLLOW_UP);
      expect(reply.query, path).toBe(ruleBased);
      expect(reply.mode).toBe('llm');
      expectNoPrompt(reply.raw, `${model} ${path}`);
      // The search text the answer was built on is not the model's rewrite either.
      const answerRequest = stub.requests.find((r) => !r.messages[0]!.content.includes('改写'))!;
      expect(answerRequest.messages.at(-1)!.content).not.toContain('改写');
    }
  });

  it('keeps a plausible rewrite', async () => {
    const url = await serve('normal');
    expect((await ask(url, 'json', FOLLOW_UP)).query).toBe('马冠奎提出了哪几点建议？');
  });
});

describe('fake citation markers (L1)', () => {
  it('are never streamed, are dropped from the answer and are listed in warnings: [99], [100], [-1]', async () => {
    const url = await serve('fake-markers');
    for (const path of PATHS) {
      const reply = await ask(url, path, QUESTION);
      expect(reply.mode, path).toBe('llm');
      for (const fake of ['[99]', '[100]', '[-1]', '[9', '[10', '[-']) {
        expect(reply.streamed, `${path} ${fake}`).not.toContain(fake);
        expect(reply.answer, `${path} ${fake}`).not.toContain(fake);
      }
      expect(reply.answer).toContain('[1]');
      if (path === 'json' || path === 'sse') {
        expect(reply.warnings).toEqual(
          expect.arrayContaining([
            { type: 'dropped_marker', text: '[99]' },
            { type: 'dropped_marker', text: '[100]' },
            { type: 'dropped_marker', text: '[-1]' },
          ]),
        );
      }
    }
  });
});

describe('a model that floods (answer size cap)', () => {
  it('is cut off: the upstream is stopped and the answer is extractive', async () => {
    const url = await serve('flood');
    for (const path of ['json', 'sse'] as const) {
      stub.flood.closedEarly = false;
      stub.flood.sentChars = 0;
      const reply = await ask(url, path, QUESTION);
      expect({ path, mode: reply.mode, fallback: reply.fallback }).toEqual({ path, mode: 'extractive', fallback: true });
      expect(reply.raw.length).toBeLessThan(100_000);
      // Wait for the stub to see its client go away.
      for (let i = 0; i < 100 && !stub.flood.closedEarly; i++) await new Promise((r) => setTimeout(r, 20));
      expect(stub.flood.closedEarly).toBe(true);
    }
  });
});

describe('one client holding LLM slots (M4)', () => {
  it('gets the extractive answer past its own cap, while another client still gets the LLM', async () => {
    const held = await startStubLlm();
    try {
      const llm = new LlmAnswerer(
        createChatModel({ baseURL: held.url, apiKey: 'x', model: 'held', timeoutMs: 10_000, temperature: 0 }),
        await loadPrompts(),
        services.index.article,
      );
      const built = buildServices(services.index, { llm, llmTimeoutMs: 10_000, maxLlmStreams: 8, maxLlmStreamsPerClient: 2 });
      const server = await listen(createApp({ services: built, trustProxyHops: 1, metrics: false }));
      servers.push(server);
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      const waitForUpstream = async (n: number) => {
        for (let i = 0; i < 500 && held.requests.length < n; i++) await new Promise((r) => setTimeout(r, 10));
      };

      const a1 = ask(server.url, 'json', QUESTION, from('203.0.113.1'));
      const a2 = ask(server.url, 'sse', QUESTION, from('203.0.113.1'));
      await waitForUpstream(2);
      const a3 = ask(server.url, 'v1-json', QUESTION, from('203.0.113.1'));
      const b1 = ask(server.url, 'json', QUESTION, from('198.51.100.7'));
      await waitForUpstream(3);
      held.releaseHeld();
      const [r1, r2, r3, rb] = await Promise.all([a1, a2, a3, b1]);
      expect([r1.mode, r2.mode]).toEqual(['llm', 'llm']);
      expect({ mode: r3.mode, fallback: r3.fallback }).toEqual({ mode: 'extractive', fallback: true });
      expect({ mode: rb.mode, fallback: rb.fallback }).toEqual({ mode: 'llm', fallback: false });
      expect(held.requests).toHaveLength(3);
    } finally {
      await held.close();
    }
  });
});
