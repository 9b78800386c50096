import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ZodError } from 'zod';

/**
 * One error family for the HTTP contract: every error leaves the server as
 * `{ "error": { "code", "message" } }` with the status its code implies, never a stack trace.
 */

export type ErrorCode =
  | 'invalid_request'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'not_found'
  | 'request_timeout'
  | 'headers_too_large'
  | 'rate_limited'
  | 'upstream_unavailable'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  toJSON(): { error: { code: ErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export class InvalidRequestError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(400, 'invalid_request', message, options);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(413, 'payload_too_large', message);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super(415, 'unsupported_media_type', message);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

/** 408: the client did not send its request (its body, usually) in time. */
export class RequestTimeoutError extends AppError {
  constructor(message: string) {
    super(408, 'request_timeout', message);
  }
}

export class UpstreamUnavailableError extends AppError {
  constructor(message: string, status: 502 | 503 | 504 = 502, options?: { cause?: unknown }) {
    super(status, 'upstream_unavailable', message, options);
  }
}

/** A zod path as people write it: `messages[0].content`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
    '',
  );
}

/**
 * A zod failure as one readable sentence. Our own messages are phrased to follow the field
 * (`messages[0].content must not be empty`); zod's own follow a colon (`k: Expected string`).
 */
export function invalidRequestFromZod(error: ZodError): InvalidRequestError {
  const issue = error.issues[0];
  if (!issue) return new InvalidRequestError('invalid request', { cause: error });
  const path = formatPath(issue.path);
  const message = !path ? issue.message : issue.message.startsWith('must ') ? `${path} ${issue.message}` : `${path}: ${issue.message}`;
  return new InvalidRequestError(message, { cause: error });
}

/** Requires a JSON body on POST routes: anything else is 415. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) {
    next(new UnsupportedMediaTypeError('request body must be application/json'));
    return;
  }
  next();
};

/** Error raised by body-parser, identified by its `type` (see body-parser's README, "Errors"). */
interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** Maps any error to the contract's shape; unknown errors are logged and become a bare 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    let appError: AppError;
    const parserError = err as BodyParserError;
    if (err instanceof AppError) {
      appError = err;
    } else if (parserError?.type === 'entity.too.large') {
      appError = new PayloadTooLargeError(`request body exceeds ${parserError.limit ?? 'the limit of'} bytes`);
    } else if (parserError?.type === 'entity.parse.failed') {
      appError = new InvalidRequestError('request body is not valid JSON');
    } else if (parserError?.type === 'encoding.unsupported' || parserError?.type === 'charset.unsupported') {
      appError = new UnsupportedMediaTypeError('request body must be UTF-8 JSON');
    } else if (parserError?.type === 'request.aborted') {
      appError = new InvalidRequestError('request was aborted by the client');
    } else if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      appError = new InvalidRequestError(parserError.message || 'bad request');
    } else {
      req.log?.error({ err }, 'unhandled error');
      if (!req.log) logger.error({ err }, 'unhandled error');
      appError = new AppError(500, 'internal', 'internal error');
    }
    if (req.originalUrl.startsWith('/v1/')) {
      // OpenAI's error shape, which the official clients parse.
      res.status(appError.status).json({
        error: { message: appError.message, type: openAiErrorType(appError.status), param: null, code: appError.code },
      });
      return;
    }
    res.status(appError.status).json(appError.toJSON());
  };
}

/** OpenAI's error `type` for a status. */
export function openAiErrorType(status: number): string {
  if (status === 429) return 'rate_limit_error';
  if (status === 401) return 'authentication_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

declare module 'express-serve-static-core' {
  interface Request {
    log?: Logger;
    id?: string;
  }
}
