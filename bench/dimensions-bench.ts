/**
 * `npm run bench:dimensions`: what the local embedder's dimension (1024 by default) costs and buys.
 * For each dimension, builds the real index in a temporary folder (never the project's `index/`),
 * loads it, and measures the index's size on disk, the heap the loaded index takes, the dev set's
 * retrieval (hit@5, MRR, speaker@1) and answers (evidence hit, speaker recall), and the vectors'
 * memory at 100k passages (n × d × 4 bytes, HNSW's float32 vectors, before its graph). It asserts
 * nothing. Options: `-- --dims 256,512,1024,2048`.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import { defaultArticleConfig } from '../src/index/load-library.js';
import { loadQuestions } from '../src/eval/eval-set.js';
import { evaluateAnswers } from '../src/eval/evaluate-answers.js';
import { evaluateRetrieval } from '../src/eval/evaluate-retrieval.js';
import { buildIndex } from '../src/index/build-index.js';
import { manifestSchema } from '../src/index/index-manifest.js';
import { loadIndex } from '../src/index/load-index.js';
import { buildServices } from '../src/app/build-services.js';
import { machineInfo } from './support/machine-info.js';

const { values } = parseArgs({ options: { dims: { type: 'string', default: '128,256,512,1024,2048' } } });
const dims = values.dims!.split(',').map((d) => Number(d.trim()));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const machine = machineInfo();
console.log(`${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, ${machine.date}`);
const config = defaultArticleConfig(loadConfig({ LOG_LEVEL: 'silent' }));
const questions = await loadQuestions(resolve(PROJECT_ROOT, 'eval/dev.jsonl'));
const rows: string[] = [
  '| dimensions | index on disk KiB | heap of the loaded index MiB | hit@5 | MRR | speaker@1 | evidence hit | speaker recall | vectors at 100k MiB |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
for (const dimensions of dims) {
  const dir = await mkdtemp(join(os.tmpdir(), `dims-${dimensions}-`));
  try {
    const indexDir = join(dir, 'index');
    await buildIndex({ corpusPath: config.corpusPath, indexDir, embeddings: config.embeddings, localEmbeddings: { dimensions } });
    let bytes = 0;
    for (const name of await readdir(indexDir)) bytes += (await stat(join(indexDir, name))).size;
    const manifest = manifestSchema.parse(JSON.parse(await readFile(join(indexDir, 'manifest.json'), 'utf8')));
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const index = await loadIndex({ ...config, indexDir }, manifest);
    gc();
    const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    const { retriever, answerer, verifier } = buildServices(index);
    const names = index.article.speakers.filter((s) => s.role !== 'editor').map((s) => s.name);
    const retrieval = await evaluateRetrieval(
      { name: `local ${dimensions}`, rank: async (query, k, preferSpeakers) => (await retriever.retrieve(query, { k, preferSpeakers })).passages },
      questions,
      names,
    );
    const answers = await evaluateAnswers((messages) => answerer.answer({ messages }), questions, index.article, verifier);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    rows.push(
      `| ${dimensions} | ${(bytes / 1024).toFixed(0)} | ${heapMiB.toFixed(1)} | ${pct(retrieval.hitAt5)} | ${retrieval.mrr.toFixed(3)} | ${pct(retrieval.speakerAt1)} | ` +
        `${pct(answers.evidenceHit)} | ${pct(answers.speakerRecall)} | ${((100_000 * dimensions * 4) / 2 ** 20).toFixed(0)} |`,
    );
    console.log(rows.at(-1));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
console.log(`\n${rows.join('\n')}`);
