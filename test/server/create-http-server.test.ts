import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/server/app-services.js';
import { createApp } from '../../src/server/create-app.js';
import { createHttpServer, type HttpServerOptions } from '../../src/server/create-http-server.js';
import { loadTestServices } from '../support/test-index.js';

let services: AppServices;
beforeAll(async () => {
  services = await loadTestServices();
});

const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function start(options: Partial<HttpServerOptions> = {}, requestTimeoutMs?: number): Promise<number> {
  const app = createApp({ services, ...(requestTimeoutMs ? { requestTimeoutMs } : {}) });
  const server = createHttpServer(app, options);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Every status line received on the connection. */
  statusLines: string[];
}

/** Writes bytes on a raw TCP connection and reads everything until the server closes it. */
async function exchange(port: number, bytes: string): Promise<RawResponse> {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let text = '';
  socket.on('data', (chunk: string) => (text += chunk));
  socket.on('error', () => {});
  socket.write(bytes);
  const guard = setTimeout(() => socket.destroy(), 3000);
  await once(socket, 'close');
  clearTimeout(guard);
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body, statusLines: text.match(/^HTTP\/1\.1 \d{3}[^\r]*/gmu) ?? [] };
}

describe('createHttpServer: Node\'s own refusals, in the contract\'s shape', () => {
  it('answers an oversized header with 431, a JSON error and an X-Request-Id', async () => {
    const res = await exchange(await start(), `GET /api/speakers HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toMatch(/^application\/json/u);
    expect(res.headers['x-request-id']).toMatch(/^[\w-]{36}$/u);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'headers_too_large', message: expect.any(String) } });
  });

  it('answers an oversized URL with 431 in the same shape', async () => {
    const res = await exchange(await start(), `GET /api/search?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body).error.code).toBe('headers_too_large');
  });

  it('answers malformed HTTP with 400 invalid_request', async () => {
    const port = await start();
    for (const bytes of ['NOT HTTP AT ALL\r\n\r\n', 'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n']) {
      const res = await exchange(port, bytes);
      expect(res.status, bytes).toBe(400);
      expect(res.headers['x-request-id']).toBeTruthy();
      expect(JSON.parse(res.body)).toEqual({ error: { code: 'invalid_request', message: 'malformed HTTP request' } });
    }
  });

  it('answers a request whose headers never finish with 408 request_timeout', async () => {
    const port = await start({ headersTimeoutMs: 150, requestTimeoutMs: 300, connectionsCheckingIntervalMs: 50 });
    const res = await exchange(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n');
    expect(res.statusLines).toHaveLength(1);
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body).error.code).toBe('request_timeout');
  });
});

describe('a client that sends its body slowly', () => {
  it('gets one 408 request_timeout (not a 504 blaming an upstream), and the connection closes', async () => {
    // The app's bound (150 ms) before Node's (400 ms), as in production (30 s, then 35 s).
    const port = await start({ headersTimeoutMs: 300, requestTimeoutMs: 400, connectionsCheckingIntervalMs: 50 }, 150);
    const body = JSON.stringify({ messages: [{ role: 'user', content: '青海的优势是什么？' }] });
    const head = `POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const res = await exchange(port, head + body.slice(0, 10));
    expect(res.statusLines).toHaveLength(1);
    expect(res.status).toBe(408);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'request_timeout', message: expect.any(String) } });
  });
});
