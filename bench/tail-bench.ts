/**
 * `npm run bench:tail [-- --quick] [--seconds 10] [--connections 200] [--barrage 300]`: the slowest
 * requests under many connections (issue 20, finding 11). The production build (`dist/server.js`,
 * default settings: rate limit 60 a minute, info logs) on 127.0.0.1 gets `GET /api/search` from
 * `--connections` connections for `--seconds`,
 *
 * - on a fresh server, and
 * - right after a barrage of `--barrage` bad requests at once (a third malformed HTTP, a third
 *   broken JSON, a third bad query parameters),
 *
 * and prints, for each, what the client saw (p50, p99, the slowest, timeouts, statuses) beside the
 * server's own latency and the event loop's longest delay (from `/metrics`), and, from a probe
 * preloaded into the server (`bench/support/first-request-probe.mjs`), how long each connection's
 * first request waited between its acceptance and its reading and answer: the server's share of
 * the slowest first requests, which autocannon stamps before it has even connected. It measures; it asserts
 * nothing. Client and server share the machine's cores.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../src/config.js';
import { parseBenchOptions } from './support/bench-options.js';
import { machineInfo } from './support/machine-info.js';
import { QUESTIONS } from './support/questions.js';
import { searchPath } from './support/search-path.js';

const options = parseBenchOptions({
  seconds: { type: 'integer', default: 10, quick: 4 },
  connections: { type: 'integer', default: 200 },
  barrage: { type: 'integer', default: 300, quick: 150 },
  'rate-limit': { type: 'integer', default: 60, min: 0 },
  // `--logs-to-null`: the server's stdout to /dev/null instead of a pipe this process reads.
  'logs-to-null': { type: 'flag' },
});

/** Where the server's first-request probe writes (bench/support/first-request-probe.mjs). */
const PROBE_OUT = join(tmpdir(), `qh-tail-probe-${process.pid}.json`);

/** The server's own view of the run's first requests: accepted → read, accepted → answered (the five slowest). */
async function probeOf(child: ChildProcess): Promise<unknown> {
  child.kill('SIGUSR2');
  await new Promise((r) => setTimeout(r, 300));
  return JSON.parse(await readFile(PROBE_OUT, 'utf8').catch(() => 'null'));
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const logs = options['logs-to-null'] ? openSync('/dev/null', 'w') : 'pipe';
  const child = spawn(process.execPath, ['--import', pathToFileURL(join(PROJECT_ROOT, 'bench/support/first-request-probe.mjs')).href, join(PROJECT_ROOT, 'dist/server.js')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: String(options['rate-limit']), FIRST_REQUEST_PROBE_OUT: PROBE_OUT },
    stdio: ['ignore', logs, 'inherit'],
  });
  // Read and dropped, as a log shipper would.
  child.stdout?.on('data', () => {});
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) return { child, url };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('server not ready');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** One malformed HTTP request on its own connection; resolves when the server closes it. */
function malformed(port: number, i: number): Promise<void> {
  return new Promise((resolve) => {
    // A header line with no colon, a bad method, a bad chunked body, a header never finished (held
    // until the server's headers timeout), in turn.
    const kinds = [
      `GET /api/search?q=${i} HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n`,
      `G@T /api/search?q=${i} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n`,
      `GET /api/search?q=${i} HTTP/1.1\r\nHost: x\r\nX-Slow: `,
    ];
    const socket = connect(port, '127.0.0.1', () => socket.write(kinds[Math.floor(i / 3) % kinds.length]!));
    socket.on('data', () => {});
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
    // The unfinished ones are let go after a moment: the server holds them, not this process.
    socket.setTimeout(2_000, () => resolve());
  });
}

