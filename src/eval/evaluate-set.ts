import type { QuoteVerifier } from '../check/index.js';
import type { Article } from '../corpus/parse-article.js';
import { userTurns, type QuestionItem } from './eval-set.js';
import { evaluateAnswers, summarizeAnswers, type AnswerMetrics, type ChatFunction } from './evaluate-answers.js';
import { evaluateRetrieval, summarizeRetrieval, type PassageRanker, type RetrievalMetrics } from './evaluate-retrieval.js';
import { tuneCheckSplit } from './k-fold.js';

/**
 * One evaluation set, end to end: retrieval through the product and the two baselines, answers
 * through the chat endpoint, then every headline figure for the whole set, per tag, and for the
 * tune and check halves, and the items that failed something.
 */

/** A figure, or null where it has no denominator (no answerable item in a tag, say). */
export type Figure = number | null;

/** Every headline figure of a set or of a subset of its items. */
export interface HeadlineFigures {
  items: number;
  answerable: number;
  unanswerable: number;
  /** The product through `/api/search`. */
  hitAt5: Figure;
  mrr: Figure;
  speakerAt1: Figure;
  passageChars: Figure;
  /** The trivial ranker (whole paragraphs by shared character bigrams). */
  bigramHitAt5: Figure;
  bigramMrr: Figure;
  bigramSpeakerAt1: Figure;
  bigramPassageChars: Figure;
  /** The plain LangChain recipe (RecursiveCharacterTextSplitter 200/40, vector only; no speakers). */
  langchainHitAt5: Figure;
  langchainMrr: Figure;
  langchainPassageChars: Figure;
  /** Answers through `/api/chat`. */
  evidenceHit: Figure;
  speakerRecall: Figure;
  /** Share of the cited speakers who answer the question (an answer padded with others scores low). */
  speakerPrecision: Figure;
  answered: Figure;
  declined: Figure;
  quoteValidity: Figure;
  markersResolve: Figure;
}

/** What went wrong with one item. */
export interface ItemFailure {
  id: string;
  question: string;
  tags: string[];
  failed: string[];
}

export interface SetReport {
  name: string;
  items: number;
  retrieval: RetrievalMetrics;
  bigram: RetrievalMetrics;
  langchain: RetrievalMetrics;
  answers: AnswerMetrics;
  figures: HeadlineFigures;
  /** Figures per tag, most frequent tag first (empty for a set without tags). */
  byTag: Array<{ tag: string; figures: HeadlineFigures }>;
  /** The fixed tune/check halves (`k-fold.ts`), for a set with tags; null otherwise. */
  halves: { tune: HeadlineFigures; check: HeadlineFigures; tuneIds: string[]; checkIds: string[] } | null;
  failures: ItemFailure[];
}

export interface EvaluateSetOptions {
  name: string;
  items: QuestionItem[];
  article: Article;
  verifier: QuoteVerifier;
  /** Names a follow-up pronoun can stand for (experts and host). */
  speakerNames: string[];
  /** The product's retrieval (`searchRanker`) and its chat (`chatOverHttp`). */
  search: PassageRanker;
  chat: ChatFunction;
  bigram: PassageRanker;
  langchain: PassageRanker;
}

/** The headline figures over the items whose id is in `ids`. */
export function figuresFor(report: Omit<SetReport, 'figures' | 'byTag' | 'halves' | 'failures'>, ids: Set<string>): HeadlineFigures {
  const pick = <T extends { id: string }>(results: T[]) => results.filter((r) => ids.has(r.id));
  const retrieval = (m: RetrievalMetrics) => {
    const s = summarizeRetrieval(m.ranker, pick(m.results));
    return s.items === 0 ? null : s;
  };
  const product = retrieval(report.retrieval);
  const bigram = retrieval(report.bigram);
  const langchain = retrieval(report.langchain);
  const answers = summarizeAnswers(pick(report.answers.results));
  const answerable = answers.answerable > 0;
  return {
    items: answers.items,
    answerable: answers.answerable,
    unanswerable: answers.unanswerable,
    hitAt5: product?.hitAt5 ?? null,
    mrr: product?.mrr ?? null,
    speakerAt1: product?.speakerAt1 ?? null,
    passageChars: product?.meanPassageChars ?? null,
    bigramHitAt5: bigram?.hitAt5 ?? null,
    bigramMrr: bigram?.mrr ?? null,
    bigramSpeakerAt1: bigram?.speakerAt1 ?? null,
    bigramPassageChars: bigram?.meanPassageChars ?? null,
    langchainHitAt5: langchain?.hitAt5 ?? null,
    langchainMrr: langchain?.mrr ?? null,
    langchainPassageChars: langchain?.meanPassageChars ?? null,
    evidenceHit: answerable ? answers.evidenceHit : null,
    speakerRecall: answerable ? answers.speakerRecall : null,
    speakerPrecision: answerable ? answers.speakerPrecision : null,
    answered: answerable ? answers.answered : null,
    declined: answers.declined,
    quoteValidity: answers.items > 0 ? answers.quoteValidity : null,
    markersResolve: answers.items > 0 ? answers.markersResolve : null,
  };
}

