/**
 * `npm run bench:load [-- --quick] [--timeout 10]`: load on the real server process (`src/server.ts`).
 *
 * - 200 connections for 30 s on `POST /api/chat` and on `GET /api/search` (rate limit off, to
 *   measure capacity): req/s, latency p50/p97.5/p99, non-2xx by status, errors and timeouts;
 * - the same with the rate limit on, to show it sheds load with 429s, not 5xx;
 * - a soak on `/api/chat` reporting the server's RSS before and after;
 * - cluster mode: the chat run with `WEB_CONCURRENCY=1` and `=2`, and the scaling ratio.
 *
 * It measures; it asserts nothing. The load generator runs on the same 2 cores as the server, so
 * every figure is a lower bound on what the server alone could do.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../src/config.js';
import { parseBenchOptions } from './support/bench-options.js';
import { chatRequests } from './support/chat-requests.js';
import { machineInfo } from './support/machine-info.js';
import { QUESTIONS as SHARED_QUESTIONS } from './support/questions.js';
import { searchPath } from './support/search-path.js';

// `--timeout 30`: the client's per-request timeout in seconds (autocannon's default is 10).
const { quick, timeout: TIMEOUT_S } = parseBenchOptions({ timeout: { type: 'integer', default: 10 } });
const DURATION = quick ? 5 : 30;
const SOAK = quick ? 10 : 90;
const CONNECTIONS = 200;
const PORT = 3900 + Math.floor(Math.random() * 50);

const QUESTIONS = [
  ...SHARED_QUESTIONS,
  '传统产业应该怎样转型升级？',
  '青海发展绿色算力有什么条件？',
  '怎样加强科技人才队伍建设？',
  '零碳产业园建设有什么目标？',
  '李娜对盐湖资源有什么看法？',
];

interface ServerHandle {
  child: ChildProcess;
  url: string;
}

async function startServer(env: Record<string, string>): Promise<ServerHandle> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/server.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(PORT), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${PORT}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) {
        // In cluster mode every worker must be ready: ask a few times.
        let ok = 0;
        for (let i = 0; i < 10; i++) if ((await fetch(`${url}/healthz`)).status === 200) ok++;
        if (ok === 10) return { child, url };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become healthy');
}

async function stopServer(server: ServerHandle): Promise<void> {
  server.child.kill('SIGTERM');
  await new Promise<void>((resolve) => {
    if (server.child.exitCode !== null) resolve();
    else server.child.once('exit', () => resolve());
  });
}

/** RSS in MiB of the server process and its children (cluster workers). */
async function rssMiB(pid: number): Promise<number> {
  const pids = [pid];
  try {
    pids.push(...execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number));
  } catch {
    // no children
  }
  let kib = 0;
  for (const p of pids) {
    const status = await readFile(`/proc/${p}/status`, 'utf8').catch(() => '');
    kib += Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? 0);
  }
  return Math.round(kib / 1024);
}

interface LoadResult {
  target: string;
  /** The server's own count and latency (from its /metrics), next to what the client saw. */
  server: ServerSide | null;
  workers: number;
  rateLimit: boolean;
  seconds: number;
  connections: number;
  requests: number;
  reqPerSec: number;
  p50: number;
  p975: number;
  p99: number;
  non2xx: Record<string, number>;
  errors: number;
  timeouts: number;
}

