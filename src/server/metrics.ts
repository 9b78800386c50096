import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AnswerCacheStats } from '../answer/answer-cache.js';

/**
 * Request counts and latency histograms in Prometheus format at `GET /metrics`. Each app has its
 * own registry, so tests can build many apps; the route label is the matched route, never the raw
 * path, so unknown URLs cannot blow up the number of series.
 */
export class AppMetrics {
  readonly registry = new Registry();
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

  /** Middleware that counts and times every request. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const stop = this.duration.startTimer();
      res.on('finish', () => {
        const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : res.statusCode === 404 ? 'unmatched' : req.baseUrl || 'other';
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
