/**
 * `npm run bench:chat`: measures `POST /api/chat`; it asserts nothing about time.
 *
 *  1. The questions: each asked once over HTTP, so that the load runs are known to be real answers
 *     (status, kind, citations, bytes), not 400s.
 *  2. Where the time goes, in process (no HTTP): jieba tokenising, the query embedding, HNSW, BM25,
 *     the whole retrieval, the whole extractive answer, and `JSON.stringify` of it.
 *  3. Server-Sent Events: sequential `stream: true` requests, the time from sending to the
 *     `event: citations` block and to the `event: done` block.
 *  4. `POST /api/chat` (JSON, `stream: false`) under autocannon at several connection counts, each
 *     run beside a bare Express endpoint (`express.json()` and `res.json({ ok: true })`, same
 *     bodies, same settings), so that the figure has a baseline.
 *
 * The app is `createApp({ services })` over the committed index with no LLM (the built-in
 * extractive answerer), in this process; autocannon runs in one worker thread of the same process.
 * Client and server share the machine's cores, so the figures are a lower bound on what the server
 * could do with the machine to itself.
 *
 * Results are printed as Markdown and written to `bench/results/chat.json` (`chat-cached.json` with --cached).
 *
 * Options (after `npm run bench:chat --`):
 *   --quick               3 s per load run, 1 repeat, 20 SSE requests, 10 in-process rounds
 *   --duration 10         seconds per autocannon run
 *   --connections 1,16,64 connection counts
 *   --sse 50              sequential SSE requests
 *   --rounds 30           in-process rounds over all questions
 *   --workers 1           autocannon worker threads (0: the client runs on the server's event loop)
 *   --repeat 3            load runs per target and connection count, interleaved; the median is reported
 *   --cached              the app has an answer cache (as `npm start` has): the load runs ask the same
 *                         questions over and over, so this measures the cached path. Without it every
 *                         answer is computed: the cold path.
 *   --production          instead of all the above: the production build (`node dist/server.js`, built
 *                         first with `npm run build`) on the cold path, every question new, beside a bare
 *                         Express endpoint in its own process; start time and RSS idle and after the load
 *                         (bench/support/production-chat.ts). `--compare DIR` runs another checkout's
 *                         build beside it, run for run (before and after).
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import express from 'express';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import { benchProduction } from './support/production-chat.js';
import { loadOrBuildIndex, type SearchIndex } from '../src/index/load-index.js';
import { tokenizeWords } from '../src/index/tokenize-chinese.js';
import type { AppServices } from '../src/server/app-services.js';
import { AnswerCache } from '../src/answer/answer-cache.js';
import { buildServices } from '../src/app/build-services.js';
import { createApp } from '../src/server/create-app.js';
import { chatBody, chatRequests } from './support/chat-requests.js';
import { autocannonCounts, type AutocannonCounts } from './support/autocannon-counts.js';
import { parseBenchOptions } from './support/bench-options.js';
import { latencySummary, type LatencySummary } from './support/latency-summary.js';
import { machineInfo, sourceRevision, type MachineInfo } from './support/machine-info.js';
import { QUESTIONS as SHARED_QUESTIONS } from './support/questions.js';
import { timedServer, type TimedServer } from './support/timed-server.js';
import { defaultArticleConfig } from '../src/index/load-library.js';

// ---------------------------------------------------------------------------------------------
// Settings

const THIS_FILE = fileURLToPath(import.meta.url);
const RESULTS_DIR = join(dirname(THIS_FILE), 'results');

/** Real questions a reader of the interview asks; every one is answered from the article. */
const QUESTIONS = [
  ...SHARED_QUESTIONS,
  '青海发展新质生产力最大的短板是什么？',
  '李娜怎么看科技创新？',
  '盐湖资源如何综合利用？',
  '如何因地制宜发展新质生产力？',
  '如何加强科技人才队伍建设？',
] as const;

interface Options {
  quick: boolean;
  production: boolean;
  compare: string | null;
  durationS: number;
  connections: number[];
  sseRequests: number;
  rounds: number;
  workers: number;
  repeat: number;
  cached: boolean;
}

