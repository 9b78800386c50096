import type { Request, RequestHandler, Response, Router } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AnswerCacheStats } from '../answer/answer-cache.js';

/**
 * Request counts and latency histograms in Prometheus format at `GET /metrics`. Each app has its
 * own registry, so tests can build many apps. The route label is the full pattern of the matched
 * route (`/api/search`, `/v1/models/:id`), a mount (`/api`, for a 429 or a preflight answered before
 * any route), `unmatched` (404) or `other`: never the raw path, so neither unknown URLs nor case
 * variants (`/APi/speakers`) add series.
 */
export class AppMetrics {
  readonly registry = new Registry();
  /** Each mounted router's routes, by the `Route` object Express puts on `req.route`, with their mount path. */
  private readonly routeMounts = new WeakMap<object, string>();
  private readonly mounts = new Set<string>();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly duration: Histogram<'method' | 'route'>;
  readonly openStreams: Gauge;

  constructor(options: { defaultMetrics?: boolean; openStreams?: () => number; answerCache?: () => AnswerCacheStats | null } = {}) {
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency (for event streams: until the stream ends)',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    const countStreams = options.openStreams;
    this.openStreams = new Gauge({
      name: 'sse_open_streams',
      help: 'Server-Sent Event streams open now',
      registers: [this.registry],
      collect() {
        if (countStreams) this.set(countStreams());
      },
    });
    const cacheStats = options.answerCache;
    if (cacheStats) {
      // Read from the cache when scraped: counting on every request would cost the hot path.
      const counter = (name: string, help: string, pick: (stats: AnswerCacheStats) => number) =>
        new Counter({
          name,
          help,
          registers: [this.registry],
          collect() {
            const stats = cacheStats();
            this.reset();
            if (stats) this.inc(pick(stats));
          },
        });
      const gauge = (name: string, help: string, pick: (stats: AnswerCacheStats) => number) =>
        new Gauge({
          name,
          help,
          registers: [this.registry],
          collect() {
            const stats = cacheStats();
            if (stats) this.set(pick(stats));
          },
        });
      counter('answer_cache_hits_total', 'Answers served from the answer cache', (s) => s.hits);
      counter('answer_cache_misses_total', 'Answers looked up in the answer cache and not found', (s) => s.misses);
      gauge('answer_cache_entries', 'Answers held in the answer cache', (s) => s.entries);
      gauge('answer_cache_bytes', 'Bytes held in the answer cache', (s) => s.bytes);
    }
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /**
   * Records the routes of a router mounted at `mountPath` (lower case, as written in `app.use`); call
   * it once the router's routes are defined. Needed because `req.baseUrl` is the path as the client
   * typed it (`/APi`), and is reset to `''` when an error leaves the router before the response ends.
   */
  mount(mountPath: string, router: Router): void {
    this.mounts.add(mountPath);
    for (const layer of router.stack as Array<{ route?: object }>) if (layer.route) this.routeMounts.set(layer.route, mountPath);
  }

  /** The route label of a finished request (see the class comment). */
  routeLabel(req: Request, res: Response): string {
    const route = req.route as { path?: unknown } | undefined;
    if (route && typeof route.path === 'string') return `${this.routeMounts.get(route) ?? ''}${route.path}`;
    if (res.statusCode === 404) return 'unmatched';
    // Express matches paths case-insensitively, so the mount is compared in lower case.
    const first = `/${req.originalUrl.split(/[/?#]/u)[1] ?? ''}`.toLowerCase();
    return this.mounts.has(first) ? first : 'other';
  }

  /** Middleware that counts and times every request. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const stop = this.duration.startTimer();
      res.on('finish', () => {
        const route = this.routeLabel(req, res);
        stop({ method: req.method, route });
        this.requests.inc({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    };
  }

  /** `GET /metrics`. */
  handler(): RequestHandler {
    return async (_req, res) => {
      res.set('Content-Type', this.registry.contentType).send(await this.registry.metrics());
    };
  }
}
