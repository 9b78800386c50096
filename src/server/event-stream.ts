import type { Request, Response } from 'express';

/** Server-Sent Events over an Express response: named events with JSON data, comment heartbeats. */
export interface EventStream {
  /** Sends `event: NAME` with JSON data; does nothing once the stream is closed. */
  send(event: string, data: unknown): void;
  /** Ends the stream (idempotent). */
  close(): void;
  /** Sends a last error in the stream's dialect (see {@link EventStreamOptions.dialect}), then ends it. */
  fail(error: StreamError): void;
  readonly closed: boolean;
  /** Aborted when the client goes away, or the stream is closed. */
  readonly signal: AbortSignal;
}

/** An error as a stream's last event carries it: the contract's `{ code, message }`. */
export interface StreamError {
  code: string;
  message: string;
}

export interface EventStreamOptions {
  /** Milliseconds between `: ping` comments that keep idle proxies from closing the connection. */
  heartbeatMs: number;
  /** Where open streams are kept, so that shutdown can end them with a last event. */
  registry?: StreamRegistry;
  /**
   * How an error ends the stream: `events` (`/api/chat`) sends `event: error` with `{ code, message }`;
   * `openai` (`/v1`) sends `data: {"error": {message, type, param, code}}`, which the official
   * clients turn into an `APIError` (an `event: error` without that field reaches their loop as a chunk).
   */
  dialect: 'events' | 'openai';
}

export const DEFAULT_EVENT_STREAM_OPTIONS: EventStreamOptions = { heartbeatMs: 15_000, dialect: 'events' };

/** The open event streams of a server, for a graceful shutdown. */
export class StreamRegistry {
  private readonly open = new Set<EventStream>();

  get size(): number {
    return this.open.size;
  }

  add(stream: EventStream): void {
    this.open.add(stream);
  }

  delete(stream: EventStream): void {
    this.open.delete(stream);
  }

  /** Resolves once no stream is open, or after `ms`; true when all ended by themselves. */
  async drained(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (this.open.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    return this.open.size === 0;
  }

  /** Sends every open stream a last error event, in its dialect, and ends it. */
  failAll(error: StreamError): void {
    for (const stream of [...this.open]) stream.fail(error);
  }
}

/** An error in OpenAI's shape; as a stream's data, a server-side failure (`server_error`). */
export function openAiStreamError(error: StreamError): { error: { message: string; type: string; param: null; code: string } } {
  return { error: { message: error.message, type: 'server_error', param: null, code: error.code } };
}

/**
 * Opens an event stream. `X-Accel-Buffering: no` stops nginx from holding events back; a client
 * that disconnects aborts `signal`, so the work for it (an upstream LLM request) stops too.
 */
export function openEventStream(req: Request, res: Response, options: Partial<EventStreamOptions> = {}): EventStream {
  const opts = { ...DEFAULT_EVENT_STREAM_OPTIONS, ...options } satisfies EventStreamOptions;
  const controller = new AbortController();
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write(': stream open\n\n');

  let closed = false;
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': ping\n\n');
  }, opts.heartbeatMs);
  heartbeat.unref();

  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    controller.abort();
  };
  // `close` on the response fires when the client disconnects or after we end it.
  res.on('close', finish);
  req.on('aborted', finish);

  const stream: EventStream = {
    send(event, data) {
      if (closed || res.writableEnded) return;
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close() {
      if (!closed && !res.writableEnded) res.end();
      finish();
    },
    fail(error) {
      if (opts.dialect === 'openai') {
        if (!closed && !res.writableEnded) res.write(`data: ${JSON.stringify(openAiStreamError(error))}\n\n`);
      } else {
        stream.send('error', { code: error.code, message: error.message });
      }
      stream.close();
    },
    get closed() {
      return closed;
    },
    signal: controller.signal,
  };
  opts.registry?.add(stream);
  controller.signal.addEventListener('abort', () => opts.registry?.delete(stream), { once: true });
  return stream;
}
