import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit, type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit';
import { AppError } from './errors.js';

export class RateLimitedError extends AppError {
  constructor(message: string) {
    super(429, 'rate_limited', message);
  }
}

export interface RateLimitOptions {
  /** Requests a client IP may make in a minute; 0 switches the limit off. */
  perMinute: number;
  /** Where the counts live: this process's memory by default, or a shared store (Redis). */
  store?: Store;
}

/**
 * The key a client is counted by: `req.ip` (which honours the `trust proxy` hop count), an IPv6
 * address taken by its /56 network as express-rate-limit does, since one host may hold many of them.
 * The rate limit and the per-client cap on LLM streams use the same key.
 */
export function clientKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

/**
 * Per-client-IP rate limit for the API, answering 429 in the contract's shape with `Retry-After`.
 * The client IP is `req.ip`, which honours Express's `trust proxy` hop count, so a spoofed
 * `X-Forwarded-For` cannot dodge the limit. The counts live in this process's memory, or, with
 * `REDIS_URL`, in Redis, shared by every process and replica (see README, "Running in production").
 */
export function apiRateLimit(options: RateLimitOptions): RequestHandler {
  if (options.perMinute <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: options.perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: clientKey,
    // Redis away or slow: count in this process until it answers (the shared store logs the outage once).
    ...(options.store ? { store: new StoreWithFallback(options.store) } : {}),
    // Preflight requests carry no work; they are not counted.
    skip: (req) => req.method === 'OPTIONS',
    handler: (_req, _res, next) => {
      next(new RateLimitedError(`too many requests: at most ${options.perMinute} a minute; retry after the Retry-After seconds`));
    },
  });
}

/**
 * Counts in `shared` (Redis), and in this process's memory whenever `shared` fails: a Redis that is
 * away or slow neither holds requests nor lets every client through unlimited, and nothing is
 * written per request (express-rate-limit's `passOnStoreError` logs a stack trace for each).
 */
export class StoreWithFallback implements Store {
  private readonly local = new MemoryStore();

  constructor(private readonly shared: Store) {}

  get localKeys(): boolean {
    return false;
  }

  get prefix(): string | undefined {
    return this.shared.prefix;
  }

  async init(options: Options): Promise<void> {
    this.local.init(options);
    await this.shared.init?.(options);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    try {
      return await this.shared.increment(key);
    } catch {
      return this.local.increment(key);
    }
  }

  async decrement(key: string): Promise<void> {
    await Promise.allSettled([this.shared.decrement(key), this.local.decrement(key)]);
  }

  async resetKey(key: string): Promise<void> {
    await Promise.allSettled([this.shared.resetKey(key), this.local.resetKey(key)]);
  }

  async shutdown(): Promise<void> {
    this.local.shutdown();
    await this.shared.shutdown?.();
  }
}
