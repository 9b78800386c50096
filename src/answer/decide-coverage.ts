import { foldText } from '../corpus/normalize-text.js';
import { domainWeights } from '../index/domain-words.js';
import { partsOfSpeech, queryWords } from '../index/tokenize-chinese.js';
import type { Article } from '../corpus/parse-article.js';
import type { QuestionAnalysis } from '../retrieval/analyze-question.js';
import { definesTerm, givesAnswerOfType, type AnswerType } from '../retrieval/answer-type.js';
import { BigramPostings, distinctBigrams } from '../retrieval/paragraph-bigram-ranker.js';
import type { RetrievedPassage } from '../retrieval/retrieve.js';
import { bestQuoteSpan } from './citations.js';
import { coverage } from '../retrieval/weigh-terms.js';
import { foldedArticle } from './article-text.js';
import model from './coverage-model.json' with { type: 'json' };

/**
 * Does the article answer the question? Three outcomes:
 * - `answered`: it does;
 * - `related`: it speaks to the topic but does not give what is asked (a figure, a date, a place);
 * - `none`: nothing in it is relevant.
 * Whether a question is on the article's topic at all is a logistic model over retrieval signals,
 * fitted on the development sets by `npm run fit:coverage` (which reports its cross-validated
 * confusion matrix); whether the fact asked for is there is read from the passages.
 */

export type Coverage = 'answered' | 'related' | 'none';

/** The signals the on-topic model reads, each about 0 to 1 (the lexical score is log-scaled). */
export interface CoverageSignals {
  /** IDF-weighted share of the question's content words that the best passage contains. */
  coverage: number;
  /** Share of the question's weight in words the article never uses. */
  missing: number;
  /** Best cosine similarity of a passage to the question. */
  similarity: number;
  /** log(1 + best BM25 score). */
  lexical: number;
  /** Share of the character bigrams of the question's content words found in the best-matching paragraph. */
  bigramOverlap: number;
  /** 1 when the question names a place, person or organisation the article never mentions (`上海`, `鲁迅`). */
  foreignName: number;
  /**
   * How characteristic of the article the question's most characteristic word is (its keyness, see
   * `domainWeights`; {@link NO_ANCHOR} when it uses none of the article's words): `青海` in an everyday
   * paraphrase says it is about this article even when its other words are not the article's.
   */
  anchor: number;
}

/** The anchor of a question that shares no word with the article: below any word's keyness. */
export const NO_ANCHOR = -10;

export const COVERAGE_FEATURES = ['coverage', 'missing', 'similarity', 'lexical', 'bigramOverlap', 'foreignName', 'anchor'] as const satisfies ReadonlyArray<keyof CoverageSignals>;

/** A fitted logistic model over standardised signals, and the probability below which nothing is relevant. */
export interface CoverageModel {
  features: readonly string[];
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  threshold: number;
}

export const DEFAULT_COVERAGE_MODEL: CoverageModel = model;

export interface CoverageDecision {
  coverage: Coverage;
  /**
   * Names the question asks about that the article never mentions, and nothing by a name it does
   * (`甘肃省` in `甘肃省是怎么发展新质生产力的？`): on its topic, but about elsewhere (`related`).
   */
  elsewhere?: string[];
  /** The model's probability that the question is on the article's topic. */
  onTopic: number;
  /** Kinds of fact the question asks for that the best passages do not give. */
  missingFacts: AnswerType[];
}

/** Passages whose best spans must give the fact asked for. */
const FACT_PASSAGES = 3;
/** Kinds of fact given only in the clause of the question's most telling word: names, not figures. */
const CLAUSE_BOUND_TYPES: ReadonlySet<AnswerType> = new Set(['organisation', 'place']);

const bigramCache = new WeakMap<Article, BigramPostings>();

