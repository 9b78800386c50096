/**
 * `npm run bench:segmenter`: the compact segmenter (src/index/segmenter.ts) against `@node-rs/jieba`
 * built with dict.txt. Memory: a bare child process per kind, its RSS (after a GC) before and after
 * building the segmenter and cutting a few texts (one through the HMM). Speed: `cutForSearch` on the
 * eval questions and on the articles' paragraphs, best of a few rounds, each segmenter in turn.
 * Start-up: the time to build the compact dictionary from dict.txt. It asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Jieba } from '@node-rs/jieba';
import { jiebaDictPath, readJiebaDict } from '../src/index/jieba-files.js';
import { Segmenter } from '../src/index/segmenter.js';
import { articleParagraphs, evalQuestions } from '../test/support/segmenter-parity-inputs.js';

const gc = (globalThis as { gc?: () => void }).gc;
const mib = (bytes: number) => bytes / 1048576;
const SAMPLE = ['我们中出了一个叛徒', '青海发展新质生产力有哪些优势？', '他来到了网易杭研大厦 abc 123'];

function rss(): number {
  gc?.();
  gc?.();
  return mib(process.memoryUsage().rss);
}

const kind = process.argv[2];
if (kind === 'native' || kind === 'compact') {
  const before = rss();
  if (kind === 'native') {
    const jieba = Jieba.withDict(readJiebaDict());
    for (const t of SAMPLE) jieba.cutForSearch(t, true);
    (globalThis as { keep?: unknown }).keep = jieba;
  } else {
    const seg = Segmenter.fromDictFile(jiebaDictPath());
    for (const t of SAMPLE) seg.cutForSearch(t);
    (globalThis as { keep?: unknown }).keep = seg;
  }
  await new Promise((r) => setTimeout(r, 200));
  const after = rss();
  console.log(JSON.stringify({ before, after }));
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
function child(which: string): { before: number; after: number } {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, which], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as { before: number; after: number };
}
const RUNS = 5;
console.log(`memory (RSS MiB after a GC; ${RUNS} runs, alternating):`);
const afters: { native: number[]; compact: number[] } = { native: [], compact: [] };
for (let run = 0; run < RUNS; run++) {
  const n = child('native');
  const c = child('compact');
  afters.native.push(n.after);
  afters.compact.push(c.after);
  console.log(
    `  native full dictionary: ${n.before.toFixed(1)} -> ${n.after.toFixed(1)} (+${(n.after - n.before).toFixed(1)}); ` +
      `compact: ${c.before.toFixed(1)} -> ${c.after.toFixed(1)} (+${(c.after - c.before).toFixed(1)}); ` +
      `compact smaller by ${(n.after - c.after).toFixed(1)}`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(
  `  medians: native ${median(afters.native).toFixed(1)}, compact ${median(afters.compact).toFixed(1)}, ` +
    `compact smaller by ${(median(afters.native) - median(afters.compact)).toFixed(1)}`,
);

const builds: number[] = [];
let seg: Segmenter | null = null;
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  seg = Segmenter.fromDictFile(jiebaDictPath());
  builds.push(performance.now() - t0);
}
console.log(`compact dictionary from dict.txt (read in chunks + build): ${builds.map((b) => b.toFixed(0)).join(', ')} ms`);
const native = Jieba.withDict(readJiebaDict());

function time(f: () => void, rounds = 7): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
for (const [name, texts] of [
  ['eval questions', evalQuestions()],
  ['article paragraphs', articleParagraphs()],
] as const) {
  const ours = seg!;
  time(() => texts.forEach((t) => native.cutForSearch(t, true)), 2);
  time(() => texts.forEach((t) => ours.cutForSearch(t)), 2);
  const tn = time(() => texts.forEach((t) => native.cutForSearch(t, true)));
  const tc = time(() => texts.forEach((t) => ours.cutForSearch(t)));
  const chars = texts.reduce((s, t) => s + t.length, 0);
  console.log(
    `cutForSearch on ${texts.length} ${name} (${chars} chars): native ${tn.toFixed(1)} ms, compact ${tc.toFixed(1)} ms, ratio ${(tc / tn).toFixed(2)}`,
  );
}
