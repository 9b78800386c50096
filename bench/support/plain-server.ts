/**
 * A plain `node:http` server for `bench:accept`: each request burns `PLAIN_WORK_US` microseconds of
 * CPU and gets a small 429, as the production server's rate-limited answers do; with
 * `PLAIN_TURN_SLICE_MS` > 0 its requests take turns (`src/server/take-turns.ts`). Run with
 * `node --import tsx`; it prints `listening PORT` once ready.
 */
import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import process from 'node:process';
import { takeTurns } from '../../src/server/take-turns.js';

const workUs = Number(process.env.PLAIN_WORK_US ?? 100);
const sliceMs = Number(process.env.PLAIN_TURN_SLICE_MS ?? 0);
const app: RequestListener = (_req, res) => {
  const started = performance.now();
  while (performance.now() - started < workUs / 1000);
  res.statusCode = 429;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end('{"error":{"code":"rate_limited","message":"too many requests"}}');
};
const server = http.createServer(takeTurns(app, sliceMs));
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
