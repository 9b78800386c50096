import { createHash } from 'node:crypto';
import type { Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { SharedAnswerStore } from '../answer/answer-cache.js';
import { SharedConcurrencyLimiter, type RunRedisScript } from './shared-concurrency-limiter.js';

/**
 * State shared by every process and replica through one Redis (`REDIS_URL`): the rate-limit
 * counts, so that a client gets one limit behind a load balancer, not one per process, the
 * answer cache's second tier, so that an answer one replica composed serves the others, and the
 * cap on concurrent LLM streams (`MAX_LLM_STREAMS`, per client too), counted for all. The only
 * module that knows the Redis client; `redis` and `rate-limit-redis` are imported only when
 * `REDIS_URL` is set, so a single process without it loads neither.
 */
export interface SharedStore {
  /** express-rate-limit's store, counting in Redis. */
  rateLimitStore: Store;
  /** Answers kept for {@link SHARED_ANSWER_TTL_SECONDS}; misses when Redis is away. */
  answerStore: SharedAnswerStore;
  /** The cap on concurrent LLM streams, counted across every process (see {@link SharedConcurrencyLimiter}). */
  llmStreamLimiter(limit: number, perClient: number): SharedConcurrencyLimiter;
  close(): Promise<void>;
}

/**
 * How long a shared answer is kept. Redis bounds the rest: give it a `maxmemory` with
 * `allkeys-lru` (README, "Running in production"). Keys carry the index, so a new index is never
 * served an old answer.
 */
export const SHARED_ANSWER_TTL_SECONDS = 3600;

/** Key prefix of everything this app writes, so that one Redis can serve other apps too. */
export const SHARED_KEY_PREFIX = 'qinghai-rag:';

/**
 * Connects to Redis and builds the shared store.
 *
 * @throws {Error} when Redis cannot be reached at start: a replica that silently counted alone would
 *   give clients N × the limit.
 */
export async function connectSharedStore(url: string, logger: Logger): Promise<SharedStore> {
  const [{ createClient }, { RedisStore }] = await Promise.all([import('redis'), import('rate-limit-redis')]);
  let connectedOnce = false;
  const client = createClient({
    url,
    // While Redis is away, commands fail at once instead of queueing (and holding requests); the
    // limiter then lets requests through (see `passOnStoreError` in rate-limit.ts) until it is back.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5000,
      // At start, a refused connection is an error (connect() rejects); later, keep trying.
      reconnectStrategy: (retries, cause) => (connectedOnce ? Math.min(100 * 2 ** retries, 5000) : cause),
    },
  });
  let reported = false;
  client.on('error', (error: unknown) => {
    // The client emits an error on every failed reconnect: say it once per outage.
    if (reported) return;
    reported = true;
    logger.error({ err: error }, 'redis unavailable; rate limits are per process until it is back');
  });
  client.on('ready', () => {
    connectedOnce = true;
    if (reported) logger.info('redis is back');
    reported = false;
  });
  try {
    await client.connect();
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new Error(`cannot connect to REDIS_URL: ${error instanceof Error ? error.message : String(error)}`);
  }
  const rateLimitStore = new RedisStore({
    sendCommand: (...args: string[]) => client.sendCommand(args),
    prefix: `${SHARED_KEY_PREFIX}rate-limit:`,
  });
  const answerKey = (key: string) => `${SHARED_KEY_PREFIX}answer:${createHash('sha256').update(key).digest('hex')}`;
  const answerStore: SharedAnswerStore = {
    async get(key) {
      try {
        return await client.get(answerKey(key));
      } catch {
        return null;
      }
    },
    async set(key, json) {
      try {
        await client.set(answerKey(key), json, { expiration: { type: 'EX', value: SHARED_ANSWER_TTL_SECONDS } });
      } catch {
        // Redis away: the answer stays in this process's cache; the outage is logged once above.
      }
    },
  };
  const runScript = redisScriptRunner((args) => client.sendCommand(args));
  return {
    rateLimitStore,
    answerStore,
    llmStreamLimiter: (limit, perClient) =>
      new SharedConcurrencyLimiter(runScript, { limit, perClient, keyPrefix: SHARED_KEY_PREFIX, logger }),
    async close() {
      await client.close();
    },
  };
}

/**
 * Runs scripts by their SHA1 (`EVALSHA`), sending a script's text (`EVAL`) only when Redis does not
 * have it yet (first use, or after a restart or `SCRIPT FLUSH`).
 */
export function redisScriptRunner(sendCommand: (args: string[]) => Promise<unknown>): RunRedisScript {
  const shas = new Map<string, string>();
  return async (script, keys, args) => {
    let sha = shas.get(script);
    if (sha === undefined) {
      sha = createHash('sha1').update(script).digest('hex');
      shas.set(script, sha);
    }
    const rest = [String(keys.length), ...keys, ...args];
    try {
      return await sendCommand(['EVALSHA', sha, ...rest]);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return await sendCommand(['EVAL', script, ...rest]);
    }
  };
}
