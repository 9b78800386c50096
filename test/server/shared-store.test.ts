import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { freePort, haveRedisServer, REDIS_SERVER, startRedisServer, type TestRedisServer } from '../support/redis-server.js';
import { startStubLlm } from '../support/stub-llm-server.js';

/**
 * Two server processes (built, `node dist/server.js`) behind one Redis, as two replicas behind a
 * load balancer: one client gets one rate limit across both, not one per process, and an answer
 * one composed is served from the shared cache by the other, and the cap on LLM streams counts the
 * streams of both. Debian's
 * `redis-server` is started here on a free port, with no persistence, and stopped after. Without
 * it the test is left out with a notice, except in CI (`.ci/run` installs it), where it must run.
 */
const haveRedis = haveRedisServer;
if (!haveRedis) {
  console.warn(`\n${REDIS_SERVER} not found: the shared rate-limit test is left out. Install it with \`apt-get install redis-server\`; CI always runs it.\n`);
}

/** Waits until a child prints `text`; rejects when it exits first or after `ms`. */
function waitForOutput(child: ChildProcess, text: string | RegExp, output: () => string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const found = () => (typeof text === 'string' ? output().includes(text) : text.test(output()));
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(text)}:\n${output()}`)), ms);
    const check = () => {
      if (!found()) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${String(text)}:\n${output()}`));
    });
    check();
  });
}

function spawnLogged(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return { child, output: () => text };
}

describe.skipIf(!haveRedis)('state shared through Redis (REDIS_URL)', () => {
  const children: ChildProcess[] = [];
  let redis: TestRedisServer | null = null;
  let redisUrl = '';

  beforeAll(async () => {
    redis = await startRedisServer();
    redisUrl = redis.url;
  });

  afterAll(async () => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await redis?.stop();
  });

  async function startReplica(env: Record<string, string>): Promise<string> {
    const server = spawnLogged(process.execPath, [join(PROJECT_ROOT, 'dist/server.js')], {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      // A live Redis on a machine loaded by the whole suite may take over the 500 ms default to
      // answer; these tests are about sharing, not about a hung Redis (redis-outage.test.ts).
      REDIS_TIMEOUT_MS: '5000',
      ...env,
    });
    children.push(server.child);
    await waitForOutput(server.child, 'index ready', server.output, 30_000);
    return /listening on (http:\/\/[\d.:]+)/u.exec(server.output())![1]!;
  }

  it('holds one limit across two processes: the fifth request in a minute is refused, whichever process gets it', async () => {
    const env = { REDIS_URL: redisUrl, RATE_LIMIT_PER_MINUTE: '4' };
    const [a, b] = await Promise.all([startReplica(env), startReplica(env)]);
    const statuses: number[] = [];
    // Alternating, as a round-robin balancer would: two requests reach each process within its own limit.
    for (const url of [a, b, a, b, a, b]) statuses.push((await fetch(`${url}/api/speakers`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const refused = await fetch(`${b}/api/speakers`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/u);
    expect((await refused.json()).error.code).toBe('rate_limited');
  });

  it('serves an answer one process composed from the shared cache in the other', async () => {
    const env = { REDIS_URL: redisUrl, RATE_LIMIT_PER_MINUTE: '0' };
    const [a, b] = await Promise.all([startReplica(env), startReplica(env)]);
    const ask = (url: string) =>
      fetch(`${url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: '青海发展新质生产力最大的短板是什么？' }] }),
      });
    const first = await (await ask(a)).json();
    // The shared write is not awaited by the request: give it a moment.
    await new Promise((r) => setTimeout(r, 200));
    const second = await (await ask(b)).json();
    expect(second).toEqual(first);
    const metrics = await (await fetch(`${b}/metrics`)).text();
    expect(metrics).toMatch(/^answer_cache_hits_total 1$/mu);
    expect(metrics).toMatch(/^answer_cache_misses_total 0$/mu);
  });

  it('holds one cap on LLM streams across two processes: past it, either answers extractively', async () => {
    const stub = await startStubLlm();
    try {
      const env = {
        REDIS_URL: redisUrl,
        RATE_LIMIT_PER_MINUTE: '0',
        ANSWER_CACHE_ENTRIES: '0',
        LLM_BASE_URL: stub.url,
        LLM_MODEL: 'held',
        MAX_LLM_STREAMS: '2',
        MAX_LLM_STREAMS_PER_CLIENT: '2',
      };
      const [a, b] = await Promise.all([startReplica(env), startReplica(env)]);
      const ask = async (url: string, question: string) => {
        const response = await fetch(`${url}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ messages: [{ role: 'user', content: question }] }),
        });
        return (await response.json()) as { mode: string; fallback?: boolean };
      };
      // One stream held on each process: each alone is under its cap of 2, together they are at it.
      const heldOnA = ask(a, '青海发展新质生产力最大的短板是什么？');
      const heldOnB = ask(b, '李娜对人才培养有什么建议？');
      for (let tries = 0; tries < 200 && stub.requests.length < 2; tries++) await new Promise((r) => setTimeout(r, 50));
      expect(stub.requests).toHaveLength(2);

      const pastCapOnA = await ask(a, '马冠奎提出了哪几点建议？');
      const pastCapOnB = await ask(b, '王中毅怎么看数字经济？');
      expect(pastCapOnA).toMatchObject({ mode: 'extractive', fallback: true });
      expect(pastCapOnB).toMatchObject({ mode: 'extractive', fallback: true });
      // Neither reached the model.
      expect(stub.requests).toHaveLength(2);

      stub.releaseHeld();
      expect(await heldOnA).toMatchObject({ mode: 'llm' });
      expect(await heldOnB).toMatchObject({ mode: 'llm' });
      // The slots came back: the model answers again. A slot is given back in Redis as its stream
      // ends, a moment after the response: on a loaded machine the next question may come first.
      let again = await ask(a, '马冠奎提出了哪几点建议？');
      for (let tries = 0; tries < 30 && again.mode !== 'llm'; tries++) {
        await new Promise((r) => setTimeout(r, 100));
        again = await ask(a, '马冠奎提出了哪几点建议？');
      }
      expect(again).toMatchObject({ mode: 'llm' });
    } finally {
      await stub.close();
    }
  });

  it('refuses to start when REDIS_URL cannot be reached, rather than count alone', async () => {
    const server = spawnLogged(process.execPath, [join(PROJECT_ROOT, 'dist/server.js')], {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    });
    children.push(server.child);
    const [code] = await once(server.child, 'exit');
    expect(code).toBe(1);
    expect(server.output()).toContain('cannot connect to REDIS_URL');
  });
});