async function load(url: string, target: 'chat' | 'search', seconds: number, label: Omit<LoadResult, 'target' | 'seconds' | 'connections' | 'requests' | 'reqPerSec' | 'p50' | 'p975' | 'p99' | 'non2xx' | 'errors' | 'timeouts' | 'server'>): Promise<LoadResult> {
  const requests =
    target === 'chat' ? chatRequests(QUESTIONS) : QUESTIONS.map((q) => ({ method: 'GET' as const, path: searchPath(q) }));
  const statuses: Record<string, number> = {};
  const route = target === 'chat' ? '/api/chat' : '/api/search';
  const before = label.workers === 1 ? await serverHistogram(url, route) : null;
  const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: TIMEOUT_S, requests });
  instance.on('response', (_client, statusCode) => {
    if (statusCode < 200 || statusCode >= 300) statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  let server: ServerSide | null = null;
  if (before) {
    // Let requests still in flight when autocannon stopped finish before reading the counts.
    await new Promise((r) => setTimeout(r, 1500));
    server = diffHistograms(before, await serverHistogram(url, route));
  }
  return {
    target: target === 'chat' ? 'POST /api/chat' : 'GET /api/search',
    server,
    ...label,
    seconds,
    connections: CONNECTIONS,
    requests: result.requests.total,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    non2xx: statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** What the server itself saw in one run, from its own /metrics (one process: not in cluster mode). */
interface ServerSide {
  /** Requests the server finished. */
  handled: number;
  /** Of them, answered 5xx. */
  status5xx: number;
  /** Upper bound (ms) of the histogram bucket holding the 99th percentile and the slowest request. */
  p99AtMostMs: number;
  maxAtMostMs: number;
}

interface Histogram {
  buckets: Array<[number, number]>;
  byStatus: Map<string, number>;
}

/** Reads the route's latency buckets and status counts from the server's Prometheus text. */
async function serverHistogram(url: string, route: string): Promise<Histogram> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const buckets: Array<[number, number]> = [];
  const byStatus = new Map<string, number>();
  for (const line of text.split('\n')) {
    const bucket = /^http_request_duration_seconds_bucket\{le="([^"]+)",method="\w+",route="([^"]+)"\} (\d+)/u.exec(line);
    if (bucket && bucket[2] === route) buckets.push([bucket[1] === '+Inf' ? Infinity : Number(bucket[1]), Number(bucket[3])]);
    const total = /^http_requests_total\{method="\w+",route="([^"]+)",status="(\d+)"\} (\d+)/u.exec(line);
    if (total && total[1] === route) byStatus.set(total[2]!, Number(total[3]));
  }
  return { buckets, byStatus };
}

function diffHistograms(before: Histogram, after: Histogram): ServerSide {
  const counts = after.buckets.map(([le, n]) => [le, n - (before.buckets.find(([b]) => b === le)?.[1] ?? 0)] as [number, number]);
  const handled = counts.at(-1)?.[1] ?? 0;
  const bound = (share: number) => (counts.find(([, n]) => n >= share * handled)?.[0] ?? Infinity) * 1000;
  let status5xx = 0;
  for (const [status, n] of after.byStatus) if (status.startsWith('5')) status5xx += n - (before.byStatus.get(status) ?? 0);
  return { handled, status5xx, p99AtMostMs: bound(0.99), maxAtMostMs: bound(1) };
}

function row(r: LoadResult): string {
  const non2xx = Object.entries(r.non2xx).map(([s, n]) => `${s}: ${n}`).join(', ') || '0';
  const server = r.server ? `${r.server.handled} handled, ${r.server.status5xx} × 5xx, p99 ≤ ${r.server.p99AtMostMs} ms, max ≤ ${r.server.maxAtMostMs} ms` : 'n/a (per-worker metrics)';
  return `| ${r.target} | ${r.workers} | ${r.rateLimit ? 'on (60/min)' : 'off'} | ${r.seconds} s | ${r.requests} | ${r.reqPerSec} | ${r.p50} / ${r.p975} / ${r.p99} | ${non2xx} | ${r.errors} | ${r.timeouts} | ${server} |`;
}

async function main(): Promise<void> {
  const m = machineInfo();
  const machine = `${m.cores} cores (${m.cpuModel}), ${m.totalMemoryGiB.toFixed(1)} GiB, Node ${m.node}, ${m.date}`;
  console.log(`machine: ${machine}; client timeout ${TIMEOUT_S} s`);
  const results: LoadResult[] = [];
  const soak: Record<string, number | string> = {};

  for (const workers of [1, 2]) {
    const server = await startServer({ RATE_LIMIT_PER_MINUTE: '0', WEB_CONCURRENCY: String(workers) });
    try {
      for (const target of ['chat', 'search'] as const) {
        if (workers === 2 && target === 'search' && quick) continue;
        const r = await load(server.url, target, DURATION, { workers, rateLimit: false });
        results.push(r);
        console.log(row(r));
      }
      if (workers === 1) {
        // Soak: steady load on chat, RSS before and after (after a pause, once the load has gone).
        soak.rssBeforeMiB = await rssMiB(server.child.pid!);
        const r = await load(server.url, 'chat', SOAK, { workers, rateLimit: false });
        await new Promise((res) => setTimeout(res, 2000));
        soak.rssAfterMiB = await rssMiB(server.child.pid!);
        soak.seconds = SOAK;
        soak.requests = r.requests;
        soak.non2xx = JSON.stringify(r.non2xx);
        soak.errors = r.errors;
        console.log(`soak: ${SOAK} s, ${r.requests} requests, RSS ${soak.rssBeforeMiB} → ${soak.rssAfterMiB} MiB`);
      }
    } finally {
      await stopServer(server);
    }
  }

  // With the limiter on, one client IP past 60 a minute gets 429s: shed load, no 5xx.
  const limited = await startServer({ RATE_LIMIT_PER_MINUTE: '60' });
  try {
    const r = await load(limited.url, 'chat', Math.min(DURATION, 10), { workers: 1, rateLimit: true });
    results.push(r);
    console.log(row(r));
  } finally {
    await stopServer(limited);
  }

  const chat1 = results.find((r) => r.target === 'POST /api/chat' && r.workers === 1 && !r.rateLimit)!;
  const chat2 = results.find((r) => r.target === 'POST /api/chat' && r.workers === 2)!;
  const scaling = chat2.reqPerSec / chat1.reqPerSec;

  console.log(`\n**Machine:** ${machine}\n`);
  console.log('| target | workers | rate limit | duration | requests | req/s | client latency p50 / p97.5 / p99 ms | non-2xx | errors | timeouts | server side |');
  console.log('|---|---:|---|---:|---:|---:|---|---|---:|---:|---|');
  for (const r of results) console.log(row(r));
  console.log(`\nCluster scaling on /api/chat, 2 workers ÷ 1 worker: ${scaling.toFixed(2)}×`);
  console.log(`Soak: ${soak.seconds} s at ${CONNECTIONS} connections, ${soak.requests} requests; RSS ${soak.rssBeforeMiB} MiB before, ${soak.rssAfterMiB} MiB after.`);

  await mkdir(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
  await writeFile(join(PROJECT_ROOT, 'bench/results/load.json'), `${JSON.stringify({ machine, results, soak, scaling }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
