import type { Response } from 'express';
import { UpstreamUnavailableError } from '../errors.js';

/**
 * A signal for long work done for one request (a check across a library): aborted when the
 * response has closed before the work sent it (the client left, or a 504 went out at the request
 * timeout), with nothing more to send; or when the server's shutdown cutoff comes, with a 503 for
 * the client (the work then rejects with it, and the error handler sends it).
 */
export function abortWhenUnwanted(res: Response, shutdown?: AbortSignal): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new UpstreamUnavailableError('the client left before the answer', 503));
  });
  res.on('finish', () => controller.abort(new UpstreamUnavailableError('answered already', 503)));
  if (shutdown) {
    const stop = () => controller.abort(new UpstreamUnavailableError('the server is shutting down; retry on another replica', 503));
    if (shutdown.aborted) stop();
    else shutdown.addEventListener('abort', stop, { once: true });
    res.on('close', () => shutdown.removeEventListener('abort', stop));
  }
  return controller.signal;
}

/**
 * `work`'s result, or null when it was stopped because the response had already ended (nothing
 * to send, and nothing to report: the error handler would otherwise cut the connection).
 */
export async function unlessUnwanted<T>(res: Response, work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (res.headersSent || res.destroyed) return null;
    throw error;
  }
}