/** How the name of a place ends (`甘肃省`, `兰州市`, `海东地区`). */
const PLACE_SUFFIX = /\p{Script=Han}(?:省|市|县|区|州|盟|旗|镇|乡|村|地区|自治区)$/u;

/** jieba's tags for proper names: people, places, organisations, other proper nouns. */
const PROPER_NAME = /^(?:nr|ns|nt|nz)/u;

/**
 * The proper names (with jieba's tags) of a question that names someone or something the article
 * never mentions, and nothing by a proper name that it does: `上海的经济发展怎么样？` asks about
 * elsewhere (`上海`), `青海怎么跟兰州一起发展？` about the article's own place and another (none).
 */
function foreignNames(article: Article, query: string): Array<{ word: string; tag: string }> {
  const text = foldedArticle(article);
  const foreign: Array<{ word: string; tag: string }> = [];
  for (const [word, tag] of partsOfSpeech(query)) {
    if (word.length < 2 || !PROPER_NAME.test(tag)) continue;
    if (!text.includes(foldText(word))) foreign.push({ word, tag });
    else return [];
  }
  return foreign;
}

const domainCache = new WeakMap<Article, Map<string, number>>();
function articleDomainWeights(article: Article): Map<string, number> {
  let cached = domainCache.get(article);
  if (!cached) domainCache.set(article, (cached = domainWeights(article.paragraphs.map((p) => p.text))));
  return cached;
}

/** The keyness of the question's most characteristic word, or {@link NO_ANCHOR}. */
function anchorOf(article: Article, query: string): number {
  const weights = articleDomainWeights(article);
  return Math.max(NO_ANCHOR, ...queryWords(query).map((w) => weights.get(w) ?? NO_ANCHOR));
}

/** Which paragraphs hold each character bigram, kept with the article. */
function paragraphBigrams(article: Article): BigramPostings {
  let cached = bigramCache.get(article);
  if (!cached) bigramCache.set(article, (cached = new BigramPostings(article.paragraphs.map((p) => distinctBigrams(p.text)))));
  return cached;
}

/**
 * Builds what the coverage decision reads of an article whatever the question (its words' keyness,
 * which paragraphs hold each bigram, its folded text), kept with the article: about a tenth of a
 * second on the first question otherwise, most of it reading jieba's general IDF.
 */
export function prepareCoverage(article: Article): void {
  articleDomainWeights(article);
  paragraphBigrams(article);
  foldedArticle(article);
}

/** The signals of a question against its retrieved passages. */
export function coverageSignals(article: Article, analysis: QuestionAnalysis, passages: RetrievedPassage[]): CoverageSignals {
  return signalsOf(article, analysis, passages, foreignNames(article, analysis.query));
}

/** {@link coverageSignals}, given the question's {@link foreignNames} (read once per question). */
function signalsOf(article: Article, analysis: QuestionAnalysis, passages: RetrievedPassage[], foreign: readonly unknown[]): CoverageSignals {
  const { terms, missingWeight } = analysis.terms;
  const known = terms.reduce((s, t) => s + t.weight, 0);
  const total = known + missingWeight || 1;
  let best = 0;
  for (const p of passages) best = Math.max(best, coverage(p.text, terms, { presenceOnly: true }) / total);
  // Bigrams inside the content words only: `如何`, `怎么做` would match any paragraph.
  const asked = new Set(queryWords(analysis.query).flatMap((word) => [...distinctBigrams(word)]));
  let overlap = 0;
  if (asked.size > 0) {
    for (const shared of paragraphBigrams(article).sharedCounts(asked)) overlap = Math.max(overlap, shared / asked.size);
  }
  return {
    coverage: best,
    missing: missingWeight / total,
    similarity: Math.max(0, ...passages.map((p) => p.similarity)),
    lexical: Math.log1p(Math.max(0, ...passages.map((p) => p.lexicalScore))),
    bigramOverlap: overlap,
    foreignName: foreign.length > 0 ? 1 : 0,
    anchor: anchorOf(article, analysis.query),
  };
}

