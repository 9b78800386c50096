import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { readSse } from '../support/read-sse.js';
import { startStubLlm, type StubLlm } from '../support/stub-llm-server.js';

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
      server.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 150));
      // The listening socket is closed, so a new connection is refused outright.
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
      await done;
      await once(server.child, 'exit');
    } finally {
      server.child.kill('SIGKILL');
    }
  });
});
