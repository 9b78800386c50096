import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../src/server/app-services.js';
import { createApp } from '../../src/server/create-app.js';
import { connectSharedStore, rateLimitRedisStore, type SharedStore } from '../../src/server/shared-store.js';
import { haveRedisServer, startRedisServer, type TestRedisServer } from '../support/redis-server.js';
import { loadTestServices } from '../support/test-index.js';

/**
 * A Redis that stops answering while its socket stays open (`redis-server` paused with SIGSTOP):
 * requests are answered at once, counted in this process meanwhile, and the logs say so once.
 */
describe.skipIf(!haveRedisServer)('a hung Redis (REDIS_URL)', () => {
  let redis: TestRedisServer;
  let shared: SharedStore;
  let services: AppServices;
  const lines: Array<{ level: number; msg: string }> = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    services = await loadTestServices();
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    shared = await connectSharedStore(redis.url, pino({ level: 'info' }, sink));
  });

  afterAll(async () => {
    redis.resume();
    await shared?.close();
    await redis?.stop();
  });

  it('answers within a second while Redis is paused, counts per process meanwhile, and logs the outage once without stacks', async () => {
    const app = createApp({ services, rateLimitPerMinute: 4, rateLimitStore: shared.rateLimitStore });
    const consoleError = vi.spyOn(console, 'error');
    try {
      expect((await request(app).get('/api/speakers')).status).toBe(200);
      redis.pause();
      const statuses: number[] = [];
      const took: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        statuses.push((await request(app).get('/api/speakers')).status);
        took.push(performance.now() - started);
      }
      expect(Math.max(...took)).toBeLessThan(1000);
      // One request was counted in Redis before the pause; this process counts the rest alone.
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
      const outage = lines.filter((l) => /redis/i.test(l.msg));
      expect(outage).toHaveLength(1);
      expect(outage[0]!.msg).toMatch(/redis unavailable/);
      expect(JSON.stringify(outage[0])).not.toMatch(/\n\s+at /u);
      expect(consoleError).not.toHaveBeenCalled();

      redis.resume();
      // Past the pause before Redis is asked again; then it answers and the logs say so.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await request(app).get('/api/speakers')).status).toBe(200);
      expect(lines.filter((l) => /redis/i.test(l.msg)).map((l) => l.msg)).toEqual([outage[0]!.msg, 'redis is back']);
    } finally {
      consoleError.mockRestore();
    }
  });

  it('misses the shared answer cache at once while Redis is paused', async () => {
    redis.pause();
    try {
      const started = performance.now();
      expect(await shared.answerStore.get('some conversation')).toBeNull();
      await shared.answerStore.set('some conversation', '{}');
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      redis.resume();
    }
  });

  it('while Redis is down, writes no stack trace per request and logs the outage once', async () => {
    const gone = await startRedisServer();
    const goneLines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (goneLines.push(...String(chunk).split('\n').filter(Boolean)), done()) });
    const store = await connectSharedStore(gone.url, pino({ level: 'info' }, sink));
    const consoleError = vi.spyOn(console, 'error');
    try {
      const app = createApp({ services, rateLimitPerMinute: 100, rateLimitStore: store.rateLimitStore });
      await gone.stop();
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await request(app).get('/api/speakers')).status);
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(consoleError).not.toHaveBeenCalled();
      expect(goneLines.filter((l) => /redis unavailable/.test(l))).toHaveLength(1);
    } finally {
      consoleError.mockRestore();
      await store.close().catch(() => {});
    }
  });
});

describe('the rate-limit store over Redis', () => {
  it('counts in Redis again after its scripts failed to load (Redis away at that moment), not per process for good', async () => {
    let loadsRefused = 2;
    const sendCommand = async (args: string[]) => {
      if (args[0] === 'SCRIPT') {
        if (loadsRefused-- > 0) throw new Error('redis did not answer within 500 ms');
        return 'sha-of-the-script';
      }
      if (args[0] === 'EVALSHA') return [1, 60_000];
      throw new Error(`unexpected ${args[0]}`);
    };
    const store = await rateLimitRedisStore(sendCommand);
    await expect(Promise.resolve(store.init?.({ windowMs: 60_000 } as never))).rejects.toThrow('500 ms');
    // The count that meets the failed load fails (the limiter then counts in this process) ...
    await expect(store.increment('client')).rejects.toThrow('500 ms');
    // ... and the next one counts in Redis.
    expect(await store.increment('client')).toMatchObject({ totalHits: 1 });
  });
});
