import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { foldText } from '../../src/corpus/normalize-text.js';
import { MAX_QUERY_WORDS } from '../../src/index/tokenize-chinese.js';
import type { AppServices } from '../../src/server/app-services.js';
import { createApp } from '../../src/server/create-app.js';
import { CHAT_LIMITS } from '../../src/server/routes/chat-post.js';
import { listen } from '../support/listen.js';
import { loadTestServices } from '../support/test-index.js';

// U+FDFA is one character that NFKC folds to eighteen (four words): the cheapest way to make a legal
// question expensive, found by the attack run.
const EXPANDING = '\uFDFA';

let services: AppServices;
beforeAll(async () => {
  services = await loadTestServices();
});
afterAll(() => {
  vi.restoreAllMocks();
});

const user = (content: string) => ({ role: 'user', content });

describe('questions that grow when folded', () => {
  const longest = EXPANDING.repeat(CHAT_LIMITS.maxUserChars);

  it('rejects a question whose folded text passes the limit, on every route that answers', async () => {
    expect(foldText(longest).length).toBeGreaterThan(CHAT_LIMITS.maxFoldedUserChars);
    const app = createApp({ services });
    const chat = await request(app).post('/api/chat').send({ messages: [user(longest)] });
    expect(chat.status).toBe(400);
    expect(chat.body.error).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/^messages\[0\]\.content .*normalised/u) });
    const v1 = await request(app).post('/v1/chat/completions').send({ model: 'qinghai-interview', messages: [user(longest)] });
    expect(v1.status).toBe(400);
    const search = await request(app).get('/api/search').query({ q: longest });
    expect(search.status).toBe(400);
    expect(search.body.error.message).toMatch(/^q .*normalised/u);
  });

  it('bounds the work of the most expensive legal questions, asked at once over real connections', async () => {
    // As many expanding characters as the folded limit lets through, random Han text, and a long
    // conversation of such turns (as long as the 32 KiB body allows): each is answered, and the
    // pairwise work over the question's words stays within the bound on distinct words.
    const legal = EXPANDING.repeat(Math.floor(CHAT_LIMITS.maxFoldedUserChars / foldText(EXPANDING).length));
    let seed = 7;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const han = Array.from({ length: CHAT_LIMITS.maxUserChars }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 20_000))).join('');
    const conversation = [
      ...Array.from({ length: CHAT_LIMITS.maxMessages - 1 }, (_, i) =>
        i % 2 === 0 ? user(legal) : { role: 'assistant', content: EXPANDING.repeat(800) },
      ),
      user(`他还说了什么？${legal.slice(8)}`),
    ];
    const bodies = [{ messages: [user(legal)] }, { messages: [user(han)] }, { messages: conversation }];

    const weighed = vi.spyOn(services.retriever.lexical, 'wordWeight');
    const server = await listen(createApp({ services }));
    try {
      const responses = await Promise.all(
        bodies.flatMap((body) =>
          [1, 2].map(() =>
            fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
          ),
        ),
      );
      for (const res of responses) {
        expect(res.status, await res.clone().text()).toBe(200);
        expect((await res.json()).answer).toEqual(expect.any(String));
      }
    } finally {
      await server.close();
    }
    // Each answer may weigh every pair of its distinct words, no more.
    expect(weighed.mock.calls.length).toBeLessThanOrEqual(bodies.length * 2 * (MAX_QUERY_WORDS + 1) ** 2);
  });
});
