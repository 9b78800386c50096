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

/**
 * `npm run bench:questions [-- --runs 30 | --quick]`: what one question costs the server, for a normal question beside the
 * most expensive ones the contract allows (characters that NFKC expands, random Han text, a full
 * conversation of them), and the raw 500 × U+FDFA question the attack run used (now refused).
 * Each is sent one at a time over HTTP; the server times each response itself. Measures; asserts nothing.
 */

const { runs: RUNS } = parseBenchOptions({ runs: { type: 'integer', default: 30, quick: 5 } });
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
const app = createApp({ services: buildServices(index) });
const server = await timedServer(app);
console.log(JSON.stringify({ machine: machineInfo(), revision: sourceRevision(), runs: RUNS }));
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
