/**
 * Compares the compact segmenter (src/index/segmenter.ts) with `@node-rs/jieba` built with dict.txt
 * on `cut`, `cutForSearch` and `tag` (all with the HMM), over every input of
 * test/support/segmenter-parity-inputs.ts: `npx tsx scripts/segmenter-parity.ts [randomCount] [seed]`.
 * Prints the number of differences (and the first few) and exits 1 if there is any.
 */
import { Jieba } from '@node-rs/jieba';
import { readJiebaDict } from '../src/index/jieba-files.js';
import { Segmenter } from '../src/index/segmenter.js';
import {
  articleParagraphs,
  evalQuestions,
  gluedDictionaryWords,
  random,
  randomStrings,
} from '../test/support/segmenter-parity-inputs.js';

const randomCount = Number(process.argv[2] ?? 200_000);
const seed = Number(process.argv[3] ?? 1);
const dictText = readJiebaDict().toString('utf8');
const native = Jieba.withDict(readJiebaDict());
const t0 = performance.now();
const ours = Segmenter.fromDict(readJiebaDict());
console.log(`compact dictionary built in ${(performance.now() - t0).toFixed(0)} ms`);

const rand = random(seed);
const glued = gluedDictionaryWords(dictText, rand);
const sets: [string, string[]][] = [
  ['article paragraphs and lines', articleParagraphs()],
  ['eval questions', evalQuestions()],
  ['dictionary words glued in pairs and triples', glued],
  ['random strings', randomStrings(randomCount, rand)],
  ['random strings with dictionary words', randomStrings(randomCount, rand, glued.slice(0, 5000))],
];

let differences = 0;
for (const [name, texts] of sets) {
  let diff = 0;
  for (const text of texts) {
    const calls: [string, unknown, unknown][] = [
      ['cut', native.cut(text, true), ours.cut(text)],
      ['cutForSearch', native.cutForSearch(text, true), ours.cutForSearch(text)],
      ['tag', native.tag(text, true), ours.tag(text)],
    ];
    for (const [call, a, b] of calls) {
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        diff++;
        if (differences + diff <= 10) {
          console.log(`DIFF ${call} ${JSON.stringify(text)}\n  native: ${JSON.stringify(a)}\n  ours:   ${JSON.stringify(b)}`);
        }
      }
    }
  }
  differences += diff;
  console.log(`${name}: ${texts.length} texts, ${diff} differences`);
}
console.log(`total differences: ${differences}`);
process.exit(differences ? 1 : 0);
