import type { RequestHandler } from 'express';
import { UpstreamUnavailableError } from './errors.js';

/**
 * Answers 504 in the contract's shape when a JSON request takes longer than `ms`. Event streams are
 * left alone: they stay open by design and carry heartbeats.
 */
export function requestTimeout(ms: number): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      const streaming = (res.getHeader('content-type') ?? '').toString().startsWith('text/event-stream');
      if (res.headersSent || streaming) return;
      req.log?.warn({ ms }, 'request timed out');
      next(new UpstreamUnavailableError(`request took longer than ${ms} ms`, 504));
    }, ms);
    timer.unref();
    res.on('close', () => clearTimeout(timer));
    res.on('finish', () => clearTimeout(timer));
    next();
  };
}
