/**
 * `npx tsx bench/sentence-scorer-experiment.ts`. Experiment (issue 18 item 1): a learned sentence scorer against today's rule. Sentences of the
 * retrieved passages, labelled by the dev sets' evidence; fitted on the tune halves (and dev.jsonl),
 * measured on the check halves: does the top-ranked sentence hold the evidence (P@1), or one of the top 2.
 */
import { loadConfig } from '../src/config.js';
import { defaultArticleConfig } from '../src/index/load-library.js';
import { loadOrBuildIndex } from '../src/index/load-index.js';
import { buildServices } from '../src/app/build-services.js';
import { loadQuestions, isAnswerable } from '../src/eval/eval-set.js';
import { tuneCheckSplit } from '../src/eval/k-fold.js';
import { splitSentences } from '../src/corpus/split-sentences.js';
import { coverage } from '../src/retrieval/weigh-terms.js';
import { givesAnswerOfType } from '../src/retrieval/answer-type.js';
import { distinctBigrams, sharedBigramCount } from '../src/retrieval/paragraph-bigram-ranker.js';
import { fitLogistic, predictLogistic } from '../src/eval/fit-logistic.js';
import { SPOKEN_KINDS } from '../src/corpus/interview-layout.js';
import type { QuestionItem } from '../src/eval/eval-set.js';

const { index } = await loadOrBuildIndex(defaultArticleConfig(loadConfig()), () => {});
const { retriever, verifier } = buildServices(index);
const article = index.article;
type Row = { q: string; x: number[]; rule: number; y: 0 | 1 };
async function rowsOf(items: QuestionItem[]): Promise<Row[][]> {
  const out: Row[][] = [];
  for (const item of items) {
    if (!isAnswerable(item) || item.turns) continue;
    const ev = item.evidence.flatMap((e) => { const v = verifier.verify(e); return v.found ? [v] : []; });
    const analysis = retriever.analyzer.analyze([{ role: 'user', content: item.question! }]);
    const { passages } = await retriever.retrieve(analysis, { k: 6 });
    if (passages.length === 0) continue;
    const { terms, missingWeight } = analysis.terms;
    const total = terms.reduce((s, t) => s + t.weight, 0) + missingWeight || 1;
    const asked = distinctBigrams(analysis.query);
    const top = passages[0]!.score;
    const rows: Row[] = [];
    passages.forEach((p, rank) => {
      const para = article.paragraphs[p.paragraph]!;
      if (!SPOKEN_KINDS.has(para.kind)) return;
      const sents = splitSentences(para.text).filter((s) => s.end > p.start && s.start < p.end);
      sents.forEach((s, i) => {
        const text = para.text.slice(s.start, s.end);
        const cov = coverage(text, terms) / total;
        const pres = coverage(text, terms, { presenceOnly: true }) / total;
        const big = asked.size ? sharedBigramCount(asked, distinctBigrams(text)) / asked.size : 0;
        const type = analysis.expects.length === 0 ? 1 : analysis.expects.some((t) => givesAnswerOfType(text, t, analysis.query)) ? 1 : 0;
        const y = ev.some((e) => e.paragraph === p.paragraph && e.start < s.end && s.start < e.end) ? 1 : 0;
        rows.push({
          q: item.id,
          x: [cov, pres, big, p.score / top, rank, Math.log1p(text.length), splitSentences(para.text).indexOf(s) === 0 ? 1 : 0, type, p.role === 'expert' ? 1 : 0, p.similarity, Math.log1p(p.lexicalScore), i],
          rule: (coverage(text, terms) + 1e-6) * Math.sqrt(p.score / top),
          y: y as 0 | 1,
        });
      });
    });
    if (rows.length) out.push(rows);
  }
  return out;
}
const sets = await Promise.all(['eval/dev-wide.jsonl', 'eval/fresh2.jsonl'].map(async (f) => tuneCheckSplit(await loadQuestions(f))));
const dev = await loadQuestions('eval/dev.jsonl');
const train = (await rowsOf([...dev, ...sets[0]!.tune, ...sets[1]!.tune])).flat();
const model = fitLogistic(train.map((r) => r.x), train.map((r) => r.y), { l2: 0.05 });
console.log('weights', model.weights.map((w) => w.toFixed(2)).join(' '));
function measure(name: string, groups: Row[][]) {
  const score = (f: (r: Row) => number) => {
    let p1 = 0, h2 = 0;
    for (const g of groups) { const s = [...g].sort((a, b) => f(b) - f(a)); if (s[0]!.y) p1++; if (s.slice(0, 2).some((r) => r.y)) h2++; }
    return `P@1 ${(p1 / groups.length).toFixed(2)} hit@2 ${(h2 / groups.length).toFixed(2)}`;
  };
  console.log(name.padEnd(14), 'n', groups.length, '| rule', score((r) => r.rule), '| learned', score((r) => predictLogistic(model, r.x)));
}
measure('train', await rowsOf([...dev, ...sets[0]!.tune, ...sets[1]!.tune]));
measure('wide check', await rowsOf(sets[0]!.check));
measure('fresh2 check', await rowsOf(sets[1]!.check));
// Coverage: does the best sentence's probability tell answerable from unanswerable questions?
async function maxP(items: QuestionItem[]) {
  const out: Array<{ ans: boolean; p: number }> = [];
  for (const item of items) {
    if (item.turns) continue;
    const fake = { ...item, unanswerable: false, evidence: item.evidence.length ? item.evidence : ['\u0000'] };
    const g = (await rowsOf([fake]))[0];
    out.push({ ans: isAnswerable(item), p: g ? Math.max(...g.map((r) => predictLogistic(model, r.x))) : 0 });
  }
  return out;
}
function auc(name: string, xs: Array<{ ans: boolean; p: number }>) {
  const pos = xs.filter((x) => x.ans), neg = xs.filter((x) => !x.ans);
  let s = 0; for (const a of pos) for (const b of neg) s += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0;
  console.log(name, 'AUC', (s / (pos.length * neg.length)).toFixed(2), 'unans p', neg.map((x) => x.p.toFixed(2)).join(' '), '| answerable p10', pos.map((x) => x.p).sort()[Math.floor(pos.length / 10)]!.toFixed(2));
}
auc('tune', await maxP([...sets[0]!.tune, ...sets[1]!.tune]));
auc('check', await maxP([...sets[0]!.check, ...sets[1]!.check]));
