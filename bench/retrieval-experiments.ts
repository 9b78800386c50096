/**
 * `npm run bench:retrieval -- --experiment fusion|fresh`: retrieval variants measured in process (no
 * HTTP), as `GET /api/search` ranks (`retrieve(query, { k: 10 })`, follow-ups resolved as the eval
 * resolves them), so that each variant takes a fraction of a second. It measures; it asserts nothing.
 *
 * Pseudo-relevance feedback and the lexical paragraph context were measured with this script at
 * commit 6868291 (`--experiment feedback|context` there) and rejected; they are not in the code any
 * more (docs/benchmarks.md, "Retrieval experiments for paraphrases").
 *
 *  - `fusion`: the fusion weights and the RRF constant k, chosen by 5-fold cross-validation over the
 *    answerable items of `dev-wide.jsonl`, among the settings that keep `dev.jsonl` at hit@5 and
 *    speaker@1 1.00.
 *  - `fresh`: the `all` line of the blind set for the settings named by `--variants` (comma-separated
 *    names printed by the other experiments); only the whole set's figures are printed, never an item.
 *
 * Every experiment prints, per variant: dev-wide all / tune / check (hit@5, MRR, speaker@1) and dev all.
 * The current settings come first. `npm run eval` confirms a choice over HTTP.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT, loadConfig } from '../src/config.js';
import { loadQuestions, isAnswerable, type QuestionItem } from '../src/eval/eval-set.js';
import { evaluateRetrieval, summarizeRetrieval, type RetrievalMetrics } from '../src/eval/evaluate-retrieval.js';
import { assignFolds, tuneCheckSplit } from '../src/eval/k-fold.js';
import { loadOrBuildIndex } from '../src/index/load-index.js';
import { defaultArticleConfig } from '../src/index/load-library.js';
import { DEFAULT_FUSION_K, DEFAULT_FUSION_WEIGHTS, Retriever, type RetrieverOptions } from '../src/retrieval/retrieve.js';

interface Variant {
  name: string;
  options: Partial<RetrieverOptions>;
}

/** The fusion grid: weights relative to the vector ranker's (fusion ranks are unchanged by scaling all three). */
const LEXICAL_WEIGHTS = [0.5, 0.75, 1, 1.25, 1.5, 2];
const BIGRAM_WEIGHTS = [0, 0.25, 0.5, 0.75, 1];
const FUSION_KS = [10, 30, 60, 100];

function fusionVariants(): Variant[] {
  const variants: Variant[] = [];
  for (const fusionK of FUSION_KS) {
    for (const lexical of LEXICAL_WEIGHTS) {
      for (const paragraphBigrams of BIGRAM_WEIGHTS) {
        variants.push({ name: `fusion-k${fusionK}-l${lexical}-b${paragraphBigrams}`, options: { fusionK, fusionWeights: { vector: 1, lexical, paragraphBigrams } } });
      }
    }
  }
  return variants;
}

const SPEAKER_NAMES_OF = (retriever: Retriever) => retriever.index.article.speakers.filter((s) => s.role !== 'editor').map((s) => s.name);

async function measure(retriever: Retriever, items: QuestionItem[]): Promise<RetrievalMetrics> {
  const ranker = {
    name: 'in-process retrieve',
    rank: async (query: string, k: number) => (await retriever.retrieve(query, { k })).passages,
  };
  return evaluateRetrieval(ranker, items, SPEAKER_NAMES_OF(retriever));
}

