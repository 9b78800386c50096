import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/server/app-services.js';
import { createApp } from '../../src/server/create-app.js';
import { listen } from '../support/listen.js';
import { loadTestServices } from '../support/test-index.js';

/**
 * Property tests over request bodies: whatever a client sends, the answer is 200, 400, 413, 415 or
 * 429 in the contract's shape, never a 500 and never a hang.
 */
const RUNS = 1000;
const ALLOWED = new Set([200, 400, 413, 415, 429]);

let services: AppServices;
let server: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  services = await loadTestServices();
  server = await listen(createApp({ services }));
});
afterAll(async () => {
  await server.close();
});

async function send(path: string, body: string, contentType: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, text: await res.text() };
}

function checkResponse(status: number, text: string, openAi = false): void {
  expect(ALLOWED.has(status), `status ${status}: ${text.slice(0, 200)}`).toBe(true);
  if (status === 200) return;
  const body = JSON.parse(text);
  if (openAi) expect(body.error).toMatchObject({ message: expect.any(String), type: expect.any(String) });
  else expect(body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
}

const chineseText = fc.string({ unit: fc.constantFrom(...'青海新质生产力发展优势短板李娜刘畅他那呢吗？，。“”[1] abc<>&\'"\\'.split('')), maxLength: 60 });
const message = fc.record(
  {
    role: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'tool'), fc.string()),
    content: fc.oneof(chineseText, fc.string({ maxLength: 600 }), fc.integer(), fc.constant(null), fc.array(fc.record({ type: fc.constant('text'), text: chineseText }), { maxLength: 2 })),
  },
  { requiredKeys: [] },
);
const chatLike = fc.record(
  {
    messages: fc.oneof(fc.array(message, { maxLength: 24 }), fc.jsonValue()),
    stream: fc.oneof(fc.constant(false), fc.boolean(), fc.jsonValue()),
    speaker: fc.oneof(fc.constantFrom('李娜', '张三', ''), fc.jsonValue()),
    model: fc.string({ maxLength: 20 }),
    max_tokens: fc.oneof(fc.integer(), fc.constant(1e9)),
    logit_bias: fc.dictionary(fc.string({ maxLength: 5 }), fc.integer({ min: -100, max: 100 })),
    logprobs: fc.boolean(),
  },
  { requiredKeys: [] },
);
/** A body: valid-looking JSON, any JSON, or bytes that are not JSON at all. */
const body = (shaped: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 4, arbitrary: shaped.map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  );
const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/json; charset=utf-8') },
);

describe('any request body', () => {
  it(`POST /api/chat answers 200/400/413/415/429, never 500 (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(body(chatLike), contentType, async (b, ct) => {
        const { status, text } = await send('/api/chat', b, ct);
        checkResponse(status, text);
      }),
      { numRuns: RUNS },
    );
  });

  it(`POST /api/verify answers 200/400/413/415/429, never 500 (${RUNS} runs)`, async () => {
    const verifyLike = fc.record({ quote: fc.oneof(chineseText, fc.string({ maxLength: 2100 }), fc.jsonValue()) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(body(verifyLike), contentType, async (b, ct) => {
        const { status, text } = await send('/api/verify', b, ct);
        checkResponse(status, text);
        if (status === 200) expect(typeof JSON.parse(text).found).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
  });

  it(`POST /v1/chat/completions answers 200/400/413/415/429 in OpenAI's shape, never 500 (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(body(chatLike), contentType, async (b, ct) => {
        const { status, text } = await send('/v1/chat/completions', b, ct);
        checkResponse(status, text, true);
      }),
      { numRuns: RUNS },
    );
  });

  it(`GET /api/search answers 200/400/429 for any query string, never 500 (${RUNS} runs)`, async () => {
    const param = fc.oneof(chineseText, fc.string({ maxLength: 600 }), fc.integer().map(String), fc.constantFrom('0', '1', '20', '21', '-1', '1e3', ' 5'));
    const query = fc.oneof(
      fc.record({ q: param, k: param, speaker: param }, { requiredKeys: [] }).map((o) => new URLSearchParams(o as Record<string, string>).toString()),
      fc.string({ maxLength: 100 }).map((raw) => encodeURI(raw)),
      fc.tuple(param, param).map(([a, b]) => `q=${encodeURIComponent(a)}&q=${encodeURIComponent(b)}`),
    );
    await fc.assert(
      fc.asyncProperty(query, async (qs) => {
        const res = await fetch(`${server.url}/api/search?${qs}`, { signal: AbortSignal.timeout(5000) });
        checkResponse(res.status, await res.text());
      }),
      { numRuns: RUNS },
    );
  });
});
