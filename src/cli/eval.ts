import { resolve } from 'node:path';
import * as OpenCC from 'opencc-js';
import { PROJECT_ROOT, loadConfig } from '../config.js';
import { createBaselineRanker } from '../eval/baseline-ranker.js';
import { loadQuestions, loadQuotes, userTurns } from '../eval/eval-set.js';
import { evaluateAnswers } from '../eval/evaluate-answers.js';
import { evaluateQuotes } from '../eval/evaluate-quotes.js';
import { evaluateRetrieval, type PassageRanker, type RetrievalMetrics } from '../eval/evaluate-retrieval.js';
import { loadOrBuildIndex } from '../index/load-index.js';
import { buildServices } from '../server/build-services.js';

/**
 * `npm run eval [-- --json]`: retrieval (hit@5, MRR, speaker@1) beside a plain baseline, quote-check
 * accuracy, and whether Traditional-character questions find what their Simplified twins find.
 */
async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const config = loadConfig();
  const { index } = await loadOrBuildIndex(config, (m) => console.error(m));
  const { retriever, verifier, answerer } = buildServices(index);
  const questions = await loadQuestions(resolve(PROJECT_ROOT, 'eval/dev.jsonl'));
  const quotes = await loadQuotes(resolve(PROJECT_ROOT, 'eval/quotes.dev.jsonl'));
  const names = index.article.speakers.filter((s) => s.role !== 'editor').map((s) => s.name);

  const hybrid: PassageRanker = {
    name: 'hybrid (HNSW + BM25, attributed passages)',
    rank: async (query, k, preferSpeakers) => (await retriever.retrieve(query, { k, preferSpeakers })).passages,
  };
  const product = await evaluateRetrieval(hybrid, questions, names);
  const baseline = await evaluateRetrieval(await createBaselineRanker(config.corpusPath), questions, names);
  const quoteMetrics = evaluateQuotes(verifier, quotes);
  const answers = await evaluateAnswers((messages) => answerer.answer({ messages }), questions, index.article, verifier);

  // Every question again in Traditional characters: the top five passages should not change.
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  let parity = 0;
  const single = questions.filter((q) => userTurns(q).length === 1);
  for (const item of single) {
    const question = userTurns(item)[0]!;
    const a = (await retriever.retrieve(question, { k: 5 })).passages.map((p) => p.id).join();
    const b = (await retriever.retrieve(toTraditional(question), { k: 5 })).passages.map((p) => p.id).join();
    if (a === b) parity++;
  }

  if (json) {
    console.log(JSON.stringify({ retrieval: product, baseline, answers, quotes: quoteMetrics, traditionalParity: parity / single.length }, null, 2));
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const row = (m: RetrievalMetrics, speaker = true) =>
    `${pct(m.hitAt5)}  ${m.mrr.toFixed(3).padStart(6)}  ${speaker ? pct(m.speakerAt1) : '    n/a'}  ${m.ranker}`;
  console.log(`retrieval over ${product.items} dev questions (multi-turn items resolved from earlier turns)`);
  console.log(`  hit@5     MRR  speaker@1  ranker`);
  console.log(`  ${row(product)}`);
  console.log(`  ${row(baseline, false)}`);
  const misses = product.results.filter((r) => r.firstHit === null || r.firstHit > 5 || !r.speakerOk);
  for (const r of misses) console.log(`  miss ${r.id}: rank ${r.firstHit ?? '-'}, top speaker ${r.topSpeaker} for "${r.query}"`);
  console.log(
    `quote checks: ${quoteMetrics.results.filter((r) => r.ok).length}/${quoteMetrics.items} right ` +
      `(found ${pct(quoteMetrics.foundAccuracy).trim()}, speaker ${pct(quoteMetrics.speakerAccuracy).trim()})`,
  );
  for (const r of quoteMetrics.results.filter((x) => !x.ok)) {
    console.log(`  wrong ${r.id}: expected ${JSON.stringify(r.expected)}, got ${JSON.stringify(r.actual)}`);
  }
  console.log(`Traditional-character questions with the same top 5 as Simplified: ${parity}/${single.length}`);
  console.log(
    `answers (/api/chat, extractive, multi-turn items played turn by turn): evidence hit ${pct(answers.evidenceHit).trim()}, ` +
      `speaker recall ${pct(answers.speakerRecall).trim()}, quote validity ${pct(answers.quoteValidity).trim()}, ` +
      `markers resolved ${pct(answers.markersResolve).trim()}`,
  );
  for (const r of answers.results.filter((x) => !x.evidenceHit || x.speakerRecall < 1)) {
    console.log(`  weak ${r.id}: evidence ${r.evidenceHit ? 'hit' : 'missed'}, speaker recall ${r.speakerRecall.toFixed(2)} for "${r.query}"`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
