import { randomUUID } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import type { Store } from 'express-rate-limit';
import { pino, type Logger } from 'pino';
import type { AppServices, ServicesProvider } from './app-services.js';
import { cors } from './cors.js';
import { errorHandler, NotFoundError, requireJson } from './errors.js';
import { AppMetrics } from './metrics.js';
import { apiRateLimit } from './rate-limit.js';
import { requestTimeout } from './request-timeout.js';
import { aboutGet } from './routes/about-get.js';
import { articleGet, articlesGet, speakersGet } from './routes/article-get.js';
import { chatPost } from './routes/chat-post.js';
import { checkPost, MAX_CHECK_BODY_BYTES } from './routes/check-post.js';
import { openAiRouter } from './openai-compat.js';
import type { EventStreamOptions } from './event-stream.js';
import { healthGet } from './routes/health-get.js';
import { searchGet } from './routes/search-get.js';
import { verifyGet, verifyPost } from './routes/verify-post.js';
import { securityHeaders } from './security-headers.js';
import { webRoutes } from './web-routes.js';

/** The contract's body limit (`docs/api.md`: "a body at most 32 KiB"). */
export const MAX_BODY_BYTES = 32 * 1024;

export interface CreateAppOptions {
  /** The loaded services, or a function that returns them once loaded (null before). */
  services: AppServices | ServicesProvider;
  logger?: Logger;
  /** True while the server drains for shutdown: `/healthz` then answers 503. */
  isDraining?: () => boolean;
  /** SSE settings (tests shorten the heartbeat; the server passes its stream registry). */
  eventStream?: Partial<EventStreamOptions>;
  /** Requests a client IP may make per minute on /api and /v1; 0 (the default) is no limit. */
  rateLimitPerMinute?: number;
  /** Where the rate-limit counts live (default: this process's memory; Redis with `REDIS_URL`). */
  rateLimitStore?: Store;
  /** Proxies in front of the server: Express `trust proxy` hop count (0: use the socket address). */
  trustProxyHops?: number;
  /** JSON requests taking longer get 504; default 30 s. */
  requestTimeoutMs?: number;
  /** Prometheus metrics at /metrics; pass an instance to share it, or false to turn them off. */
  metrics?: AppMetrics | false;
  /** Origins whose pages may call /api and /v1 (CORS): `config.corsOrigins`; default none. */
  corsOrigins?: readonly string[] | '*';
  /**
   * Aborted when the shutdown's bound nears: JSON answers still waiting for a model are then given
   * the extractive answer (`fallback: true`) instead of being cut (see `gracefulShutdown`'s `finishNow`).
   */
  shutdownSignal?: AbortSignal;
  /** Where the built page and widget are (default `dist/web/`, made by `npm run build:web`). */
  webDir?: string;
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
  // A hop count, never `true`: with `true` the client could name its own IP in X-Forwarded-For.
  app.set('trust proxy', options.trustProxyHops ?? 0);
  app.use(requestContext(logger));
  app.use(securityHeaders());
  const metrics = options.metrics === false ? null : (options.metrics ?? new AppMetrics());
  if (metrics) app.use(metrics.middleware());
  app.use((_req, res, next) => {
    // While draining, ask keep-alive clients to reconnect elsewhere after this response.
    if (isDraining()) res.setHeader('Connection', 'close');
    next();
  });

  app.get('/healthz', healthGet(provide, isDraining));
  if (metrics) app.get('/metrics', metrics.handler());
  const rateLimit = { perMinute: options.rateLimitPerMinute ?? 0, ...(options.rateLimitStore ? { store: options.rateLimitStore } : {}) };
  const guard = [apiRateLimit(rateLimit), requestTimeout(options.requestTimeoutMs ?? 30_000)];

  const api = express.Router();
  api.get('/about', aboutGet(provide));
  api.get('/article', articleGet(provide));
  api.get('/articles', articlesGet(provide));
  api.get('/speakers', speakersGet(provide));
  api.get('/search', searchGet(provide));
  api.get('/verify', verifyGet(provide, options.shutdownSignal));
  const json = [requireJson, express.json({ limit: MAX_BODY_BYTES })];
  api.post('/verify', ...json, verifyPost(provide, options.shutdownSignal));
  const run = options.shutdownSignal ? { cutoff: options.shutdownSignal } : {};
  // A whole text to check is larger than a chat body: 20,000 characters of Chinese.
  api.post('/check', requireJson, express.json({ limit: MAX_CHECK_BODY_BYTES }), checkPost(provide, options.shutdownSignal));
  api.post('/chat', ...json, chatPost(provide, options.eventStream, run));
  app.use(['/api', '/v1'], cors(options.corsOrigins ?? []));
  const v1 = openAiRouter(provide, json, options.eventStream, run);
  app.use('/api', ...guard, api);
  app.use('/v1', ...guard, v1);
  metrics?.mount('/api', api);
  metrics?.mount('/v1', v1);

  app.use(webRoutes(options.webDir ? { webDir: options.webDir } : {}));

  app.use((req, _res, next) => next(new NotFoundError(`no route for ${req.method} ${req.path}`)));
  app.use(errorHandler(logger));
  return app;
}
