/**
 * `npm run bench:load [-- --quick]`: load on the real server process (`src/server.ts`).
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
import { chatRequests } from './support/chat-requests.js';
import { machineInfo } from './support/machine-info.js';
import { QUESTIONS as SHARED_QUESTIONS } from './support/questions.js';
import { searchPath } from './support/search-path.js';

const quick = process.argv.includes('--quick');
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

async function load(url: string, target: 'chat' | 'search', seconds: number, label: Omit<LoadResult, 'target' | 'seconds' | 'connections' | 'requests' | 'reqPerSec' | 'p50' | 'p975' | 'p99' | 'non2xx' | 'errors' | 'timeouts'>): Promise<LoadResult> {
  const requests =
    target === 'chat' ? chatRequests(QUESTIONS) : QUESTIONS.map((q) => ({ method: 'GET' as const, path: searchPath(q) }));
  const statuses: Record<string, number> = {};
  const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 10, requests });
  instance.on('response', (_client, statusCode) => {
    if (statusCode < 200 || statusCode >= 300) statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  return {
    target: target === 'chat' ? 'POST /api/chat' : 'GET /api/search',
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

function row(r: LoadResult): string {
  const non2xx = Object.entries(r.non2xx).map(([s, n]) => `${s}: ${n}`).join(', ') || '0';
  return `| ${r.target} | ${r.workers} | ${r.rateLimit ? 'on (60/min)' : 'off'} | ${r.seconds} s | ${r.requests} | ${r.reqPerSec} | ${r.p50} / ${r.p975} / ${r.p99} | ${non2xx} | ${r.errors} | ${r.timeouts} |`;
}

async function main(): Promise<void> {
  const m = machineInfo();
  const machine = `${m.cores} cores (${m.cpuModel}), ${m.totalMemoryGiB.toFixed(1)} GiB, Node ${m.node}, ${m.date}`;
  console.log(`machine: ${machine}`);
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
  console.log('| target | workers | rate limit | duration | requests | req/s | latency p50 / p97.5 / p99 ms | non-2xx | errors | timeouts |');
  console.log('|---|---:|---|---:|---:|---:|---|---|---:|---:|');
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