/** The model's probability that a question with these signals is on the article's topic. */
export function onTopicProbability(signals: CoverageSignals, fitted: CoverageModel = DEFAULT_COVERAGE_MODEL): number {
  let z = fitted.bias;
  fitted.features.forEach((name, i) => {
    z += fitted.weights[i]! * ((signals[name as keyof CoverageSignals] - fitted.mean[i]!) / fitted.scale[i]!);
  });
  return 1 / (1 + Math.exp(-z));
}

/**
 * Decides whether the article answers a question, from its analysis and its retrieved passages.
 * A question about a named speaker (or one carried from earlier turns) is on topic by definition.
 */
export function decideCoverage(
  article: Article,
  analysis: QuestionAnalysis,
  passages: RetrievedPassage[],
  fitted: CoverageModel = DEFAULT_COVERAGE_MODEL,
): CoverageDecision {
  if (passages.length === 0) return { coverage: 'none', onTopic: 0, missingFacts: [] };
  const aboutSomeone = analysis.carriedSpeakers.length > 0 || analysis.namedSpeakers.length > 0;
  // Read once: the on-topic model's `foreignName`, and below, a place the article never names.
  const foreign = aboutSomeone ? [] : foreignNames(article, analysis.query);
  const onTopic = aboutSomeone ? 1 : onTopicProbability(signalsOf(article, analysis, passages, foreign), fitted);
  if (onTopic < fitted.threshold) return { coverage: 'none', onTopic, missingFacts: [] };
  const spans = passages.slice(0, FACT_PASSAGES).map((p) => {
    const paragraph = article.paragraphs[p.paragraph]!;
    const span = bestQuoteSpan(paragraph, p.start, p.end, analysis.terms.terms);
    return span ? paragraph.text.slice(span.start, span.end) : p.text;
  });
  // The fact must be given where the question's most telling word is (`占比具体是百分之多少？`: a
  // `100%` in a passage about something else does not give it).
  const names = new Set(article.speakers.map((s) => s.name));
  const telling = [...analysis.terms.terms].filter((t) => !names.has(t.text)).sort((a, b) => b.weight - a.weight)[0];
  const about = (text: string) => telling === undefined || foldText(text).includes(telling.text);
  // A name (an organisation, a place) must be given in the very clause of that word: `推进天合科技…等企业
  // 达产稳产，积极对接钙钛矿电池中试生产线` names firms, but not the one doing the 中试线 asked about.
  const gives = (text: string, type: AnswerType) =>
    CLAUSE_BOUND_TYPES.has(type)
      ? text.split(/[,，;；。]/u).some((clause) => about(clause) && givesAnswerOfType(clause, type, analysis.query))
      : about(text) && givesAnswerOfType(text, type, analysis.query);
  const missingFacts = analysis.expects.filter((type) => !spans.some((text) => gives(text, type)));
  // Only places written as places (`甘肃省`, `兰州市`; not `国家队`, nor `东西`, which jieba may tag
  // as one): the question is about somewhere else.
  const elsewhere = foreign.filter(({ word, tag }) => tag.startsWith('ns') && PLACE_SUFFIX.test(word)).map(({ word }) => word);
  if (elsewhere.length > 0) return { coverage: 'related', onTopic, missingFacts, elsewhere };
  // A definition question is answered by a passage that says what the term is, not one that only names it.
  const { intent } = analysis;
  // (Only of a term the article uses: `青海短板是啥？` asks about 青海's 短板, which no sentence defines.)
  if (intent.kind === 'definition' && foldedArticle(article).includes(foldText(intent.term)) && !passages.slice(0, FACT_PASSAGES).some((p) => definesTerm(p.text, intent.term))) {
    missingFacts.push('definition');
  }
  return { coverage: missingFacts.length > 0 ? 'related' : 'answered', onTopic, missingFacts };
}
