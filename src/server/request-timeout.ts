import type { RequestHandler } from 'express';
import { RequestTimeoutError, UpstreamUnavailableError } from './errors.js';

/**
 * Bounds a JSON request to `ms`. A client still sending its body by then gets one `408
 * request_timeout` and the connection closes (the rest of the body will not be read, and Node would
 * otherwise answer the same request again at its own `requestTimeout`); a request received in full
 * whose answer is late gets `504 upstream_unavailable`. Event streams are left alone: they stay open
 * by design and carry heartbeats.
 */
export function requestTimeout(ms: number): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      const streaming = (res.getHeader('content-type') ?? '').toString().startsWith('text/event-stream');
      if (res.headersSent || streaming) return;
      if (!req.complete) {
        req.log?.warn({ ms }, 'request body not received in time');
        res.setHeader('Connection', 'close');
        next(new RequestTimeoutError(`request body was not received within ${ms} ms`));
        return;
      }
      req.log?.warn({ ms }, 'request timed out');
      next(new UpstreamUnavailableError(`request took longer than ${ms} ms`, 504));
    }, ms);
    timer.unref();
    res.on('close', () => clearTimeout(timer));
    res.on('finish', () => clearTimeout(timer));
    next();
  };
}
