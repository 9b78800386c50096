import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { loadQuestions, userTurns } from '../../src/eval/eval-set.js';
import { autocannonCounts, type AutocannonCounts } from './autocannon-counts.js';

/**
 * `npm run bench:chat -- --production`: the production build as `npm start` runs it
 * (`node dist/server.js`: its logger, metrics, headers, answer cache), on the cold path: every
 * question is new (the eval sets' questions, each in several wordings that do not change what is
 * asked, over 10,000 in all, taken in turn by every connection from one counter, so that no answer,
 * segmentation or fold is found kept from before), beside a bare Express endpoint in a process of
 * its own, loaded by autocannon in this process. The rate limit is off (`RATE_LIMIT_PER_MINUTE=0`);
 * the logs go to /dev/null.
 *
 * `--compare DIR` runs a second server from another checkout's `dist/` (built there), and
 * alternates the runs: before and after, side by side under the same load. Also measured for each
 * server: start to `/healthz` (ms, `node dist/server.js`), RSS idle (2 s after ready) and after the load.
 */

export interface ProductionOptions {
  durationS: number;
  connections: number[];
  repeat: number;
  /** Another checkout whose `dist/server.js` runs beside this one's. */
  compare: string | null;
}

/** Wordings around a question that ask nothing more (no greeting words: `你好，…` is a greeting). */
const PREFIXES = ['', '请问', '请问一下，', '想问一下，', '我想知道：', '麻烦问下，', '问一下，', '想了解一下，', '求教：', '有个问题：', '想请教，', '打扰一下，'];
const SUFFIXES = ['', '谢谢', '谢谢！', '麻烦了', '求解答', '请回答', '请简要回答', '能说说吗', '想听听', '请讲讲'];

