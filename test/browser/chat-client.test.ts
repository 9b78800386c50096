import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/server/app-services.js';
import { ChatClient, ChatClientError, readServerSentEvents } from '../../widget/chat-client.js';
import { messagesForQuestion } from '../../widget/messages-for-question.js';
import { errorMessage, strings } from '../../widget/widget-strings.js';
import { loadTestServices } from '../support/test-index.js';
import { serveApp, useServers } from './support/browser-suite.js';
import { FAILING_QUESTION, fakeServices } from './support/fake-answerer.js';

/**
 * The page's and the widget's one network module (`widget/chat-client.ts`), run here in Node (its
 * `fetch`, `ReadableStream` and `TextDecoder` are the browser's APIs) against the real server.
 */

let services: AppServices;
const servers = useServers(async () => {
  services = await loadTestServices();
  return {
    real: await serveApp({ services, eventStream: { heartbeatMs: 5 } }),
    fake: await serveApp({ services: fakeServices(services) }),
    limited: await serveApp({ services, rateLimitPerMinute: 1 }),
  };
});

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

describe('readServerSentEvents', () => {
  it('skips comments, joins events split across chunks (even inside a character), and reads CRLF line ends', async () => {
    const bytes = new TextEncoder().encode(': ping\r\n\r\nevent: citations\r\ndata: []\r\n\r\n: ping\n\nevent: delta\ndata: {"text":"青海"}\n\nevent: done\ndata: {"a":\n');
    const inCharacter = bytes.indexOf(0xe9) + 1; // the second of 青's three bytes
    const chunks = [bytes.slice(0, 7), bytes.slice(7, 30), bytes.slice(30, inCharacter), bytes.slice(inCharacter)];
    const events = [];
    for await (const event of readServerSentEvents(streamOf(chunks))) events.push(event);
    expect(events).toEqual([
      { event: 'citations', data: '[]' },
      { event: 'delta', data: '{"text":"青海"}' },
      { event: 'done', data: '{"a":' },
    ]);
  });
});