const f2 = (x: number) => x.toFixed(2);
const triple = (m: RetrievalMetrics) => `${f2(m.hitAt5)} ${f2(m.mrr)} ${f2(m.speakerAt1)}`;
const subset = (m: RetrievalMetrics, ids: Set<string>) => summarizeRetrieval(m.ranker, m.results.filter((r) => ids.has(r.id)));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { experiment: { type: 'string', default: 'fusion' }, variants: { type: 'string', default: '' } } });
  const config = defaultArticleConfig(loadConfig({ LOG_LEVEL: 'silent' }));
  const { index } = await loadOrBuildIndex(config);
  const dev = await loadQuestions(resolve(PROJECT_ROOT, 'eval/dev.jsonl'));
  const wide = await loadQuestions(resolve(PROJECT_ROOT, 'eval/dev-wide.jsonl'));
  const split = tuneCheckSplit(wide);
  const tuneIds = new Set(split.tune.map((i) => i.id));
  const checkIds = new Set(split.check.map((i) => i.id));

  const run = async (variant: Variant) => {
    const retriever = new Retriever(index, variant.options);
    return { variant, wide: await measure(retriever, wide), dev: await measure(retriever, dev) };
  };
  const paraphraseIds = new Set(wide.filter((i) => i.tags?.includes('paraphrase')).map((i) => i.id));
  const line = (r: Awaited<ReturnType<typeof run>>) =>
    `${r.variant.name.padEnd(34)} ${triple(r.wide)}   ${triple(subset(r.wide, tuneIds))}   ${triple(subset(r.wide, checkIds))}   ${f2(r.dev.hitAt5)} ${f2(r.dev.speakerAt1)}   ${triple(subset(r.wide, paraphraseIds))}`;
  const header = `${'variant'.padEnd(34)} wide all (hit MRR spk)  tune              check             dev hit spk   wide paraphrase`;

  if (values.experiment === 'fresh') {
    const fresh = await loadQuestions(resolve(PROJECT_ROOT, 'eval/fresh.jsonl'));
    const all = [{ name: 'current', options: {} }, ...fusionVariants()];
    for (const name of ['current', ...values.variants.split(',').filter(Boolean)]) {
      const variant = all.find((v) => v.name === name);
      if (!variant) throw new Error(`unknown variant ${name}`);
      // The blind set: the whole set's figures only.
      console.log(`fresh all  ${name.padEnd(34)} ${triple(await measure(new Retriever(index, variant.options), fresh))}`);
    }
    return;
  }
  if (values.experiment !== 'fusion') throw new Error(`--experiment must be fusion or fresh, got ${values.experiment}`);

  // Fusion: every setting once over both sets, then 5-fold cross-validation of "pick the best
  // setting on the training folds" over the answerable dev-wide items.
  const answerable = wide.filter(isAnswerable);
  const results = [];
  for (const variant of fusionVariants()) results.push(await run(variant));
  const allowed = results.filter((r) => r.dev.hitAt5 === 1 && r.dev.speakerAt1 === 1);
  const current = results.find(
    (r) => r.variant.options.fusionK === DEFAULT_FUSION_K && JSON.stringify(r.variant.options.fusionWeights) === JSON.stringify(DEFAULT_FUSION_WEIGHTS),
  )!;
  console.log(`${results.length} settings, ${allowed.length} keep dev at hit@5 and speaker@1 1.00`);
  const score = (m: RetrievalMetrics) => m.hitAt5 * 1000 + m.mrr;
  const folds = assignFolds(answerable, 5, { id: (i) => i.id, stratum: (i) => i.tags?.[0] ?? '' });
  const heldOut: RetrievalMetrics['results'] = [];
  const currentHeldOut: RetrievalMetrics['results'] = [];
  for (let fold = 0; fold < 5; fold++) {
    const training = new Set(answerable.filter((i) => folds.get(i.id) !== fold).map((i) => i.id));
    const held = new Set(answerable.filter((i) => folds.get(i.id) === fold).map((i) => i.id));
    const best = allowed.reduce((a, b) => (score(subset(b.wide, training)) > score(subset(a.wide, training)) ? b : a));
    console.log(`fold ${fold}: chose ${best.variant.name} (training ${triple(subset(best.wide, training))}, held out ${triple(subset(best.wide, held))}; current held out ${triple(subset(current.wide, held))})`);
    heldOut.push(...subset(best.wide, held).results);
    currentHeldOut.push(...subset(current.wide, held).results);
  }
  console.log(`cross-validated (5 folds, held-out predictions only): chosen ${triple(summarizeRetrieval('cv', heldOut))}, current ${triple(summarizeRetrieval('current', currentHeldOut))}`);
  const onTune = allowed.reduce((a, b) => (score(subset(b.wide, tuneIds)) > score(subset(a.wide, tuneIds)) ? b : a));
  const onAll = allowed.reduce((a, b) => (score(b.wide) > score(a.wide) ? b : a));
  console.log(header);
  console.log(line(current));
  console.log(`${line(onTune)}   (best on the tune half)`);
  console.log(`${line(onAll)}   (best on all of dev-wide)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