function readOptions(): Options {
  const values = parseBenchOptions({
    duration: { type: 'integer', default: 10, quick: 3 },
    connections: { type: 'integers', default: [1, 16, 64] },
    sse: { type: 'integer', default: 50, quick: 20 },
    rounds: { type: 'integer', default: 30, quick: 10 },
    workers: { type: 'integer', default: 1, min: 0 },
    repeat: { type: 'integer', default: 3, quick: 1 },
    cached: { type: 'flag' },
    production: { type: 'flag' },
    compare: { type: 'text' },
  });
  return {
    quick: values.quick,
    production: values.production,
    compare: values.compare,
    durationS: values.duration,
    connections: values.connections,
    sseRequests: values.sse,
    rounds: values.rounds,
    workers: values.workers,
    repeat: values.repeat,
    cached: values.cached,
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

function sleep(msToWait: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, msToWait));
}

/**
 * CPU use over a stretch of time, in cores: this process (server, autocannon's worker thread and
 * the SSE client together) and every other process on the machine. Others running at the same time
 * take cores from the benchmark; this says how much they took. `null` where `/proc/stat` is missing.
 */
interface CpuShare {
  selfCores: number;
  otherCores: number | null;
}

interface CpuSnapshot {
  at: number;
  selfS: number;
  machineBusyS: number | null;
}

function cpuSnapshot(): CpuSnapshot {
  let machineBusyS: number | null = null;
  try {
    // cpu user nice system idle iowait irq softirq steal …, in USER_HZ (100 per second on Linux).
    const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/u).slice(1).map(Number);
    const busy = [0, 1, 2, 5, 6].reduce((sum, i) => sum + (f[i] ?? NaN), 0);
    machineBusyS = Number.isFinite(busy) ? busy / 100 : null;
  } catch {
    machineBusyS = null;
  }
  const usage = process.cpuUsage();
  return { at: performance.now(), selfS: (usage.user + usage.system) / 1e6, machineBusyS };
}

function cpuShare(from: CpuSnapshot, to: CpuSnapshot): CpuShare {
  const wallS = (to.at - from.at) / 1000;
  const selfS = to.selfS - from.selfS;
  const otherCores =
    from.machineBusyS === null || to.machineBusyS === null ? null : Math.max(0, to.machineBusyS - from.machineBusyS - selfS) / wallS;
  return { selfCores: Number((selfS / wallS).toFixed(2)), otherCores: otherCores === null ? null : Number(otherCores.toFixed(2)) };
}

// ---------------------------------------------------------------------------------------------
// Servers