describe('ChatClient', () => {
  it('streams the citations first, then the text, and returns the done event’s answer', async () => {
    const client = new ChatClient(`${servers.real.url}/`);
    const seen: string[] = [];
    let streamed = '';
    const response = await client.chat(
      { messages: messagesForQuestion([], '青海最大的短板是什么？') },
      { onCitations: () => seen.push('citations'), onDelta: (text) => (seen.push('delta'), (streamed += text)) },
    );
    expect(seen[0]).toBe('citations');
    expect(seen.slice(1).every((s) => s === 'delta')).toBe(true);
    expect(streamed).toBe(response.answer);
    expect(response.citations[0]).toMatchObject({ speaker: '李娜' });
  });

  it('turns an error event into a ChatClientError with the server’s code', async () => {
    const error = await new ChatClient(servers.fake.url).chat({ messages: messagesForQuestion([], FAILING_QUESTION) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatClientError);
    expect(error).toMatchObject({ code: 'internal', message: 'internal error' });
  });

  it('reads the wait a 429 asks for, and says it', async () => {
    const client = new ChatClient(servers.limited.url);
    await client.chat({ messages: messagesForQuestion([], '青海有哪些优势？') });
    const error = (await client.chat({ messages: messagesForQuestion([], '青海有哪些优势？') }).catch((e: unknown) => e)) as ChatClientError;
    expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(errorMessage(strings.zh, error.code, error.message, error.retryAfterSeconds)).toBe(`请求太频繁了，请 ${error.retryAfterSeconds} 秒后再试。`);
  });

  it('turns a 400 into a ChatClientError with the contract’s code and message', async () => {
    const error = await new ChatClient(servers.real.url).chat({ messages: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_request', status: 400, message: 'messages must hold at least one message' });
  });

  it('waits while the server loads its index (503), then reads the article and what the page says about it', async () => {
    let calls = 0;
    const loading = await serveApp({ services: () => (calls++ < 1 ? null : services) });
    try {
      const article = await new ChatClient(loading.url).article();
      expect(article.paragraphs.length).toBeGreaterThan(50);
      expect(calls).toBe(2);
      const about = await new ChatClient(loading.url).about();
      expect(about.title).toBe(article.title);
      expect(about.suggestions.length).toBeGreaterThan(0);
    } finally {
      await loading.close();
    }
  });

  it('reports a server it cannot reach as network, and a cancelled request as aborted', async () => {
    const unreachable = await new ChatClient('http://127.0.0.1:9').verify('青海').catch((e: unknown) => e);
    expect(unreachable).toMatchObject({ code: 'network' });
    const controller = new AbortController();
    controller.abort();
    const aborted = await new ChatClient(servers.real.url).verify('青海', controller.signal).catch((e: unknown) => e);
    expect(aborted).toMatchObject({ code: 'aborted' });
  });
});

describe('messagesForQuestion', () => {
  it('sends at most the last 20 messages, from a user turn, the question last, user messages cut to 500 characters', () => {
    const turns = (n: number) => Array.from({ length: n }, (_, i) => ({ role: i % 2 ? ('assistant' as const) : ('user' as const), content: `第${i}条` }));
    const even = messagesForQuestion(turns(30), '问'.repeat(600));
    expect(even).toHaveLength(19);
    expect(even[0]).toEqual({ role: 'user', content: '第12条' });
    expect(even.at(-1)).toEqual({ role: 'user', content: '问'.repeat(500) });
    const odd = messagesForQuestion(turns(29), '问');
    expect(odd).toHaveLength(20);
    expect(odd[0]).toEqual({ role: 'user', content: '第10条' });
  });

  it('never cuts a character in half', () => {
    const [message] = messagesForQuestion([], `${'a'.repeat(499)}😀`);
    expect(message!.content).toBe('a'.repeat(499));
  });

  const context = (topic: string) => ({ kind: 'topic' as const, topic, people: ['马冠奎'], items: [], at: null, cited: [{ paragraph: 29, start: 4, end: 76, speaker: '马冠奎' }] });

  it('sends the last answer back with its context, and earlier answers without theirs', () => {
    const history = [
      { role: 'user' as const, content: '马冠奎提出了哪几点建议？' },
      { role: 'assistant' as const, content: '共5点……', context: context('马冠奎提出了哪几点建议？') },
      { role: 'user' as const, content: '第二点呢？' },
      { role: 'assistant' as const, content: '二要……', context: context('第二点') },
    ];
    const messages = messagesForQuestion(history, '还有呢？');
    expect(messages[1]).toEqual({ role: 'assistant', content: '共5点……' });
    expect(messages[3]).toEqual({ role: 'assistant', content: '二要……', context: context('第二点') });
    expect(messages.at(-1)).toEqual({ role: 'user', content: '还有呢？' });
  });

  it('leaves out the context of an answer cut to the limit: it no longer describes what is sent', () => {
    const history = [
      { role: 'user' as const, content: '问' },
      { role: 'assistant' as const, content: '答'.repeat(4001), context: context('问') },
    ];
    expect(messagesForQuestion(history, '还有呢？')[1]).not.toHaveProperty('context');
  });
});

describe('ChatClient.chat with a context', () => {
  it('gets a context from the server and sends it back, so an ordinal picks that item of the list', async () => {
    const client = new ChatClient(servers.real.url);
    const list = await client.chat({ messages: messagesForQuestion([], '马冠奎提出了哪几点建议？') });
    expect(list.context?.items.length).toBeGreaterThan(2);
    const history = [
      { role: 'user' as const, content: '马冠奎提出了哪几点建议？' },
      { role: 'assistant' as const, content: list.answer, ...(list.context ? { context: list.context } : {}) },
    ];
    const third = await client.chat({ messages: messagesForQuestion(history, '第三点呢？') });
    expect(third.citations[0]).toMatchObject({ paragraph: list.context!.items[2]!.paragraph });
    expect(third.context).toMatchObject({ at: 2 });
  });
});
