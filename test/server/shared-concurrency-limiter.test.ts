import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedConcurrencyLimiter, type SharedConcurrencyLimiterOptions, type SharedReleaseSlot } from '../../src/server/shared-concurrency-limiter.js';
import { redisScriptRunner } from '../../src/server/shared-store.js';
import { haveRedisServer, REDIS_SERVER, startRedisServer, type TestRedisServer } from '../support/redis-server.js';

/**
 * The shared cap on LLM streams against a real `redis-server` started here on a free port. Each
 * limiter has its own Redis connection, as each process would.
 */
if (!haveRedisServer) {
  console.warn(`\n${REDIS_SERVER} not found: the shared LLM stream cap tests are left out. Install it with \`apt-get install redis-server\`; CI always runs them.\n`);
}

/** A logger whose lines the test can read. */
function capturingLogger(): { logger: Logger; lines: Array<{ level: number; msg: string }> } {
  const lines: Array<{ level: number; msg: string }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

const silent = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SharedConcurrencyLimiter', () => {
  describe('when Redis fails', () => {
    it('gives no slot, and says so once, when Redis errors', async () => {
      const { logger, lines } = capturingLogger();
      const limiter = new SharedConcurrencyLimiter(() => Promise.reject(new Error('connect ECONNREFUSED')), { limit: 4, keyPrefix: 't:', logger });
      expect(await limiter.tryAcquire('a')).toBeNull();
      expect(await limiter.tryAcquire('b')).toBeNull();
      expect(lines.filter((l) => l.level >= 50)).toHaveLength(1);
      expect(lines[0]!.msg).toContain('redis failed');
    });

    it('gives no slot when Redis does not answer in time, rather than hold the answer', async () => {
      const limiter = new SharedConcurrencyLimiter(() => new Promise(() => {}), { limit: 4, keyPrefix: 't:', commandTimeoutMs: 50, logger: silent });
      expect(await limiter.tryAcquire('a')).toBeNull();
    });
  });

  describe.skipIf(!haveRedisServer)('against redis-server', () => {
    let redis: TestRedisServer;
    const clients: Array<{ isOpen: boolean; destroy(): void }> = [];
    let prefixes = 0;

    beforeAll(async () => {
      redis = await startRedisServer();
    });

    afterAll(async () => {
      for (const client of clients) if (client.isOpen) client.destroy();
      await redis?.stop();
    });

    async function connect() {
      const client = createClient({ url: redis.url, disableOfflineQueue: true });
      client.on('error', () => {});
      await client.connect();
      clients.push(client);
      return client;
    }

    /** Limiters with one key prefix (one cap between them), each on its own connection, as processes. */
    async function processes(count: number, options: Omit<SharedConcurrencyLimiterOptions, 'keyPrefix' | 'logger'> & { logger?: Logger }) {
      const keyPrefix = `test-${++prefixes}:`;
      const out: Array<{ limiter: SharedConcurrencyLimiter; client: Awaited<ReturnType<typeof connect>> }> = [];
      for (let i = 0; i < count; i++) {
        const client = await connect();
        const limiter = new SharedConcurrencyLimiter(
          redisScriptRunner((args) => client.sendCommand(args)),
          { logger: silent, ...options, keyPrefix },
        );
        out.push({ limiter, client });
      }
      return out;
    }

    it('holds one overall cap across two processes, and frees a slot on release', async () => {
      const [a, b] = await processes(2, { limit: 3 });
      const held = [await a!.limiter.tryAcquire('x'), await a!.limiter.tryAcquire('y'), await b!.limiter.tryAcquire('z')];
      expect(held.every((release) => release !== null)).toBe(true);
      expect(await b!.limiter.tryAcquire('w')).toBeNull();
      expect(await a!.limiter.tryAcquire('w')).toBeNull();
      await held[0]!();
      const again = await b!.limiter.tryAcquire('w');
      expect(again).not.toBeNull();
      expect(await a!.limiter.tryAcquire('v')).toBeNull();
    });

    it('never lets two processes both take the last slot', async () => {
      const [a, b] = await processes(2, { limit: 3 });
      const attempts = Array.from({ length: 40 }, (_, i) => (i % 2 ? a! : b!).limiter.tryAcquire(`client-${i}`));
      const results = await Promise.all(attempts);
      expect(results.filter((r) => r !== null)).toHaveLength(3);
    });

    it('holds the per-client cap across processes, while other clients still get slots', async () => {
      const [a, b] = await processes(2, { limit: 5, perClient: 2 });
      expect(await a!.limiter.tryAcquire('x')).not.toBeNull();
      expect(await b!.limiter.tryAcquire('x')).not.toBeNull();
      expect(await a!.limiter.tryAcquire('x')).toBeNull();
      expect(await b!.limiter.tryAcquire('x')).toBeNull();
      expect(await b!.limiter.tryAcquire('y')).not.toBeNull();
      expect(await a!.limiter.tryAcquire()).not.toBeNull();
    });

    it('never lets the per-client cap exceed the overall one', async () => {
      const [a] = await processes(1, { limit: 2, perClient: 5 });
      expect(a!.limiter.perClient).toBe(2);
    });

    it('gives a slot back once, however many times it is released', async () => {
      const [a, b] = await processes(2, { limit: 2 });
      const first = await a!.limiter.tryAcquire('x');
      expect(await b!.limiter.tryAcquire('y')).not.toBeNull();
      await first!();
      await first!();
      expect(await b!.limiter.tryAcquire('z')).not.toBeNull();
      expect(await a!.limiter.tryAcquire('w')).toBeNull();
    });

    it('keeps a slot its live holder renews past the lease', async () => {
      const [a, b] = await processes(2, { limit: 1, leaseMs: 300 });
      const release = await a!.limiter.tryAcquire('x');
      expect(release).not.toBeNull();
      await sleep(1_000);
      expect(await b!.limiter.tryAcquire('y')).toBeNull();
      await release!();
    });

    it('frees the slots of a holder that died, once their lease runs out, while others still hold theirs', async () => {
      const [dying, survivor] = await processes(2, { limit: 3, perClient: 2, leaseMs: 300 });
      // The survivor's slot is renewed all along, so the overall set lives on: the dead slots must be pruned from it.
      const kept = await survivor!.limiter.tryAcquire('y');
      expect(kept).not.toBeNull();
      expect(await dying!.limiter.tryAcquire('x')).not.toBeNull();
      expect(await dying!.limiter.tryAcquire('x')).not.toBeNull();
      // The process dies: its connection goes, and nothing renews or releases its slots.
      dying!.client.destroy();
      expect(await survivor!.limiter.tryAcquire('z')).toBeNull();
      let release: SharedReleaseSlot | null = null;
      for (let tries = 0; tries < 100 && release === null; tries++) {
        await sleep(50);
        release = await survivor!.limiter.tryAcquire('z');
      }
      expect(release).not.toBeNull();
      // Both of the dead holder's slots came back, overall and for its client; the survivor's did not.
      expect(await survivor!.limiter.tryAcquire('x')).not.toBeNull();
      expect(await survivor!.limiter.tryAcquire('x')).toBeNull();
      await kept!();
    });

    it('leaves no keys behind once every slot is released', async () => {
      const [a] = await processes(1, { limit: 2 });
      const release = await a!.limiter.tryAcquire('x');
      expect(await a!.client.keys(`test-${prefixes}:*`)).toHaveLength(2);
      await release!();
      // Empty sorted sets are deleted by Redis itself.
      expect(await a!.client.keys(`test-${prefixes}:*`)).toHaveLength(0);
    });

    it('sends a script again when Redis has lost it (restart, SCRIPT FLUSH)', async () => {
      const [a] = await processes(1, { limit: 1 });
      const release = await a!.limiter.tryAcquire('x');
      await a!.client.sendCommand(['SCRIPT', 'FLUSH']);
      await release!();
      expect(await a!.limiter.tryAcquire('y')).not.toBeNull();
    });
  });
});
