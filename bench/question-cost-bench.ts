import { foldText } from '../src/corpus/normalize-text.js';
import { loadConfig } from '../src/config.js';
import { loadOrBuildIndex } from '../src/index/load-index.js';
import { buildServices } from '../src/app/build-services.js';
import { createApp } from '../src/server/create-app.js';
import { CHAT_LIMITS } from '../src/server/routes/chat-post.js';
import { parseBenchOptions } from './support/bench-options.js';
import { latencySummary } from './support/latency-summary.js';
import { machineInfo, sourceRevision } from './support/machine-info.js';
import { timedServer } from './support/timed-server.js';
import { defaultArticleConfig } from '../src/index/load-library.js';
import { loadQuestions, userTurns } from '../src/eval/eval-set.js';
import type { ConversationTurn } from '../src/retrieval/resolve-follow-up.js';
import { PROJECT_ROOT } from '../src/config.js';
import { join } from 'node:path';

/**
 * `npm run bench:questions [-- --runs 30 | --rounds 20 | --quick]`: what one question costs.
 *
 * 1. In process (`answerer.answer`, no HTTP, no answer cache): every question of the eval sets
 *    (`dev`, `dev-wide`, `dev-offtopic`, `fresh`, `fresh2`; a conversation turn by turn with the bot's
 *    own answers in between), `--rounds` times after two unmeasured rounds; the percentiles of one
 *    answer and the slowest questions (by their median over the rounds, and the slowest single answer).
 * 2. Over HTTP: a normal question beside the most expensive ones the contract allows (characters that
 *    NFKC expands, random Han text, a full conversation of them), and the raw 500 × U+FDFA question
 *    the attack run used (now refused). Each is sent one at a time; the server times each response itself.
 *
 * Measures; asserts nothing.
 */

const { runs: RUNS, rounds: ROUNDS } = parseBenchOptions({
  runs: { type: 'integer', default: 30, quick: 5 },
  rounds: { type: 'integer', default: 20, quick: 3 },
});
const EXPANDING = '\uFDFA';
const legal = EXPANDING.repeat(Math.floor(CHAT_LIMITS.maxFoldedUserChars / foldText(EXPANDING).length));
let seed = 7;
const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
const han = Array.from({ length: CHAT_LIMITS.maxUserChars }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 20_000))).join('');
const user = (content: string) => ({ role: 'user', content });
const conversation = [
  ...Array.from({ length: CHAT_LIMITS.maxMessages - 1 }, (_, i) => (i % 2 === 0 ? user(legal) : { role: 'assistant', content: EXPANDING.repeat(800) })),
  user(`他还说了什么？${legal.slice(8)}`),
];

const cases: [string, unknown][] = [
  ['normal question (15 characters)', { messages: [user('青海发展新质生产力有哪些优势？')] }],
  [`${legal.length} × U+FDFA (folds to ${foldText(legal).length}, the most allowed)`, { messages: [user(legal)] }],
  ['500 random Han characters', { messages: [user(han)] }],
  ['20 messages of expanding text, follow-up', { messages: conversation }],
  ['500 × U+FDFA (the attack; refused with 400)', { messages: [user(EXPANDING.repeat(500))] }],
];

const config = loadConfig();
const { index } = await loadOrBuildIndex(defaultArticleConfig(config), () => {});
const services = buildServices(index);
console.log(JSON.stringify({ machine: machineInfo(), revision: sourceRevision(), runs: RUNS, rounds: ROUNDS }));

// 1. In process: every eval question.
const SETS = ['dev', 'dev-wide', 'dev-offtopic', 'fresh', 'fresh2'];
const conversations: string[][] = [];
for (const set of SETS) for (const item of await loadQuestions(join(PROJECT_ROOT, 'eval', `${set}.jsonl`))) conversations.push(userTurns(item));
const perTurn = new Map<string, number[]>();
const all: number[] = [];
const started = performance.now();
for (let round = -2; round < ROUNDS; round++) {
  for (const turns of conversations) {
    const messages: ConversationTurn[] = [];
    for (const question of turns) {
      messages.push({ role: 'user', content: question });
      const t0 = performance.now();
      const response = await services.answerer.answer({ messages, speaker: null });
      const ms = performance.now() - t0;
      for (const m of messages) delete m.context;
      messages.push({ role: 'assistant', content: response.answer, ...(response.context ? { context: response.context } : {}) });
      if (round < 0) continue;
      const key = turns.length > 1 ? `${turns.slice(0, turns.indexOf(question)).map(() => '… ').join('')}${question}` : question;
      all.push(ms);
      (perTurn.get(key) ?? perTurn.set(key, []).get(key)!).push(ms);
    }
  }
}
const sorted = [...all].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const mean = all.reduce((a, b) => a + b, 0) / all.length;
console.log(`\n### In process: ${perTurn.size} questions × ${ROUNDS} rounds (${all.length} answers, ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
console.log('| p50 ms | p90 ms | p99 ms | max ms | mean ms |');
console.log('| ---: | ---: | ---: | ---: | ---: |');
console.log(`| ${pct(50).toFixed(3)} | ${pct(90).toFixed(3)} | ${pct(99).toFixed(3)} | ${sorted.at(-1)!.toFixed(2)} | ${mean.toFixed(3)} |`);
const byMedian = [...perTurn].map(([q, t]) => ({ q, s: latencySummary(t) })).sort((a, b) => b.s.p50 - a.s.p50);
console.log('\nSlowest questions (median over the rounds; max):\n');
console.log('| question | p50 ms | max ms |');
console.log('| --- | ---: | ---: |');
for (const { q, s } of byMedian.slice(0, 10)) console.log(`| ${q.replaceAll('|', '｜').slice(0, 60)} | ${s.p50.toFixed(2)} | ${s.max.toFixed(2)} |`);

// 2. Over HTTP: the expensive questions.
const app = createApp({ services });
const server = await timedServer(app);
console.log('\n### Over HTTP, one at a time\n');
console.log('| question | status | server p50 ms | server max ms | × normal (p50) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
let normal = NaN;
for (const [name, body] of cases) {
  server.samples.length = 0;
  let status = 0;
  for (let i = 0; i < RUNS; i++) {
    const res = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    status = res.status;
    await res.arrayBuffer();
  }
  const s = latencySummary(server.samples);
  if (Number.isNaN(normal)) normal = s.p50;
  console.log(`| ${name} | ${status} | ${s.p50.toFixed(2)} | ${s.max.toFixed(2)} | ${(s.p50 / normal).toFixed(1)} |`);
}
await server.close();
