import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COVERAGE_FEATURES, coverageSignals, decideCoverage, type Coverage, type CoverageModel } from '../answer/decide-coverage.js';
import { loadConfig, PROJECT_ROOT } from '../config.js';
import { crossValidate, tuneCheckSplit } from '../eval/k-fold.js';
import { fitLogistic } from '../eval/fit-logistic.js';
import { isAnswerable, loadQuestions, userTurns, type QuestionItem } from '../eval/eval-set.js';
import { loadOrBuildIndex } from '../index/load-index.js';
import type { QuestionAnalysis } from '../retrieval/analyze-question.js';
import type { RetrievedPassage } from '../retrieval/retrieve.js';
import { buildServices } from '../app/build-services.js';
import { defaultArticleConfig } from '../index/load-library.js';

/**
 * `npm run fit:coverage`: fits the on-topic model of `src/answer/decide-coverage.ts` on the
 * development sets (dev.jsonl, dev-wide.jsonl and the off-topic questions of dev-offtopic.jsonl),
 * picks the threshold of least cross-validated cost, prints the 5-fold cross-validated confusion matrix of
 * the whole decision (answered / related / none), and writes `src/answer/coverage-model.json`.
 * `--dry-run` prints without writing; `--features a,b` fits on some signals only (to compare).
 */

const SETS = ['dev.jsonl', 'dev-wide.jsonl', 'dev-offtopic.jsonl', 'fresh2.jsonl'];
/** Sets of which only the tune half is fitted on: the check half stays held out for `npm run eval`. */
const TUNE_HALF_ONLY = new Set(['fresh2.jsonl']);
const FOLDS = 5;
/**
 * What refusing an on-topic question costs, against 1 for answering an off-topic one: a false
 * refusal hides what the article says, while an off-topic answer shows quotes anyone can see are
 * beside the point. With a floor on the share kept instead (0.95), the threshold sat where it
 * refused one on-topic question in twenty-five.
 */
const REFUSAL_COST = 2;
const LABELS: Coverage[] = ['answered', 'related', 'none'];

interface Row {
  item: QuestionItem;
  set: string;
  analysis: QuestionAnalysis;
  passages: RetrievedPassage[];
  features: number[];
  actual: Coverage;
}

async function main(): Promise<void> {
  const features = featuresToFit();
  const config = loadConfig();
  const { index } = await loadOrBuildIndex(defaultArticleConfig(config), (m) => console.error(m));
  const { retriever } = buildServices(index);
  const rows: Row[] = [];
  for (const set of SETS) {
    const items = await loadQuestions(join(PROJECT_ROOT, 'eval', set));
    for (const item of TUNE_HALF_ONLY.has(set) ? tuneCheckSplit(items).tune : items) {
      const analysis = retriever.analyzer.analyze(userTurns(item).map((content) => ({ role: 'user' as const, content })));
      if (analysis.intent.kind !== 'topic' && analysis.intent.kind !== 'definition') continue;
      const { passages } = await retriever.retrieve(analysis, { k: 6, preferSpeakers: analysis.carriedSpeakers });
      const signals = coverageSignals(index.article, analysis, passages);
      const actual: Coverage = isAnswerable(item) ? 'answered' : item.tags?.includes('off-topic') ? 'none' : 'related';
      rows.push({ item, set, analysis, passages, features: features.map((f) => signals[f]), actual });
    }
  }

  const fit = (train: readonly Row[], threshold: number): CoverageModel => ({
    features,
    ...fitLogistic(train.map((r) => r.features), train.map((r) => (r.actual === 'none' ? 0 : 1))),
    threshold,
  });
  const predict = (model: CoverageModel, r: Row) => decideCoverage(index.article, r.analysis, r.passages, model).coverage;
  const cv = (threshold: number) =>
    crossValidate(rows, {
      k: FOLDS,
      id: (r) => `${r.set}:${r.item.id}`,
      stratum: (r) => r.actual,
      labels: LABELS,
      fit: (train) => fit(train, threshold),
      predict,
      actual: (r) => r.actual,
    });

  // The threshold of least held-out cost; on a tie the higher one (fewer off-topic answers).
  let chosen = 0.05;
  let least = Infinity;
  for (let t = 0.05; t <= 0.951; t += 0.05) {
    const { matrix } = cv(t);
    const refused = matrix.answered.none + matrix.related.none;
    const accepted = matrix.none.answered + matrix.none.related;
    const cost = REFUSAL_COST * refused + accepted;
    if (cost <= least) {
      least = cost;
      chosen = Number(t.toFixed(2));
    }
  }
  const result = cv(chosen);
  const model = fit(rows, chosen);

  console.log(`coverage decision: ${rows.length} questions (${SETS.join(', ')}), ${FOLDS}-fold cross-validation, threshold ${chosen}`);
  console.log(`actual \\ predicted   ${LABELS.map((l) => l.padStart(9)).join('')}`);
  for (const a of LABELS) console.log(`${a.padEnd(20)}${LABELS.map((p) => String(result.matrix[a][p]).padStart(9)).join('')}`);
  console.log(`accuracy ${(result.accuracy * 100).toFixed(1)}%; cost ${least} (a refusal of an on-topic question counts ${REFUSAL_COST})`);
  console.log(`weights (standardised): ${features.map((f, i) => `${f} ${model.weights[i]!.toFixed(2)}`).join(', ')}; bias ${model.bias.toFixed(2)}`);
  if (!process.argv.includes('--dry-run')) {
    const rounded = { ...model, mean: model.mean.map(round), scale: model.scale.map(round), weights: model.weights.map(round), bias: round(model.bias) };
    await writeFile(join(PROJECT_ROOT, 'src/answer/coverage-model.json'), `${JSON.stringify(rounded, null, 2)}\n`);
    console.log('written: src/answer/coverage-model.json');
  }
}

const round = (v: number) => Number(v.toFixed(6));

/** `--features a,b`: fit on some of the signals only, to compare (every signal by default). */
function featuresToFit(): Array<(typeof COVERAGE_FEATURES)[number]> {
  const at = process.argv.indexOf('--features');
  if (at < 0) return [...COVERAGE_FEATURES];
  const asked = (process.argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = asked.filter((f) => !(COVERAGE_FEATURES as readonly string[]).includes(f));
  if (asked.length === 0 || unknown.length > 0) throw new Error(`--features takes a comma-separated list of ${COVERAGE_FEATURES.join(', ')}; got ${unknown.join(', ') || 'nothing'}`);
  return asked as Array<(typeof COVERAGE_FEATURES)[number]>;
}

await main();