/** What each item failed, in words a developer can act on; items that failed nothing are left out. */
export function itemFailures(items: QuestionItem[], report: Pick<SetReport, 'retrieval' | 'answers'>): ItemFailure[] {
  const retrievalById = new Map(report.retrieval.results.map((r) => [r.id, r]));
  const answerById = new Map(report.answers.results.map((r) => [r.id, r]));
  const failures: ItemFailure[] = [];
  for (const item of items) {
    const failed: string[] = [];
    const r = retrievalById.get(item.id);
    if (r) {
      if (r.firstHit === null || r.firstHit > 5) {
        failed.push(`search: evidence ${r.firstHit === null ? 'not in the top 10' : `first at rank ${r.firstHit}`} for "${r.query}"`);
      }
      if (!r.speakerOk) failed.push(`search: top speaker ${r.topSpeaker ?? 'none'}, expected ${item.speakers.join('/')}`);
    }
    const a = answerById.get(item.id);
    if (a) {
      const how = `kind ${a.kind}${a.coverage ? `, coverage ${a.coverage}` : ''}`;
      if (a.answerable && a.declined) failed.push(`chat: declined an answerable question (${how})`);
      if (a.answerable && !a.declined && !a.evidenceHit) failed.push(`chat: no citation holds the evidence (${how}; cited ${a.citedSpeakers.join('、') || 'nothing'})`);
      if (a.answerable && !a.declined && a.speakerRecall < 1) {
        failed.push(`chat: did not cite ${item.speakers.filter((s) => !a.citedSpeakers.includes(s)).join('、')}`);
      }
      if (!a.answerable && !a.declined) failed.push(`chat: answered an unanswerable question (${how}, ${a.citations} citations)`);
      if (a.validCitations < a.citations) failed.push(`chat: ${a.citations - a.validCitations} of ${a.citations} quotes not verbatim`);
      if (!a.markersResolve) failed.push('chat: a [n] marker points at no citation');
      if (failed.some((f) => f.startsWith('chat:'))) failed.push(`chat answer (query "${a.query}"): ${a.answer.replace(/\s+/gu, ' ').slice(0, 160)}`);
    }
    if (failed.length > 0) failures.push({ id: item.id, question: userTurns(item).join(' → '), tags: item.tags ?? [], failed });
  }
  return failures;
}

/** Runs one set: retrieval (product and baselines), answers, figures per tag and per half, failures. */
export async function evaluateSet(options: EvaluateSetOptions): Promise<SetReport> {
  const { items, speakerNames } = options;
  const retrieval = await evaluateRetrieval(options.search, items, speakerNames);
  const bigram = await evaluateRetrieval(options.bigram, items, speakerNames);
  const langchain = await evaluateRetrieval(options.langchain, items, speakerNames);
  const answers = await evaluateAnswers(options.chat, items, options.article, options.verifier);
  const base = { name: options.name, items: items.length, retrieval, bigram, langchain, answers };

  const tagCounts = new Map<string, number>();
  for (const item of items) for (const tag of item.tags ?? []) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  const tags = [...tagCounts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([tag]) => tag);
  const idsWith = (tag: string) => new Set(items.filter((i) => i.tags?.includes(tag)).map((i) => i.id));

  let halves: SetReport['halves'] = null;
  if (tags.length > 0) {
    const split = tuneCheckSplit(items);
    const tuneIds = split.tune.map((i) => i.id);
    const checkIds = split.check.map((i) => i.id);
    halves = { tune: figuresFor(base, new Set(tuneIds)), check: figuresFor(base, new Set(checkIds)), tuneIds, checkIds };
  }
  return {
    ...base,
    figures: figuresFor(base, new Set(items.map((i) => i.id))),
    byTag: tags.map((tag) => ({ tag, figures: figuresFor(base, idsWith(tag)) })),
    halves,
    failures: itemFailures(items, base),
  };
}

/**
 * The report restricted to the items with one tag: figures, halves (the full set's split, so a
 * tag's halves are the same items as in the full run) and failures.
 */
export function restrictToTag(report: SetReport, tag: string): SetReport {
  return restrictToIds(report, new Set([...report.retrieval.results, ...report.answers.results].filter((r) => r.tags.includes(tag)).map((r) => r.id)));
}

/**
 * The report restricted to one half of the fixed split (`tune` or `check`): the failures of the tune
 * half can be read while the check half stays held out.
 */
export function restrictToHalf(report: SetReport, half: 'tune' | 'check'): SetReport {
  if (!report.halves) return report;
  return restrictToIds(report, new Set(half === 'tune' ? report.halves.tuneIds : report.halves.checkIds));
}

function restrictToIds(report: SetReport, ids: Set<string>): SetReport {
  const tagsOf = new Map([...report.retrieval.results, ...report.answers.results].map((r) => [r.id, r.tags]));
  const within = (list: string[]) => list.filter((id) => ids.has(id));
  return {
    ...report,
    items: report.answers.results.filter((r) => ids.has(r.id)).length,
    figures: figuresFor(report, ids),
    byTag: report.byTag.flatMap(({ tag }) => {
      const tagged = new Set([...ids].filter((id) => tagsOf.get(id)?.includes(tag)));
      return tagged.size > 0 ? [{ tag, figures: figuresFor(report, tagged) }] : [];
    }),
    halves: report.halves && {
      tune: figuresFor(report, new Set(within(report.halves.tuneIds))),
      check: figuresFor(report, new Set(within(report.halves.checkIds))),
      tuneIds: within(report.halves.tuneIds),
      checkIds: within(report.halves.checkIds),
    },
    failures: report.failures.filter((f) => ids.has(f.id)),
  };
}
