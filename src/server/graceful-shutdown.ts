import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { StreamRegistry } from './event-stream.js';

export interface GracefulShutdownOptions {
  server: Server;
  streams: StreamRegistry;
  logger: Logger;
  /** The bound: the process exits within this many milliseconds of the signal. */
  timeoutMs: number;
  /** Called first: `/healthz` turns 503 and responses ask clients to close their connections. */
  startDraining: () => void;
  /**
   * Called when the bound nears (a second before it, with the streams' last events): JSON answers
   * still waiting for a model then give way to the extractive answer, so that they are answered
   * rather than cut by the connection reset at the bound.
   */
  finishNow?: () => void;
  exit?: (code: number) => void;
}

/**
 * Shuts down in order: stop taking connections, let in-flight requests finish, give open event
 * streams time to end and then a last event, and exit within the bound whatever happens.
 *
 * @returns the function to call on SIGTERM or SIGINT (idempotent).
 */
export function gracefulShutdown(options: GracefulShutdownOptions): (signal: string) => Promise<void> {
  const { server, streams, logger, timeoutMs, startDraining, finishNow = () => {}, exit = (code) => process.exit(code) } = options;
  let started = false;
  return async (signal) => {
    if (started) return;
    started = true;
    const began = Date.now();
    logger.info({ signal, openStreams: streams.size }, 'shutting down: draining');
    startDraining();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
    const hardStop = setTimeout(() => {
      logger.warn('shutdown bound reached: closing the remaining connections');
      server.closeAllConnections();
      exit(0);
    }, timeoutMs);
    hardStop.unref();

    // Streams and JSON answers get most of the bound to finish by themselves; then streams get a
    // last event and JSON answers the extractive answer, which takes milliseconds.
    const budget = Math.max(0, timeoutMs - 1000);
    await streams.drained(budget);
    const left = budget - (Date.now() - began);
    if (left > 0) await Promise.race([closed, new Promise((r) => setTimeout(r, left))]);
    streams.failAll({ code: 'upstream_unavailable', message: 'server is shutting down; ask again in a moment' });
    finishNow();
    await Promise.race([closed, new Promise((r) => setTimeout(r, Math.max(0, timeoutMs - (Date.now() - began) - 100)))]);
    clearInterval(idleSweep);
    clearTimeout(hardStop);
    server.closeAllConnections();
    logger.info({ ms: Date.now() - began }, 'shut down');
    exit(0);
  };
}