/** The cold path's questions: every single-turn eval question in every wording, shuffled with a fixed seed. */
export async function coldQuestions(root: string): Promise<string[]> {
  const base = new Set<string>();
  for (const set of ['dev', 'dev-wide', 'fresh', 'fresh2']) {
    for (const item of await loadQuestions(join(root, 'eval', `${set}.jsonl`))) {
      const turns = userTurns(item);
      if (turns.length === 1) base.add(turns[0]!);
    }
  }
  const out: string[] = [];
  for (const q of base) for (const p of PREFIXES) for (const s of SUFFIXES) out.push(`${p}${q}${s}`);
  let seed = 21;
  const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

interface Running {
  name: string;
  child: ChildProcess;
  url: string;
  /** Spawn to the first `/healthz` 200, ms. */
  startMs: number;
}

async function waitReady(child: ChildProcess, url: string, started: number, path: string): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: exited with ${child.exitCode}`);
    const ok = await fetch(`${url}${path}`, { method: path === '/bare' ? 'POST' : 'GET', headers: { 'content-type': 'application/json' }, body: path === '/bare' ? '{}' : null }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGKILL');
  throw new Error(`${url}: not ready in 60 s`);
}

/** `node dist/server.js` of a checkout, as production runs it, logs to /dev/null. */
export async function startProductionServer(name: string, root: string): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist/server.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', WEB_CONCURRENCY: '1' },
    stdio: ['ignore', openSync('/dev/null', 'w'), 'inherit'],
  });
  return { name, child, url, startMs: await waitReady(child, url, started, '/healthz') };
}

/** A bare Express app in a process of its own: `express.json()` and `res.json({ ok: true })`. */
async function startBare(root: string): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const source = `import express from 'express';
const app = express();
app.post('/bare', express.json(), (_req, res) => { res.json({ ok: true }); });
app.listen(${port}, '127.0.0.1');`;
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return { name: 'bare', child, url, startMs: await waitReady(child, url, started, '/bare') };
}

/** CPU time a process has used, user and system, in ms (Linux, /proc/PID/stat). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat (11 and 12 after the command), in clock ticks (100 a second).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident set size of a process, MiB (Linux). */
export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(/\d+/u.exec(line ?? '')?.[0] ?? NaN) / 1024);
}

interface Run extends AutocannonCounts {
  target: string;
  connections: number;
  /** The server process's CPU time per answered request, ms: its cost whatever else the machine runs. */
  cpuMsPerRequest: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
}

async function load(target: Running, path: string, connections: number, durationS: number, bodies: readonly string[], next: { at: number }): Promise<Run> {
  const cpuBefore = cpuMs(target.child.pid!);
  const result = await autocannon({
    url: `${target.url}${path}`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    duration: durationS,
    // One counter for every connection: each request asks the next question of the pool.
    setupClient: (client) => {
      client.setBody(bodies[next.at++ % bodies.length]!);
      client.on('response', () => client.setBody(bodies[next.at++ % bodies.length]!));
    },
  });
  const cpu = cpuMs(target.child.pid!) - cpuBefore;
  return {
    target: target.name,
    connections,
    ...autocannonCounts(result),
    cpuMsPerRequest: cpu / Math.max(1, result['2xx'] + result.non2xx),
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
  };
}

export async function benchProduction(root: string, options: ProductionOptions, log: (line: string) => void): Promise<void> {
  const questions = await coldQuestions(root);
  const bodies = questions.map((q) => JSON.stringify({ messages: [{ role: 'user', content: q }], stream: false }));
  const checkouts: Array<[string, string]> = [['this', root]];
  if (options.compare) checkouts.unshift(['compare', resolve(options.compare)]);
  log(`cold path: ${questions.length} distinct questions, every request the next one; ${options.durationS} s per run, ${options.repeat} repeat(s), connections ${options.connections.join(', ')}`);
  const servers: Running[] = [];
  const memory = new Map<string, { startMs: number; idle: number; after?: number }>();
  try {
    for (const [name, dir] of checkouts) {
      const server = await startProductionServer(name, dir);
      servers.push(server);
      await new Promise((r) => setTimeout(r, 2000));
      memory.set(name, { startMs: server.startMs, idle: rssMiB(server.child.pid!) });
      log(`${name} (${dir}): ready in ${server.startMs.toFixed(0)} ms, RSS idle ${memory.get(name)!.idle} MiB`);
    }
    const bare = await startBare(root);
    servers.push(bare);
    const next = { at: 0 };
    const runs: Run[] = [];
    // Warm-up of every target, not counted.
    for (const s of servers) await load(s, s.name === 'bare' ? '/bare' : '/api/chat', 16, 2, bodies, next);
    for (let r = 0; r < options.repeat; r++) {
      for (const connections of options.connections) {
        for (const s of servers) {
          await new Promise((res) => setTimeout(res, 300));
          const run = await load(s, s.name === 'bare' ? '/bare' : '/api/chat', connections, options.durationS, bodies, next);
          runs.push(run);
          log(`  ${s.name.padEnd(7)} c=${String(connections).padStart(2)}: ${run.reqPerSec.toFixed(0)} req/s, CPU ${run.cpuMsPerRequest.toFixed(3)} ms a request, p50 ${run.p50} / p97.5 ${run.p97_5} / p99 ${run.p99} / max ${run.max} ms, non-2xx ${run.non2xx}, errors ${run.errors}, timeouts ${run.timeouts}`);
        }
      }
    }
    for (const [name] of checkouts) memory.get(name)!.after = rssMiB(servers.find((s) => s.name === name)!.child.pid!);
    log('');
    log('| server | conns | chat req/s (median) | bare req/s (median) | chat ÷ bare | chat p50 / p99 / max ms (median run) | server CPU a request: chat / bare ms |');
    log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    const median = (xs: Run[]) => [...xs].sort((a, b) => a.reqPerSec - b.reqPerSec)[Math.floor((xs.length - 1) / 2)]!;
    for (const [name] of checkouts) {
      for (const connections of options.connections) {
        const chat = median(runs.filter((x) => x.target === name && x.connections === connections));
        const bareRun = median(runs.filter((x) => x.target === 'bare' && x.connections === connections));
        log(
          `| ${name} | ${connections} | ${chat.reqPerSec.toFixed(0)} | ${bareRun.reqPerSec.toFixed(0)} | ${(chat.reqPerSec / bareRun.reqPerSec).toFixed(3)} | ` +
            `${chat.p50} / ${chat.p99} / ${chat.max} | ${chat.cpuMsPerRequest.toFixed(3)} / ${bareRun.cpuMsPerRequest.toFixed(3)} |`,
        );
      }
    }
    log('');
    log('| server | start to /healthz ms | RSS idle MiB | RSS after the load MiB |');
    log('| --- | ---: | ---: | ---: |');
    for (const [name, m] of memory) log(`| ${name} | ${m.startMs.toFixed(0)} | ${m.idle} | ${m.after ?? '?'} |`);
  } finally {
    for (const s of servers) {
      if (s.child.exitCode === null) {
        s.child.kill('SIGTERM');
        await once(s.child, 'exit');
      }
    }
  }
}
