import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import OpenAI from 'openai';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatModel, LlmAnswerer } from '../../src/llm/answer-llm.js';
import { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { loadPrompts } from '../../src/llm/load-prompts.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { createApp } from '../../src/server/create-app.js';
import { StreamRegistry } from '../../src/server/event-stream.js';
import { gracefulShutdown } from '../../src/server/graceful-shutdown.js';
import { MODEL_ID } from '../../src/server/openai-compat.js';
import { listen } from '../support/listen.js';
import { readSse } from '../support/read-sse.js';
import { startStubLlm, type StubLlm } from '../support/stub-llm-server.js';
import { loadTestServices } from '../support/test-index.js';

/** Starts the real server (`src/server.ts`) on a free port and waits until the index is ready. */
async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; logs: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/server.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let url = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${logs.join('\n')}`)), 30_000);
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      logs.push(text);
      url ||= /listening on (http:\/\/[\d.:]+)/u.exec(text)?.[1] ?? '';
      if (url && logs.join('').includes('index ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (text: string) => logs.push(text));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${logs.join('\n')}`)));
  });
  return { child, url, logs };
}

/** Resolves when a line holding `text` has been logged (polled; rejects after 10 s). */
async function waitForLog(logs: string[], text: string): Promise<void> {
  for (const started = Date.now(); !logs.join('').includes(text); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() - started > 10_000) throw new Error(`no log line with "${text}": ${logs.join('')}`);
  }
}

/** A GET on a connection of its own (no keep-alive pool), resolving with the status code. */
function getOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    request.on('error', reject);
  });
}

let stub: StubLlm;
beforeAll(async () => {
  stub = await startStubLlm();
});
afterAll(async () => {
  await stub.close();
});

const chat = (url: string, stream: boolean) =>
  fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: '青海发展新质生产力最大的短板是什么？' }], stream }),
  });

describe('graceful shutdown on SIGTERM', () => {
  it('finishes in-flight JSON requests, ends open streams with a last event, refuses new work and exits within the bound', async () => {
    const slow = await startServer({ LLM_BASE_URL: stub.url, LLM_MODEL: 'slow', LLM_TIMEOUT_MS: '60000', SHUTDOWN_TIMEOUT_MS: '3000' });
    const delayed = await startServer({ LLM_BASE_URL: stub.url, LLM_MODEL: 'delay', SHUTDOWN_TIMEOUT_MS: '3000' });
    try {
      // A stream that would run for 10 s, and a JSON answer that takes 0.8 s.
      const stream = await chat(slow.url, true);
      const events = readSse(stream);
      const json = chat(delayed.url, false);
      await new Promise((r) => setTimeout(r, 200));

      const started = Date.now();
      slow.child.kill('SIGTERM');
      delayed.child.kill('SIGTERM');
      const answered = await json;
      expect(answered.status).toBe(200);
      expect((await answered.json()).mode).toBe('llm');

      const { events: received } = await events;
      expect(received[0]!.event).toBe('citations');
      expect(received.at(-1)).toMatchObject({ event: 'error' });
      expect(JSON.parse(received.at(-1)!.data)).toMatchObject({ code: 'upstream_unavailable' });

      const [code] = await once(slow.child, 'exit');
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
      await expect(fetch(`${slow.url}/healthz`)).rejects.toThrow();
      if (delayed.child.exitCode === null) await once(delayed.child, 'exit');
      expect(delayed.child.exitCode).toBe(0);
    } finally {
      slow.child.kill('SIGKILL');
      delayed.child.kill('SIGKILL');
    }
  });

  it('stops accepting connections at once, while open streams drain', async () => {
    const server = await startServer({ LLM_BASE_URL: stub.url, LLM_MODEL: 'slow', LLM_TIMEOUT_MS: '60000', SHUTDOWN_TIMEOUT_MS: '2000' });
    try {
      const agent = await fetch(`${server.url}/healthz`);
      expect(agent.status).toBe(200);
      const stream = await chat(server.url, true);
      const done = readSse(stream);
      // A failed expectation below must not leave this stream's end unhandled when the child is killed.
      done.catch(() => {});
      server.child.kill('SIGTERM');
      // Once the server says it is draining (not after a fixed delay: a loaded machine may take longer
      // to deliver the signal), the listening socket is closed, and a new connection — not one of
      // fetch's pooled keep-alive sockets — is refused outright.
      await waitForLog(server.logs, 'shutting down');
      await expect(getOnNewConnection(`${server.url}/healthz`)).rejects.toThrow();
      await done;
      await once(server.child, 'exit');
    } finally {
      server.child.kill('SIGKILL');
    }
  });
});

describe('gracefulShutdown (in process, a stub model that stalls)', () => {
  /** An app over the `slow` stub model (one chunk, then silence), listening, with its shutdown. */
  async function stalledServer(timeoutMs: number) {
    const services = await loadTestServices();
    const llm = new LlmAnswerer(
      createChatModel({ baseURL: stub.url, apiKey: 'x', model: 'slow', timeoutMs: 60_000, temperature: 0 }),
      await loadPrompts(),
      services.index.article,
    );
    const answerer = new QuestionAnswerer(services.index, services.retriever, services.verifier, llm, { llmTimeoutMs: 60_000 });
    const streams = new StreamRegistry();
    const cutoff = new AbortController();
    const app = createApp({ services: { ...services, answerer }, eventStream: { registry: streams }, shutdownSignal: cutoff.signal });
    const listening = await listen(app);
    const exits: number[] = [];
    const shutdown = gracefulShutdown({
      server: listening.server,
      streams,
      logger: pino({ level: 'silent' }),
      timeoutMs,
      startDraining: () => {},
      finishNow: () => cutoff.abort(),
      exit: (code) => exits.push(code),
    });
    return { ...listening, shutdown, exits };
  }

  const question = '青海发展新质生产力最大的短板是什么？';

  it('ends a /v1 stream with an error in OpenAI\'s shape, so the official client throws an APIError', async () => {
    const server = await stalledServer(1200);
    try {
      const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
      const stream = await client.chat.completions.create({ model: MODEL_ID, messages: [{ role: 'user', content: question }], stream: true });
      const read = (async () => {
        let text = '';
        // The loop every OpenAI example shows.
        for await (const chunk of stream) {
          text += chunk.choices[0]?.delta?.content ?? '';
          void server.shutdown('SIGTERM');
        }
        return text;
      })();
      const error = await read.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('upstream_unavailable');
    } finally {
      await server.close();
    }
  });

  it('answers JSON requests still waiting for the model with the extractive fallback before the bound', async () => {
    const server = await stalledServer(1500);
    try {
      const body = { messages: [{ role: 'user', content: question }] };
      const post = (path: string) =>
        fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const chat = post('/api/chat');
      const completion = post('/v1/chat/completions');
      await new Promise((r) => setTimeout(r, 200));
      const done = server.shutdown('SIGTERM');

      const [chatResponse, completionResponse] = await Promise.all([chat, completion]);
      expect(chatResponse.status).toBe(200);
      const answered = await chatResponse.json();
      expect(answered).toMatchObject({ mode: 'extractive', fallback: true });
      expect(answered.citations.length).toBeGreaterThan(0);
      expect(completionResponse.status).toBe(200);
      expect(await completionResponse.json()).toMatchObject({ mode: 'extractive', fallback: true, choices: [{ finish_reason: 'stop' }] });
      await done;
      expect(server.exits).toEqual([0]);
    } finally {
      await server.close();
    }
  });
});
