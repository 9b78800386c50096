import type { ChatResponse } from '../answer/answer-types.js';
import { citationMarkers, isValidCitation } from '../answer/citations.js';
import type { QuoteVerifier } from '../check/index.js';
import type { Article } from '../corpus/parse-article.js';
import type { ConversationTurn } from '../retrieval/resolve-follow-up.js';
import { isDeclined, type Coverage } from './answer-outcome.js';
import { isAnswerable, userTurns, type QuestionItem } from './eval-set.js';

/** What the evaluation reads of a chat response (`/api/chat` JSON; `coverage` once it exists). */
export type EvaluatedResponse = ChatResponse & { coverage?: Coverage };

/** Anything that answers a conversation: the answerer in process, or `/api/chat` over HTTP. */
export type ChatFunction = (messages: ConversationTurn[]) => Promise<EvaluatedResponse>;

export interface AnswerItemResult {
  id: string;
  tags: string[];
  /** False for items the article does not answer. */
  answerable: boolean;
  query: string;
  kind: string;
  coverage: Coverage | null;
  /** The response declines (see `answer-outcome.ts`). */
  declined: boolean;
  /** Answered, and a citation's span overlaps an evidence span (false for unanswerable items). */
  evidenceHit: boolean;
  /** Share of gold speakers among the cited, when answered (0 when declined or unanswerable). */
  speakerRecall: number;
  /**
   * Share of the cited experts who are gold speakers, when answered with citations (null otherwise):
   * an answer padded with experts who do not speak to the question scores low.
   */
  speakerPrecision: number | null;
  /** Speakers of the citations, in order, without repeats. */
  citedSpeakers: string[];
  citations: number;
  validCitations: number;
  /** Every `[n]` in the answer has a citation numbered n. */
  markersResolve: boolean;
  answer: string;
}

export interface AnswerMetrics {
  items: number;
  answerable: number;
  unanswerable: number;
  /** Share of answerable items answered with a citation overlapping the evidence. */
  evidenceHit: number;
  /** Mean over answerable items of the share of gold speakers cited (0 for a declined one). */
  speakerRecall: number;
  /** Mean over answered answerable items with citations of the share of cited speakers who are gold; null when none. */
  speakerPrecision: number | null;
  /** Share of answerable items answered (not declined). */
  answered: number;
  /** Share of unanswerable items declined; null when there are none. */
  declined: number | null;
  /** Share of all citation quotes that are verbatim at their offsets and found by the verifier. */
  quoteValidity: number;
  /** Share of items whose every `[n]` resolves. */
  markersResolve: number;
  results: AnswerItemResult[];
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The answer figures over some item results. */
export function summarizeAnswers(results: AnswerItemResult[]): AnswerMetrics {
  const answerable = results.filter((r) => r.answerable);
  const unanswerable = results.filter((r) => !r.answerable);
  const a = Math.max(1, answerable.length);
  const quotes = results.reduce((s, r) => s + r.citations, 0);
  const valid = results.reduce((s, r) => s + r.validCitations, 0);
  return {
    items: results.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    evidenceHit: answerable.filter((r) => r.evidenceHit).length / a,
    speakerRecall: answerable.reduce((s, r) => s + r.speakerRecall, 0) / a,
    speakerPrecision: mean(answerable.flatMap((r) => (r.speakerPrecision === null ? [] : [r.speakerPrecision]))),
    answered: answerable.filter((r) => !r.declined).length / a,
    declined: unanswerable.length === 0 ? null : unanswerable.filter((r) => r.declined).length / unanswerable.length,
    quoteValidity: quotes === 0 ? 1 : valid / quotes,
    markersResolve: results.filter((r) => r.markersResolve).length / Math.max(1, results.length),
    results,
  };
}

/**
 * Answers over the question set: evidence hit (a citation's span overlaps an evidence span),
 * speaker recall (share of gold speakers among the cited), answered and declined rates, quote
 * validity, and whether every marker resolves. A declined answer earns no evidence hit or speaker
 * recall, whatever passages it shows. Conversations are played turn by turn with the system's own
 * earlier answers as the assistant turns; the last turn is scored.
 */
export async function evaluateAnswers(
  chat: ChatFunction,
  items: QuestionItem[],
  article: Article,
  verifier: QuoteVerifier,
): Promise<AnswerMetrics> {
  const results: AnswerItemResult[] = [];
  for (const item of items) {
    const messages: ConversationTurn[] = [];
    let response: EvaluatedResponse | null = null;
    for (const turn of userTurns(item)) {
      messages.push({ role: 'user', content: turn });
      response = await chat([...messages]);
      messages.push({ role: 'assistant', content: response.answer });
    }
    if (!response) continue;
    const answerable = isAnswerable(item);
    const declined = isDeclined(response);
    const evidenceSpans = item.evidence.flatMap((e) => {
      const v = verifier.verify(e);
      return v.found ? [v] : [];
    });
    const evidenceHit =
      answerable &&
      !declined &&
      response.citations.some((c) => evidenceSpans.some((e) => e.paragraph === c.paragraph && e.start < c.end && c.start < e.end));
    const cited = new Set(response.citations.map((c) => c.speaker));
    const valid = response.citations.filter((c) => isValidCitation(article, c) && verifier.verify(c.quote).found);
    const numbers = new Set(response.citations.map((c) => c.n));
    results.push({
      id: item.id,
      tags: item.tags ?? [],
      answerable,
      query: response.query,
      kind: response.kind,
      coverage: response.coverage ?? null,
      declined,
      evidenceHit,
      speakerRecall:
        answerable && !declined && item.speakers.length > 0
          ? item.speakers.filter((s) => cited.has(s)).length / item.speakers.length
          : 0,
      speakerPrecision: answerable && !declined && cited.size > 0 && item.speakers.length > 0 ? [...cited].filter((s) => item.speakers.includes(s)).length / cited.size : null,
      citedSpeakers: [...cited],
      citations: response.citations.length,
      validCitations: valid.length,
      markersResolve: citationMarkers(response.answer).every((n) => numbers.has(n)),
      answer: response.answer,
    });
  }
  return summarizeAnswers(results);
}
