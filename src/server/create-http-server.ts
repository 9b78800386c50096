import { randomUUID } from 'node:crypto';
import { createServer, STATUS_CODES, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { ErrorCode } from './errors.js';
import { takeTurns } from './take-turns.js';

/** Node's own bounds on slow clients. SSE responses are exempt once their headers are sent. */
export interface HttpServerOptions {
  /** A client must send its request line and headers within this (Node's `headersTimeout`). */
  headersTimeoutMs: number;
  /**
   * A client must send its whole request within this (Node's `requestTimeout`). Keep it above the
   * app's `requestTimeoutMs`, which answers a slow body first with one clear 408.
   */
  requestTimeoutMs: number;
  /** How often Node checks those two bounds (Node's default is 30 s; tests shorten it). */
  connectionsCheckingIntervalMs: number;
  /**
   * The app's synchronous work per turn of the event loop before the next waiting request waits for
   * the next turn, so that new connections are accepted under load (`takeTurns`); 0 hands each
   * request over at once.
   */
  turnSliceMs: number;
  logger?: Logger;
}

export const DEFAULT_HTTP_SERVER_OPTIONS: Omit<HttpServerOptions, 'logger'> = {
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 35_000,
  connectionsCheckingIntervalMs: 30_000,
  turnSliceMs: 5,
};

interface Refusal {
  status: number;
  code: ErrorCode;
  message: string;
}

/** Node's parser and timeout errors (`error.code`), as the refusals Node itself would send, in the contract's shape. */
const CLIENT_ERRORS: Record<string, Refusal> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers_too_large', message: 'the request line and headers exceed 16 KiB' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, code: 'payload_too_large', message: 'chunk extensions exceed the limit' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', message: 'the request was not received in time' },
};
const MALFORMED: Refusal = { status: 400, code: 'invalid_request', message: 'malformed HTTP request' };

/** A whole HTTP/1.1 response, written to the socket by hand: Node has no ServerResponse for a request it could not parse. */
function rawResponse(refusal: Refusal, requestId: string): string {
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
  return [
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'X-Content-Type-Options: nosniff',
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * The HTTP server around the app, with Node's slow-client bounds set and Node's own refusals (431
 * for an oversized URL or headers, 400 for malformed HTTP, 408 for a request not received in time)
 * answered in the contract's error shape with an `X-Request-Id`, instead of Node's empty bodies.
 * Nothing is written on a connection whose response has begun: that would corrupt it.
 */
export function createHttpServer(app: RequestListener, options: Partial<HttpServerOptions> = {}): Server {
  const opts = { ...DEFAULT_HTTP_SERVER_OPTIONS, ...options } satisfies Partial<HttpServerOptions>;
  const server = createServer(
    {
      headersTimeout: opts.headersTimeoutMs,
      requestTimeout: opts.requestTimeoutMs,
      connectionsCheckingInterval: opts.connectionsCheckingIntervalMs,
    },
    takeTurns(app, opts.turnSliceMs),
  );

  // The response of each connection's current request, until that request is answered and fully
  // received. A response sent before its body arrived (413, 408) stays, so that Node's own timeout
  // on that body later adds no second response.
  const current = new WeakMap<Duplex, ServerResponse>();
  server.on('request', (req, res: ServerResponse) => {
    current.set(req.socket, res);
    res.on('finish', () => {
      if (req.complete && current.get(req.socket) === res) current.delete(req.socket);
    });
  });

  const refused = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The parser reports again on every later packet: answer once.
    if (refused.has(socket)) return;
    refused.add(socket);
    if (error.code === 'ECONNRESET' || !socket.writable || current.get(socket)?.headersSent) {
      socket.destroy();
      return;
    }
    const refusal = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED;
    const requestId = randomUUID();
    opts.logger?.warn({ reqId: requestId, status: refusal.status, reason: error.code }, 'refused a request before routing');
    socket.end(rawResponse(refusal, requestId));
    // Half-closed so the client reads the answer before the connection goes (an immediate close with
    // its bytes unread would reset it); cut after a moment if it never closes its side.
    setTimeout(() => socket.destroy(), 1000).unref();
  });
  return server;
}
