import { randomUUID } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import { pino, type Logger } from 'pino';
import type { AppServices, ServicesProvider } from './app-services.js';
import { errorHandler, NotFoundError, requireJson } from './errors.js';
import { articleGet, speakersGet } from './routes/article-get.js';
import { chatPost } from './routes/chat-post.js';
import { openAiRouter } from './openai-compat.js';
import type { EventStreamOptions } from './event-stream.js';
import { healthGet } from './routes/health-get.js';
import { searchGet } from './routes/search-get.js';
import { verifyPost } from './routes/verify-post.js';

/** The contract's body limit (`docs/api.md`: "a body at most 32 KiB"). */
export const MAX_BODY_BYTES = 32 * 1024;

export interface CreateAppOptions {
  /** The loaded services, or a function that returns them once loaded (null before). */
  services: AppServices | ServicesProvider;
  logger?: Logger;
  /** True while the server drains for shutdown: `/healthz` then answers 503. */
  isDraining?: () => boolean;
  /** SSE settings (tests shorten the heartbeat). */
  eventStream?: Partial<EventStreamOptions>;
}

/** Gives each request an id (kept from a sane `X-Request-Id`) and a child logger; logs completion. */
function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && /^[\w.-]{1,64}$/u.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ reqId: req.id });
    res.setHeader('X-Request-Id', req.id);
    const started = performance.now();
    res.on('finish', () => {
      req.log!.info(
        { method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(performance.now() - started) },
        'request',
      );
    });
    next();
  };
}

/**
 * Builds the Express app. It never listens: `src/server.ts` does, and tests call it through
 * supertest without a port.
 *
 * @example const app = createApp({ services: buildServices(index) });
 */
export function createApp(options: CreateAppOptions): Express {
  const provide: ServicesProvider =
    typeof options.services === 'function' ? options.services : () => options.services as AppServices;
  const logger = options.logger ?? pino({ level: 'silent' });
  const isDraining = options.isDraining ?? (() => false);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestContext(logger));

  app.get('/healthz', healthGet(provide, isDraining));

  const api = express.Router();
  api.get('/article', articleGet(provide));
  api.get('/speakers', speakersGet(provide));
  api.get('/search', searchGet(provide));
  const json = [requireJson, express.json({ limit: MAX_BODY_BYTES })];
  api.post('/verify', ...json, verifyPost(provide));
  api.post('/chat', ...json, chatPost(provide, options.eventStream));
  app.use('/api', api);
  app.use('/v1', openAiRouter(provide, json, options.eventStream));

  app.use((req, _res, next) => next(new NotFoundError(`no route for ${req.method} ${req.path}`)));
  app.use(errorHandler(logger));
  return app;
}
