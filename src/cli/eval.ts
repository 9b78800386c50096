import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as OpenCC from 'opencc-js';
import { PROJECT_ROOT, loadConfig } from '../config.js';
import { createBaselineRanker } from '../eval/baseline-ranker.js';
import { createBigramRanker } from '../eval/bigram-ranker.js';
import { chatOverHttp, listenForEval, searchRanker } from '../eval/eval-http.js';
import { loadQuestions, loadQuotes, userTurns } from '../eval/eval-set.js';
import { evaluateQuotes } from '../eval/evaluate-quotes.js';
import { evaluateSet, restrictToHalf, restrictToTag, type SetReport } from '../eval/evaluate-set.js';
import { formatSetReport } from '../eval/format-report.js';
import { loadOrBuildIndex } from '../index/load-index.js';
import { buildServices } from '../app/build-services.js';
import { createApp } from '../server/create-app.js';
import { defaultArticleConfig } from '../index/load-library.js';

const USAGE = 'usage: npm run eval -- [--set dev|wide|fresh|fresh2|all] [--tag TAG] [--half tune|check] [--failures] [--json]';

/**
 * The evaluation sets in `eval/`, by the name `--set` takes. `fresh.jsonl` holds questions written
 * blind (from the article alone, without the code or the other sets) after the code was tuned on
 * the other two: it is measured, never tuned on. `fresh2.jsonl` is a second such set, written the
 * same way by someone else once the first had been read too often.
 */
const SETS = { dev: 'eval/dev.jsonl', wide: 'eval/dev-wide.jsonl', fresh: 'eval/fresh.jsonl', fresh2: 'eval/fresh2.jsonl' } as const;
type SetName = keyof typeof SETS;

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      set: { type: 'string', default: 'all' },
      tag: { type: 'string' },
      half: { type: 'string' },
      failures: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const names = Object.keys(SETS) as SetName[];
  if (values.set !== 'all' && !names.includes(values.set as SetName)) throw new Error(`--set must be ${names.join(', ')} or all, got ${values.set}`);
  const all = names.filter((name) => existsSync(resolve(PROJECT_ROOT, SETS[name])));
  const sets: SetName[] = values.set === 'all' ? all : [values.set as SetName];
  if (values.half !== undefined && values.half !== 'tune' && values.half !== 'check') throw new Error(`--half must be tune or check, got ${values.half}`);
  return { sets, tag: values.tag ?? null, half: (values.half ?? null) as 'tune' | 'check' | null, failures: values.failures, json: values.json };
}

/**
 * `npm run eval`: for `dev.jsonl` and `dev-wide.jsonl`, retrieval through `GET /api/search` (hit@5,
 * MRR, speaker@1, passage length) beside the trivial bigram ranker and the plain LangChain recipe,
 * answers through `POST /api/chat` (evidence, speaker recall, answered, declined, quote validity,
 * markers), all per tag and for the tune/check halves; quote checks and Traditional parity.
 */
async function main(): Promise<void> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const config = defaultArticleConfig(loadConfig());
  const { index } = await loadOrBuildIndex(config, (m) => console.error(m));
  const services = buildServices(index);
  const { retriever, verifier } = services;
  const article = index.article;
  const speakerNames = article.speakers.filter((s) => s.role !== 'editor').map((s) => s.name);
  const bigram = createBigramRanker(article);
  const langchain = await createBaselineRanker(config.corpusPath);

  const server = await listenForEval(createApp({ services }));
  const reports: Array<{ file: string; report: SetReport }> = [];
  try {
    for (const name of options.sets) {
      const items = await loadQuestions(resolve(PROJECT_ROOT, SETS[name]));
      const report = await evaluateSet({
        name,
        items,
        article,
        verifier,
        speakerNames,
        search: searchRanker(server.url),
        chat: chatOverHttp(server.url),
        bigram,
        langchain,
      });
      const tagged = options.tag ? restrictToTag(report, options.tag) : report;
      reports.push({ file: SETS[name], report: options.half ? restrictToHalf(tagged, options.half) : tagged });
    }
  } finally {
    await server.close();
  }

  const quotes = evaluateQuotes(verifier, await loadQuotes(resolve(PROJECT_ROOT, 'eval/quotes.dev.jsonl')));
  // Every single-turn dev question again in Traditional characters: the top five should not change.
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const single = (await loadQuestions(resolve(PROJECT_ROOT, SETS.dev))).filter((q) => userTurns(q).length === 1);
  let parity = 0;
  for (const item of single) {
    const question = userTurns(item)[0]!;
    const a = (await retriever.retrieve(question, { k: 5 })).passages.map((p) => p.id).join();
    const b = (await retriever.retrieve(toTraditional(question), { k: 5 })).passages.map((p) => p.id).join();
    if (a === b) parity++;
  }

  if (options.json) {
    console.log(JSON.stringify({ sets: reports.map((r) => r.report), quotes, traditionalParity: parity / single.length }, null, 2));
    return;
  }
  for (const { file, report } of reports) {
    if (options.tag && report.items === 0) {
      console.log(`== ${file}: no item tagged ${options.tag} ==\n`);
      continue;
    }
    const scope = [options.tag ? `tag ${options.tag}` : '', options.half ? `${options.half} half` : ''].filter(Boolean).join(', ');
    console.log(formatSetReport(report, { failures: options.failures, file: scope ? `${file}, ${scope}` : file }));
    console.log('');
  }
  console.log(
    `quote checks (eval/quotes.dev.jsonl): ${quotes.results.filter((r) => r.ok).length}/${quotes.items} right ` +
      `(found ${quotes.foundAccuracy.toFixed(2)}, speaker ${quotes.speakerAccuracy.toFixed(2)})`,
  );
  for (const r of quotes.results.filter((x) => !x.ok)) {
    console.log(`  wrong ${r.id}: expected ${JSON.stringify(r.expected)}, got ${JSON.stringify(r.actual)}`);
  }
  console.log(`Traditional-character dev questions with the same top 5 as Simplified: ${parity}/${single.length}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