function bareApp(): express.Express {
  const app = express();
  app.post('/bare', express.json(), (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}

// ---------------------------------------------------------------------------------------------
// 1. The questions, asked once

interface QuestionCheck {
  question: string;
  status: number;
  kind: string;
  citations: number;
  bytes: number;
}

async function checkQuestions(chat: TimedServer): Promise<QuestionCheck[]> {
  const checks: QuestionCheck[] = [];
  for (const question of QUESTIONS) {
    const res = await fetch(`${chat.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chatBody(question, false),
    });
    const text = await res.text();
    let kind = '?';
    let citations = -1;
    try {
      const json = JSON.parse(text) as { kind?: string; citations?: unknown[] };
      kind = json.kind ?? '?';
      citations = json.citations?.length ?? -1;
    } catch {
      // Reported through the status below.
    }
    checks.push({ question, status: res.status, kind, citations, bytes: Buffer.byteLength(text) });
  }
  const failed = checks.filter((c) => c.status !== 200);
  if (failed.length > 0) {
    throw new Error(`POST /api/chat did not answer 200 for: ${failed.map((c) => `${c.question} (${c.status})`).join(', ')}`);
  }
  return checks;
}

// ---------------------------------------------------------------------------------------------
// 2. Where the time goes, in process

const STAGES = ['tokenize (jieba)', 'embedQuery', 'HNSW k=50', 'BM25 k=50', 'retrieve (all)', 'answer (all)', 'JSON.stringify'] as const;
type Stage = (typeof STAGES)[number];

interface InProcessResult {
  rounds: number;
  /** Per stage, over every question of every round. */
  stages: Record<Stage, LatencySummary>;
  /** `answerer.answer` per question. */
  answerByQuestion: Record<string, LatencySummary>;
  cpu: CpuShare;
}

async function benchInProcess(index: SearchIndex, services: AppServices, rounds: number): Promise<InProcessResult> {
  const times = Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<Stage, number[]>;
  const byQuestion = new Map<string, number[]>(QUESTIONS.map((q) => [q, []]));
  const before = cpuSnapshot();
  // Two unmeasured rounds warm the JIT and jieba's caches.
  for (let round = -2; round < rounds; round++) {
    for (const question of QUESTIONS) {
      const t0 = performance.now();
      tokenizeWords(question);
      const t1 = performance.now();
      const vector = await index.embeddings.embedQuery(question);
      const t2 = performance.now();
      await index.store.similaritySearchVectorWithScore(vector, Math.min(50, index.chunks.length));
      const t3 = performance.now();
      services.retriever.lexical.search(question, 50);
      const t4 = performance.now();
      await services.retriever.retrieve(question, { k: 6 });
      const t5 = performance.now();
      const response = await services.answerer.answer({ messages: [{ role: 'user', content: question }], speaker: null });
      const t6 = performance.now();
      JSON.stringify(response);
      const t7 = performance.now();
      if (round < 0) continue;
      const spans = [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6];
      STAGES.forEach((stage, i) => times[stage].push(spans[i]!));
      byQuestion.get(question)!.push(t6 - t5);
    }
  }
  return {
    rounds,
    stages: Object.fromEntries(STAGES.map((s) => [s, latencySummary(times[s])])) as Record<Stage, LatencySummary>,
    answerByQuestion: Object.fromEntries([...byQuestion].map(([q, t]) => [q, latencySummary(t)])),
    cpu: cpuShare(before, cpuSnapshot()),
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Server-Sent Events: time to `citations` and to `done`

interface SseTiming {
  headersMs: number;
  citationsMs: number;
  doneMs: number;
  deltas: number;
}

async function sseOnce(chat: TimedServer, question: string): Promise<SseTiming> {
  const started = performance.now();
  const res = await fetch(`${chat.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: chatBody(question, true),
  });
  const headersMs = performance.now() - started;
  if (res.status !== 200 || !res.body) throw new Error(`SSE request for ${question} answered ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let citationsMs = NaN;
  let doneMs = NaN;
  let deltas = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/mu.exec(block)?.[1];
      if (event === 'citations' && Number.isNaN(citationsMs)) citationsMs = performance.now() - started;
      else if (event === 'delta') deltas++;
      else if (event === 'done') doneMs = performance.now() - started;
      else if (event === 'error') throw new Error(`SSE request for ${question} sent an error event: ${block}`);
    }
  }
  if (Number.isNaN(citationsMs) || Number.isNaN(doneMs)) throw new Error(`SSE request for ${question} ended without citations and done`);
  return { headersMs, citationsMs, doneMs, deltas };
}

/** Milliseconds from sending a JSON (`stream: false`) chat request to having read its whole body. */
async function jsonOnce(chat: TimedServer, question: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${chat.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: chatBody(question, false),
  });
  await res.text();
  if (res.status !== 200) throw new Error(`JSON request for ${question} answered ${res.status}`);
  return performance.now() - started;
}

interface SseResult {
  requests: number;
  headers: LatencySummary;
  citations: LatencySummary;
  done: LatencySummary;
  /** done − citations, per request. */
  citationsToDone: LatencySummary;
  /** The same questions as JSON (`stream: false`) with the same client, alternating: to the whole body. */
  jsonComplete: LatencySummary;
  deltasPerAnswer: LatencySummary;
  cpu: CpuShare;
}

async function benchSse(chat: TimedServer, requests: number): Promise<SseResult> {
  for (const question of QUESTIONS) {
    // Warm-up, not counted.
    await sseOnce(chat, question);
    await jsonOnce(chat, question);
  }
  const timings: SseTiming[] = [];
  const json: number[] = [];
  const before = cpuSnapshot();
  for (let i = 0; i < requests; i++) {
    const question = QUESTIONS[i % QUESTIONS.length]!;
    timings.push(await sseOnce(chat, question));
    json.push(await jsonOnce(chat, question));
  }
  return {
    requests,
    headers: latencySummary(timings.map((t) => t.headersMs)),
    citations: latencySummary(timings.map((t) => t.citationsMs)),
    done: latencySummary(timings.map((t) => t.doneMs)),
    citationsToDone: latencySummary(timings.map((t) => t.doneMs - t.citationsMs)),
    jsonComplete: latencySummary(json),
    deltasPerAnswer: latencySummary(timings.map((t) => t.deltas)),
    cpu: cpuShare(before, cpuSnapshot()),
  };
}

// ---------------------------------------------------------------------------------------------
// 4. Load: POST /api/chat beside the bare endpoint

interface LoadRun extends AutocannonCounts {
  target: 'chat' | 'bare';
  connections: number;
  durationS: number;
  /** Client-side latency from autocannon; its histogram has 1 ms resolution. */
  p50Ms: number;
  p97_5Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** Server-side handling time (arrival to `finish`), measured in the server. */
  serverP50Ms: number;
  serverP99Ms: number;
  /** Cores this process used, and cores other processes used, during the run. */
  cpu: CpuShare;
  /** Event loop utilisation of the main thread (the server's; autocannon runs in its worker). */
  serverEventLoopUtilization: number;
}

async function load(
  target: LoadRun['target'],
  listening: TimedServer,
  path: string,
  connections: number,
  durationS: number,
  workers: number,
): Promise<LoadRun> {
  listening.samples.length = 0;
  const before = cpuSnapshot();
  const eluBefore = performance.eventLoopUtilization();
  const result = await autocannon({
    url: listening.url,
    connections,
    duration: durationS,
    ...(workers > 0 ? { workers } : {}),
    requests: chatRequests(QUESTIONS, path),
  });
  const elu = performance.eventLoopUtilization(eluBefore).utilization;
  const cpu = cpuShare(before, cpuSnapshot());
  const server = latencySummary(listening.samples);
  return {
    target,
    connections,
    durationS,
    ...autocannonCounts(result),
    p50Ms: result.latency.p50,
    p97_5Ms: result.latency.p97_5,
    p99Ms: result.latency.p99,
    meanMs: result.latency.mean,
    maxMs: result.latency.max,
    serverP50Ms: server.p50,
    serverP99Ms: server.p99,
    cpu,
    serverEventLoopUtilization: Number(elu.toFixed(3)),
  };
}

function describeRun(run: LoadRun): string {
  return (
    `  ${run.target.padEnd(4)} c=${String(run.connections).padStart(2)}: ${run.reqPerSec.toFixed(0)} req/s, ` +
    `p50 ${run.p50Ms} / p97.5 ${run.p97_5Ms} / p99 ${run.p99Ms} ms, server p50 ${ms(run.serverP50Ms)} p99 ${ms(run.serverP99Ms)} ms, ` +
    `${run.total2xx} 2xx, ${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts; ` +
    `CPU: this process ${run.cpu.selfCores} cores, others ${run.cpu.otherCores ?? '?'}; server event loop ${(run.serverEventLoopUtilization * 100).toFixed(0)} % busy`
  );
}

interface LoadResult {
  workers: number;
  repeat: number;
  /** Every run, in the order run. */
  runs: LoadRun[];
  /** Per connection count, chat then bare: the run with the median req/s over the repeats (lower median). */
  median: LoadRun[];
  /** req/s [min, max] over the repeats, by `target@connections`. */
  range: Record<string, [number, number]>;
  /** Median chat req/s ÷ median bare req/s, by connections. */
  ratio: Record<string, number>;
}

async function benchLoad(chat: TimedServer, bare: TimedServer, options: Options): Promise<LoadResult> {
  // Warm both paths up under load before anything is recorded.
  const warmS = Math.min(2, options.durationS);
  await load('chat', chat, '/api/chat', 16, warmS, options.workers);
  await load('bare', bare, '/bare', 16, warmS, options.workers);
  // Repeats are interleaved, so that a burst of other work on the machine hits one repeat, not one row.
  const runs: LoadRun[] = [];
  for (let repeat = 1; repeat <= options.repeat; repeat++) {
    if (options.repeat > 1) log(`  repeat ${repeat} of ${options.repeat}`);
    for (const connections of options.connections) {
      for (const [target, listening, path] of [
        ['chat', chat, '/api/chat'],
        ['bare', bare, '/bare'],
      ] as const) {
        await sleep(500);
        const run = await load(target, listening, path, connections, options.durationS, options.workers);
        log(describeRun(run));
        runs.push(run);
      }
    }
  }
  const median: LoadRun[] = [];
  const range: Record<string, [number, number]> = {};
  const ratio: Record<string, number> = {};
  for (const connections of options.connections) {
    const picked: Partial<Record<LoadRun['target'], LoadRun>> = {};
    for (const target of ['chat', 'bare'] as const) {
      const same = runs.filter((r) => r.target === target && r.connections === connections).sort((a, b) => a.reqPerSec - b.reqPerSec);
      const mid = same[Math.floor((same.length - 1) / 2)]!;
      picked[target] = mid;
      median.push(mid);
      range[`${target}@${connections}`] = [same[0]!.reqPerSec, same.at(-1)!.reqPerSec];
    }
    ratio[String(connections)] = picked.chat!.reqPerSec / picked.bare!.reqPerSec;
  }
  return { workers: options.workers, repeat: options.repeat, runs, median, range, ratio };
}

// ---------------------------------------------------------------------------------------------
// Report

interface Report {
  machine: MachineInfo;
  source: string;
  options: Options;
  index: { passages: number; embedder: string; loadMs: number; rebuiltBecause: string | null };
  questions: QuestionCheck[];
  inProcess: InProcessResult;
  sse: SseResult;
  load: LoadResult;
  memory: { rssMiBAfter: number; heapUsedMiBAfter: number };
}

function markdown(report: Report): string {
  const m = report.machine;
  const lines: string[] = [];
  lines.push(
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.totalMemoryGiB} GiB, Node ${m.node}, ${m.platform}; ` +
      `load average at start ${m.loadAverage.join(' / ')}; ${m.date}; source ${report.source}.`,
  );
  lines.push(
    `Index: ${report.index.passages} passages, embedder ${report.index.embedder}, loaded in ${ms(report.index.loadMs)} ms` +
      `${report.index.rebuiltBecause ? ` (rebuilt: ${report.index.rebuiltBecause})` : ''}.`,
  );
  lines.push('');
  const repeats = report.load.repeat;
  lines.push(
    `POST /api/chat (JSON, ${QUESTIONS.length} questions in turn, ${report.options.cached ? 'cached path: answer cache on' : 'cold path: no answer cache'}) vs bare Express, autocannon ${report.options.durationS} s per run, ` +
      `${report.load.workers === 0 ? 'client on the server thread' : `${report.load.workers} worker thread(s)`}` +
      `${repeats > 1 ? `; each row is the median of ${repeats} interleaved runs (req/s range in brackets)` : ''}:`,
  );
  lines.push('');
  lines.push(
    '| target | conns | req/s (mean) | p50 ms | p97.5 ms | p99 ms | server p50 / p99 ms | non-2xx | errors / timeouts | chat ÷ bare | server loop busy | CPU self / others |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const run of report.load.median) {
    const [low, high] = report.load.range[`${run.target}@${run.connections}`] ?? [NaN, NaN];
    const reqPerSec = repeats > 1 ? `${run.reqPerSec.toFixed(0)} (${low.toFixed(0)}–${high.toFixed(0)})` : run.reqPerSec.toFixed(0);
    const ratio = run.target === 'chat' ? `${((report.load.ratio[String(run.connections)] ?? NaN) * 100).toFixed(1)} %` : '';
    lines.push(
      `| ${run.target === 'chat' ? 'POST /api/chat' : 'bare'} | ${run.connections} | ${reqPerSec} | ${run.p50Ms} | ${run.p97_5Ms} | ${run.p99Ms} | ` +
        `${ms(run.serverP50Ms)} / ${ms(run.serverP99Ms)} | ${run.non2xx} | ${run.errors} / ${run.timeouts} | ${ratio} | ` +
        `${(run.serverEventLoopUtilization * 100).toFixed(0)} % | ${run.cpu.selfCores} / ${run.cpu.otherCores ?? '?'} |`,
    );
  }
  lines.push('');
  const s = report.sse;
  lines.push(
    `SSE (\`stream: true\`), ${s.requests} sequential requests (fetch, in the server's thread), alternating with JSON requests, ms from sending ` +
      `(CPU: this process ${s.cpu.selfCores} cores, others ${s.cpu.otherCores ?? '?'}):`,
  );
  lines.push('');
  lines.push('| to | p50 | p99 | mean | max |');
  lines.push('| --- | ---: | ---: | ---: | ---: |');
  for (const [name, t] of [
    ['response headers', s.headers],
    ['`event: citations`', s.citations],
    ['`event: done`', s.done],
    ['citations → done', s.citationsToDone],
    ['JSON (`stream: false`) whole body, same client', s.jsonComplete],
  ] as const) {
    lines.push(`| ${name} | ${ms(t.p50)} | ${ms(t.p99)} | ${ms(t.mean)} | ${ms(t.max)} |`);
  }
  lines.push('');
  lines.push(
    `In process, no HTTP (${report.inProcess.rounds} rounds × ${QUESTIONS.length} questions), ms ` +
      `(CPU: others ${report.inProcess.cpu.otherCores ?? '?'} cores):`,
  );
  lines.push('');
  lines.push('| stage | p50 | p99 | mean |');
  lines.push('| --- | ---: | ---: | ---: |');
  for (const stage of STAGES) {
    const t = report.inProcess.stages[stage];
    lines.push(`| ${stage} | ${ms(t.p50)} | ${ms(t.p99)} | ${ms(t.mean)} |`);
  }
  lines.push('');
  lines.push('| question | kind | citations | JSON bytes | answer p50 / p99 ms |');
  lines.push('| --- | --- | ---: | ---: | ---: |');
  for (const q of report.questions) {
    const t = report.inProcess.answerByQuestion[q.question];
    lines.push(`| ${q.question} | ${q.kind} | ${q.citations} | ${q.bytes} | ${t ? `${ms(t.p50)} / ${ms(t.p99)}` : '–'} |`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const options = readOptions();
  const machine = machineInfo();
  if (options.production) {
    log(`# bench:chat --production (${options.quick ? 'quick' : 'full'}), source ${sourceRevision()}`);
    log(`${machine.cores} cores, ${machine.cpuModel}, ${machine.totalMemoryGiB} GiB, Node ${machine.node}, load ${machine.loadAverage.join(' ')}, ${machine.date}`);
    await benchProduction(PROJECT_ROOT, { durationS: options.durationS, connections: options.connections, repeat: options.repeat, compare: options.compare }, log);
    log(`load average at the end: ${machineInfo().loadAverage.join(' ')}`);
    return;
  }
  log(`# bench:chat (${options.quick ? 'quick' : 'full'}, ${options.cached ? 'cached path: with the answer cache' : 'cold path: no answer cache'})`);
  log(`${machine.cores} cores, ${machine.cpuModel}, ${machine.totalMemoryGiB} GiB, Node ${machine.node}, load ${machine.loadAverage.join(' ')}, ${machine.date}`);

  const loadStarted = performance.now();
  const { index, rebuiltBecause } = await loadOrBuildIndex(defaultArticleConfig(loadConfig({ LOG_LEVEL: 'silent' })), log);
  const loadMs = performance.now() - loadStarted;
  const answerCache = options.cached ? new AnswerCache() : null;
  const services = buildServices(index, answerCache ? { answerCache } : {});
  const chat = await timedServer(createApp({ services }));
  const bare = await timedServer(bareApp());
  log(`index: ${index.chunks.length} passages, ${index.manifest.embedder}, ${ms(loadMs)} ms; chat ${chat.url}, bare ${bare.url}`);

  try {
    log('\n## 1. The questions');
    const questions = await checkQuestions(chat);
    for (const q of questions) log(`  ${q.status} ${q.kind.padEnd(10)} ${q.citations} citations ${String(q.bytes).padStart(5)} B  ${q.question}`);

    log(`\n## 2. In process (${options.rounds} rounds)`);
    const inProcess = await benchInProcess(index, services, options.rounds);
    for (const stage of STAGES) {
      const t = inProcess.stages[stage];
      log(`  ${stage.padEnd(17)} p50 ${ms(t.p50)} ms, p99 ${ms(t.p99)} ms`);
    }

    log(`\n## 3. SSE (${options.sseRequests} sequential requests)`);
    const sse = await benchSse(chat, options.sseRequests);
    log(
      `  citations p50 ${ms(sse.citations.p50)} ms p99 ${ms(sse.citations.p99)} ms; done p50 ${ms(sse.done.p50)} ms p99 ${ms(sse.done.p99)} ms; ` +
        `JSON p50 ${ms(sse.jsonComplete.p50)} ms p99 ${ms(sse.jsonComplete.p99)} ms`,
    );

    log(`\n## 4. POST /api/chat vs bare (autocannon, ${options.durationS} s per run)`);
    const loadResult = await benchLoad(chat, bare, options);

    const memory = process.memoryUsage();
    const report: Report = {
      machine,
      source: sourceRevision(),
      options,
      index: { passages: index.chunks.length, embedder: index.manifest.embedder, loadMs, rebuiltBecause },
      questions,
      inProcess,
      sse,
      load: loadResult,
      memory: { rssMiBAfter: Math.round(memory.rss / 2 ** 20), heapUsedMiBAfter: Math.round(memory.heapUsed / 2 ** 20) },
    };
    log(`\n## Summary\n\n${markdown(report)}\n`);
    const resultsFile = join(RESULTS_DIR, options.cached ? 'chat-cached.json' : 'chat.json');
    await mkdir(RESULTS_DIR, { recursive: true });
    await writeFile(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${resultsFile}`);
  } finally {
    await chat.close();
    await bare.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
