/**
 * `npm run bench:accept [-- --quick] [--seconds 10] [--connections 200] [--work-us 100]`: how long a
 * burst of connections waits to be accepted by a busy server, with and without requests taking turns
 * (`src/server/take-turns.ts`, issue 20 finding 11), side by side in one run:
 *
 * - a plain `node:http` server burning `--work-us` of CPU a request (the bare baseline), without and
 *   with turns;
 * - the production build (`dist/server.js`, rate limit 60 a minute, so nearly every answer is a
 *   429) with `HTTP_TURN_SLICE_MS=0` and with its default.
 *
 * Each gets `GET /api/search` from `--connections` connections at once for `--seconds` (autocannon,
 * 10 s timeout), and the kernel's accept queue of its port is sampled every 20 ms: its deepest,
 * and how long it held anything. The four take turns for `--rounds` rounds (the machine's other load
 * falls on each alike); the medians are compared. It measures; it asserts nothing. Client and servers share
 * the machine's cores.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../src/config.js';
import { parseBenchOptions } from './support/bench-options.js';
import { machineInfo } from './support/machine-info.js';
import { QUESTIONS } from './support/questions.js';
import { searchPath } from './support/search-path.js';

const options = parseBenchOptions({
  seconds: { type: 'integer', default: 10, quick: 4 },
  connections: { type: 'integer', default: 200 },
  'work-us': { type: 'integer', default: 100 },
  rounds: { type: 'integer', default: 3, quick: 1 },
});

interface Started {
  child: ChildProcess;
  port: number;
}

/** Spawns a server that prints `listening PORT` (the plain one) or answers `/healthz` (production). */
async function startPlain(sliceMs: number): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench/support/plain-server.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PLAIN_WORK_US: String(options['work-us']), PLAIN_TURN_SLICE_MS: String(sliceMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8');
  for await (const chunk of child.stdout!) {
    out += chunk as string;
    const port = /listening (\d+)/u.exec(out)?.[1];
    if (port) return { child, port: Number(port) };
  }
  throw new Error('plain server exited before listening');
}

async function startProduction(sliceMs: number | null): Promise<Started> {
  const port = 40_000 + Math.floor(Math.random() * 10_000);
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/server.js')], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '60',
      ...(sliceMs === null ? {} : { HTTP_TURN_SLICE_MS: String(sliceMs) }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.on('data', () => {});
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return { child, port };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('server not ready');
}

/**
 * Samples the listening socket's accept queue until stopped: `/proc/net/tcp`'s `rx_queue` of the
 * port's LISTEN row (state 0A), which for a listening socket is the count of connections
 * waiting to be accepted.
 */
function sampleAcceptQueue(port: number): { stop: () => Promise<{ deepest: number; heldMs: number }> } {
  let deepest = 0;
  let held = 0;
  let running = true;
  const everyMs = 20;
  const loop = (async () => {
    while (running) {
      const table = await readFile('/proc/net/tcp', 'utf8').catch(() => '');
      const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
      const row = table.split('\n').find((line) => line.includes(`:${hexPort} 00000000:0000 0A `));
      const depth = row ? parseInt(/ 0A ([0-9A-F]{8}):([0-9A-F]{8})/u.exec(row)?.[2] ?? '0', 16) : 0;
      deepest = Math.max(deepest, depth);
      if (depth > 0) held++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { deepest, heldMs: held * everyMs };
    },
  };
}

async function measure(name: string, start: () => Promise<Started>) {
  const { child, port } = await start();
  try {
    const queue = sampleAcceptQueue(port);
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: options.connections,
      duration: options.seconds,
      timeout: 10,
      requests: QUESTIONS.map((q) => ({ method: 'GET' as const, path: searchPath(q) })),
    });
    const accept = await queue.stop();
    return {
      server: name,
      requests: result.requests.total,
      p50: result.latency.p50,
      p99: result.latency.p99,
      slowest: result.latency.max,
      timeouts: result.timeouts,
      acceptQueueDeepest: accept.deepest,
      acceptQueueHeldMs: accept.heldMs,
    };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}

console.log(JSON.stringify({ machine: machineInfo(), options }));
const servers = [
  [`plain node:http, ${options['work-us']} µs a request`, () => startPlain(0)],
  [`plain node:http, ${options['work-us']} µs a request, turns of 5 ms`, () => startPlain(5)],
  ['production, HTTP_TURN_SLICE_MS=0', () => startProduction(0)],
  ['production, default (turns of 5 ms)', () => startProduction(null)],
] as const;
const rows: Array<Array<Awaited<ReturnType<typeof measure>>>> = servers.map(() => []);
for (let round = 0; round < options.rounds; round++) {
  for (const [i, [name, start]] of servers.entries()) {
    const row = await measure(name, start);
    console.log(JSON.stringify({ round, ...row }));
    rows[i]!.push(row);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const medians = rows.map((runs, i) => ({
  server: servers[i]![0],
  requests: median(runs.map((r) => r.requests)),
  p99: median(runs.map((r) => r.p99)),
  slowest: median(runs.map((r) => r.slowest)),
  slowestOfAll: Math.max(...runs.map((r) => r.slowest)),
  timeouts: runs.reduce((sum, r) => sum + r.timeouts, 0),
  acceptQueueDeepest: median(runs.map((r) => r.acceptQueueDeepest)),
  acceptQueueHeldMs: median(runs.map((r) => r.acceptQueueHeldMs)),
}));
for (const m of medians) console.log(JSON.stringify({ median: m }));
const [plain, plainTurns, prod, prodTurns] = medians;
console.log(
  JSON.stringify({
    slowestRatio: { plain: +(plainTurns!.slowest / plain!.slowest).toFixed(2), production: +(prodTurns!.slowest / prod!.slowest).toFixed(2) },
    requestsRatio: { plain: +(plainTurns!.requests / plain!.requests).toFixed(2), production: +(prodTurns!.requests / prod!.requests).toFixed(2) },
  }),
);
