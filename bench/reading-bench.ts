import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { readArticle } from '../src/corpus/parse-article.js';
import { machineInfo, sourceRevision } from './support/machine-info.js';

/**
 * `npm run bench:reading [-- --rounds 3]`: what reading one article costs (layout, speakers, quotations;
 * `readArticle`, as ingest and the watcher call it), on every article of the `eval/layouts*` sets, each
 * a distinct text read once a round after two unmeasured ones (warm JIT; each round a fresh copy of the
 * texts, so no text is read twice as the same string), and on the seed article alone. Prints the mean
 * and percentiles a text, and the slowest. Measures; asserts nothing.
 */

const rounds = Number(/--rounds\s+(\d+)/u.exec(process.argv.slice(2).join(' '))?.[1] ?? 3);
const evalDir = join(PROJECT_ROOT, 'eval');
const files = readdirSync(evalDir)
  .filter((d) => d.startsWith('layouts'))
  .flatMap((d) => readdirSync(join(evalDir, d, 'articles')).map((f) => join(evalDir, d, 'articles', f)));
const texts = files.map((f) => readFileSync(f, 'utf8'));
// A copy the engine cannot tell is the same string (memoised views are keyed by text).
const fresh = (round: number) => texts.map((t) => `${t}\n${'　'.repeat(round + 1)}`);
const times: number[] = [];
for (let round = -2; round < rounds; round++) {
  for (const [i, text] of fresh(round + 2).entries()) {
    const start = performance.now();
    readArticle(text);
    if (round >= 0) times[i] = (times[i] ?? 0) + (performance.now() - start) / rounds;
  }
}
const sorted = [...times].sort((a, b) => a - b);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const seed = readFileSync(join(PROJECT_ROOT, 'corpus/article.txt'), 'utf8');
const seedTimes: number[] = [];
for (let round = 0; round < rounds + 2; round++) {
  const start = performance.now();
  readArticle(`${seed}\n${'　'.repeat(round + 10)}`);
  if (round >= 2) seedTimes.push(performance.now() - start);
}
console.log(`# bench:reading, source ${sourceRevision()}`);
const machine = machineInfo();
console.log(`${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverage.join(' ')}, ${machine.date}`);
console.log(`${texts.length} articles of eval/layouts*, ${rounds} rounds after two unmeasured`);
console.log(`mean ${mean.toFixed(1)} ms an article; p50 ${at(0.5).toFixed(1)}, p90 ${at(0.9).toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)} ms`);
const slowest = times.map((t, i) => ({ t, f: files[i]!.slice(evalDir.length + 1) })).sort((a, b) => b.t - a.t).slice(0, 3);
for (const s of slowest) console.log(`  slowest: ${s.f} ${s.t.toFixed(1)} ms`);
console.log(`corpus/article.txt: ${(seedTimes.reduce((a, b) => a + b, 0) / seedTimes.length).toFixed(1)} ms a reading`);