async function barrage(url: string, count: number): Promise<{ ms: number; statuses: Record<string, number> }> {
  const port = Number(new URL(url).port);
  const statuses: Record<string, number> = {};
  const count1 = (s: string) => (statuses[s] = (statuses[s] ?? 0) + 1);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const kind = i % 3;
      if (kind === 0) {
        await malformed(port, i);
        count1('malformed-http');
        return;
      }
      const response =
        kind === 1
          ? await fetch(`${url}/api/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": "未闭合' })
          : await fetch(`${url}/api/search?q=&k=999&k=1`);
      await response.arrayBuffer();
      count1(String(response.status));
    }),
  );
  return { ms: Math.round(performance.now() - started), statuses };
}

async function metricsOf(url: string): Promise<{ p99ServerMs: string; loopMaxMs: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const max = /^nodejs_eventloop_lag_max_seconds (\S+)$/mu.exec(text)?.[1];
  // The histogram's bucket holding the 99th percentile of /api/search.
  const buckets = [...text.matchAll(/^http_request_duration_seconds_bucket\{[^}]*le="([^"]+)"[^}]*route="\/api\/search"[^}]*\} (\d+)$/gmu)];
  const alt = [...text.matchAll(/^http_request_duration_seconds_bucket\{[^}]*route="\/api\/search"[^}]*le="([^"]+)"[^}]*\} (\d+)$/gmu)];
  const rows = (buckets.length > 0 ? buckets : alt).map((m) => ({ le: m[1]!, count: Number(m[2]) }));
  const total = rows.find((r) => r.le === '+Inf')?.count ?? 0;
  const p99 = rows.find((r) => r.count >= total * 0.99)?.le ?? 'n/a';
  return { p99ServerMs: p99 === 'n/a' || p99 === '+Inf' ? p99 : `≤ ${Number(p99) * 1000}`, loopMaxMs: max ? Math.round(Number(max) * 1000) : NaN };
}

const TCP_COUNTERS = ['ListenOverflows', 'ListenDrops', 'TCPReqQFullDrop', 'TCPSynRetrans', 'TCPTimeouts', 'SyncookiesSent'];

async function tcpCounters(): Promise<Record<string, number>> {
  const text = await readFile('/proc/net/netstat', 'utf8').catch(() => '');
  const [names, values] = text.split('\n').filter((l) => l.startsWith('TcpExt:'));
  if (!names || !values) return {};
  const n = names.split(/\s+/u);
  const v = values.split(/\s+/u);
  return Object.fromEntries(n.map((name, i) => [name, Number(v[i])]).filter(([name]) => TCP_COUNTERS.includes(name as string)));
}

async function load(url: string) {
  const statuses: Record<string, number> = {};
  // Before autocannon starts: it stamps each connection's first request when it creates the client,
  // before the TCP connection exists, so those include connecting (and this process's own start).
  const started = performance.now();
  const instance = autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    requests: QUESTIONS.map((q) => ({ method: 'GET' as const, path: searchPath(q) })),
  });
  const slowest: Array<{ ms: number; at: number }> = [];
  instance.on('response', (_client, status, _bytes, responseTime) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    slowest.push({ ms: Math.round(responseTime), at: Math.round(performance.now() - started - responseTime) });
    if (slowest.length > 50) slowest.sort((a, b) => b.ms - a.ms).splice(5);
  });
  const tcpBefore = await tcpCounters();
  const result = await instance;
  const tcpAfter = await tcpCounters();
  return {
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    timeouts: result.timeouts,
    errors: result.errors,
    statuses,
    // The five slowest responses, and when (ms after the run began) each was sent.
    slowest: slowest.sort((a, b) => b.ms - a.ms).slice(0, 5),
    // The kernel's counters over the run (this network namespace): dropped connections wait for a SYN retransmission (1 s, 3 s, 7 s).
    tcp: Object.fromEntries(Object.entries(tcpAfter).map(([k, v]) => [k, v - (tcpBefore[k] ?? 0)])),
  };
}

async function main(): Promise<void> {
  console.log(JSON.stringify({ machine: machineInfo(), options }));
  // `warm`: the fresh server's second run, its code compiled and its connections new again.
  for (const phase of ['fresh', 'after-barrage'] as const) {
    const { child, url } = await startServer();
    try {
      // Reads (and so resets) the event loop's delay histogram and the probe: the figures after the run are the run's.
      await metricsOf(url);
      await probeOf(child);
      const bad = phase === 'after-barrage' ? await barrage(url, options.barrage) : null;
      const client = await load(url);
      // Requests still in flight when autocannon stopped finish before the server's figures are read.
      await new Promise((r) => setTimeout(r, 1000));
      console.log(JSON.stringify({ phase, barrage: bad, client, server: { ...(await metricsOf(url)), firstRequests: await probeOf(child) } }));
      if (phase === 'fresh') {
        const again = await load(url);
        await new Promise((r) => setTimeout(r, 1000));
        console.log(JSON.stringify({ phase: 'warm', client: again, server: { ...(await metricsOf(url)), firstRequests: await probeOf(child) } }));
      }
    } finally {
      await stop(child);
    }
  }
  await rm(PROBE_OUT, { force: true });
}

await main();
