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
 * How long any Redis call may take. A Redis that stops answering while its socket stays open
 * (paused, overloaded, partitioned) would otherwise hold every request that counts in it; past this
 * bound the call fails as if Redis were away: the rate limit counts in this process, answers are
 * not shared and LLM answers are extractive, until it answers again.
 */
export const DEFAULT_REDIS_TIMEOUT_MS = 500;

/** After a failed call, Redis is not asked again for this long: one probe a second, not one a request. */
export const REDIS_RETRY_AFTER_MS = 1_000;

export interface ConnectSharedStoreOptions {
  /** The bound on every Redis call ({@link DEFAULT_REDIS_TIMEOUT_MS}; `REDIS_TIMEOUT_MS`). */
  timeoutMs?: number;
}

/** A Redis call that failed, timed out, or was not made because Redis failed just before. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

/**
 * Says once per outage that Redis is away or slow, and once that it is back: the client emits an
 * error on every failed reconnect, and every request would meet a timeout.
 */
function outageLog(logger: Logger) {
  let down = false;
  return {
    failed(reason: string) {
      if (down) return;
      down = true;
      logger.error({ reason }, 'redis unavailable; rate limits are per process, answers unshared and LLM answers extractive until it is back');
    },
    answered() {
      if (!down) return;
      down = false;
      logger.info('redis is back');
    },
  };
}

/**
 * Connects to Redis and builds the shared store. Every call it makes is bounded by
 * {@link ConnectSharedStoreOptions.timeoutMs}; a call that fails or times out is a store error, and
 * Redis is then left alone for {@link REDIS_RETRY_AFTER_MS} (calls fail at once) before it is tried again.
 *
 * @throws {Error} when Redis cannot be reached at start: a replica that silently counted alone would
 *   give clients N × the limit.
 */
export async function connectSharedStore(url: string, logger: Logger, options: ConnectSharedStoreOptions = {}): Promise<SharedStore> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
  const { createClient } = await import('redis');
  let connectedOnce = false;
  const client = createClient({
    url,
    // While Redis is away, commands fail at once instead of queueing (and holding requests).
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5000,
      // At start, a refused connection is an error (connect() rejects); later, keep trying.
      reconnectStrategy: (retries, cause) => (connectedOnce ? Math.min(100 * 2 ** retries, 5000) : cause),
    },
  });
  const outage = outageLog(logger);
  client.on('error', (error: unknown) => outage.failed(error instanceof Error ? error.message : String(error)));
  client.on('ready', () => {
    connectedOnce = true;
    outage.answered();
  });
  try {
    await client.connect();
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new Error(`cannot connect to REDIS_URL: ${error instanceof Error ? error.message : String(error)}`);
  }

  let resting = 0;
  /** Every command goes through here: bounded in time, and not sent while Redis rests after a failure. */
  const send = async (args: string[]): Promise<unknown> => {
    if (performance.now() < resting) throw new RedisUnavailableError('redis failed a moment ago; not asked again yet');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RedisUnavailableError(`redis did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const reply = await Promise.race([client.sendCommand(args), timeout]);
      outage.answered();
      return reply;
    } catch (error) {
      // A script Redis does not have yet is an answer, not an outage.
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) throw error;
      resting = performance.now() + REDIS_RETRY_AFTER_MS;
      outage.failed(error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };

  const rateLimitStore = await rateLimitRedisStore((args) => send(args));
  const answerKey = (key: string) => `${SHARED_KEY_PREFIX}answer:${createHash('sha256').update(key).digest('hex')}`;
  const answerStore: SharedAnswerStore = {
    async get(key) {
      try {
        const reply = await send(['GET', answerKey(key)]);
        return typeof reply === 'string' ? reply : null;
      } catch {
        return null;
      }
    },
    async set(key, json) {
      try {
        await send(['SET', answerKey(key), json, 'EX', String(SHARED_ANSWER_TTL_SECONDS)]);
      } catch {
        // Redis away: the answer stays in this process's cache; the outage is logged once above.
      }
    },
  };
  const runScript = redisScriptRunner(send);
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
 * rate-limit-redis's store, counting under {@link SHARED_KEY_PREFIX}, that recovers from a failed
 * script load: the store keeps the promise of its scripts' SHA1s, and one load that failed (Redis
 * away or slow at start, or when it reloads them after a Redis restart) would fail every later count
 * for good, leaving the limit per process with Redis back. A failed count loads them again for the next.
 */
export async function rateLimitRedisStore(sendCommand: (args: string[]) => Promise<unknown>): Promise<Store> {
  const { RedisStore } = await import('rate-limit-redis');
  class RecoveringRedisStore extends RedisStore {
    override async increment(key: string) {
      try {
        return await super.increment(key);
      } catch (error) {
        this.incrementScriptSha = reloadIfFailed(this.incrementScriptSha, () => this.loadIncrementScript());
        this.getScriptSha = reloadIfFailed(this.getScriptSha, () => this.loadGetScript());
        throw error;
      }
    }
  }
  return new RecoveringRedisStore({ sendCommand: (...args: string[]) => sendCommand(args) as Promise<never>, prefix: `${SHARED_KEY_PREFIX}rate-limit:` });
}

/** `sha` itself when it resolved; a new load when it failed (marked handled: no one may await it before the next count). */
function reloadIfFailed(sha: Promise<string> | undefined, load: () => Promise<string>): Promise<string> {
  const next = (sha ?? Promise.reject(new Error('no script loaded'))).catch(() => load());
  next.catch(() => {});
  return next;
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
