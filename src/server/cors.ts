import type { RequestHandler } from 'express';
import { AppError } from './errors.js';

/** What cross-origin pages may do with the API, besides sending the request. */
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const DEFAULT_ALLOWED_HEADERS = 'Content-Type, Accept, Authorization, X-Request-Id';
const EXPOSED_HEADERS = 'X-Request-Id, Retry-After';
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** A header list as browsers send it in `Access-Control-Request-Headers`. */
const HEADER_LIST = /^[A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+)*$/u;

/**
 * CORS for `/api` and `/v1`: pages of the configured origins (`config.corsOrigins`, from
 * `CORS_ORIGINS`) may call the API from the browser; `'*'` lets every origin, and only when
 * configured so. Responses always vary on `Origin`.
 *
 * A disallowed origin gets no `Access-Control-Allow-Origin`, so the browser keeps the response from
 * its page; its preflight is refused with 403 in the contract's error shape, which says why. No
 * credentials are ever allowed: the API uses no cookies.
 *
 * The server's own page needs nothing here: its requests are same-origin.
 */
export function cors(origins: readonly string[] | '*'): RequestHandler {
  const allowed = origins === '*' ? '*' : new Set(origins.map((o) => o.toLowerCase()));
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    const isPreflight = req.method === 'OPTIONS' && req.get('access-control-request-method') !== undefined;
    if (!origin) {
      next();
      return;
    }
    if (allowed !== '*' && !allowed.has(origin.toLowerCase())) {
      if (isPreflight) {
        req.log?.warn({ origin }, 'CORS preflight from a disallowed origin');
        next(new AppError(403, 'invalid_request', `origin ${origin} is not allowed; add it to CORS_ORIGINS`));
        return;
      }
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', allowed === '*' ? '*' : origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (!isPreflight) {
      next();
      return;
    }
    const requested = req.get('access-control-request-headers')?.trim();
    res.vary('Access-Control-Request-Headers');
    res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
    // The OpenAI client sends headers of its own (x-stainless-*): allow what was asked for.
    res.setHeader('Access-Control-Allow-Headers', requested && HEADER_LIST.test(requested) ? requested : DEFAULT_ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
    res.setHeader('Content-Length', '0');
    res.status(204).end();
  };
}
