import type { RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
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
    ...(options.store
      ? {
          store: options.store,
          // Redis away: serve rather than refuse everyone; the store's client logs the outage.
          passOnStoreError: true,
        }
      : {}),
    // Preflight requests carry no work; they are not counted.
    skip: (req) => req.method === 'OPTIONS',
    handler: (_req, _res, next) => {
      next(new RateLimitedError(`too many requests: at most ${options.perMinute} a minute; retry after the Retry-After seconds`));
    },
  });
}
