/**
 * `npm run bench:check [-- --runs 15 | --quick]`: measures `POST /api/check` work, asserting nothing about time.
 *
 * Texts of 2,500 to 20,000 characters built from the test set's texts (verbatim, altered, invented
 * and misattributed quotations, names, pronouns and titles) with about one quotation per 100
 * characters: the checker's own time (median of runs) and through HTTP (the same server, port 0),
 * so that growth with the text's length can be read off. Prints Markdown.
 */
import { performance } from 'node:perf_hooks';
import { TextChecker } from '../src/check/check-text.js';
import { QuoteVerifier } from '../src/check/verify-quote.js';
import { loadConfig } from '../src/config.js';
import { loadOrBuildIndex } from '../src/index/load-index.js';
import { buildServices } from '../src/app/build-services.js';
import { createApp } from '../src/server/create-app.js';
import { CHECK_TEXT_CASES } from '../test/support/check-texts.js';
import { parseBenchOptions } from './support/bench-options.js';
import { machineInfo } from './support/machine-info.js';
import { defaultArticleConfig } from '../src/index/load-library.js';

const { runs: RUNS } = parseBenchOptions({ runs: { type: 'integer', default: 15, quick: 3 } });

/** A text of `length` characters with `quotations` quotations, cut from the test set's texts. */
function buildText(length: number, quotations: number): string {
  const units = CHECK_TEXT_CASES.map((c) => c.text);
  let text = '';
  let count = 0;
  for (let i = 0; count < quotations; i++) {
    const unit = units[i % units.length]!;
    text += `${unit}\n`;
    count += (unit.match(/[“「『"]/gu) ?? []).length - (unit.match(/‘/gu) ?? []).length;
  }
  // Pad with prose (no quotation marks) to the length wanted.
  const filler = '青海发展新质生产力要因地制宜，统筹推进传统产业转型升级和新兴产业发展壮大。';
  while (text.length < length) text += filler;
  return text.slice(0, length);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const { index } = await loadOrBuildIndex(defaultArticleConfig(config));
  const started = performance.now();
  const checker = new TextChecker(index.article, new QuoteVerifier(index.article));
  const buildMs = performance.now() - started;

  const services = buildServices(index);
  const server = createApp({ services }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };

  console.log(`## POST /api/check (${RUNS} runs each, median)\n`);
  console.log(`Checker built in ${buildMs.toFixed(1)} ms (once per server).\n`);
  console.log('| characters | quotations | checker | via HTTP | per 1,000 characters |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  for (const [length, quotations] of [[2_500, 25], [5_000, 50], [10_000, 100], [20_000, 200]] as const) {
    const text = buildText(length, quotations);
    const found = checker.check(text).summary.quotations;
    checker.check(text); // warm-up
    const direct: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      checker.check(text);
      direct.push(performance.now() - t);
    }
    const http: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
      await res.json();
      http.push(performance.now() - t);
    }
    const d = median(direct);
    console.log(`| ${text.length} | ${found} | ${d.toFixed(1)} ms | ${median(http).toFixed(1)} ms | ${((d / text.length) * 1000).toFixed(2)} ms |`);
  }
  const m = machineInfo();
  console.log(`\n${JSON.stringify(m)}`);
  server.close();
}

await main();
