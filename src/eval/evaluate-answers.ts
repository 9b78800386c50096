import type { ChatResponse } from '../answer/answer-types.js';
import { citationMarkers, isValidCitation } from '../answer/citations.js';
import type { QuoteVerifier } from '../answer/verify-quote.js';
import type { Article } from '../corpus/parse-article.js';
import type { ConversationTurn } from '../retrieval/resolve-follow-up.js';
import { userTurns, type QuestionItem } from './eval-set.js';

/** Anything that answers a conversation: the answerer in process, or `/api/chat` over HTTP. */
export type ChatFunction = (messages: ConversationTurn[]) => Promise<ChatResponse>;

export interface AnswerItemResult {
  id: string;
  query: string;
  evidenceHit: boolean;
  speakerRecall: number;
  citations: number;
  validCitations: number;
  /** Every `[n]` in the answer has a citation numbered n. */
  markersResolve: boolean;
  answer: string;
}

export interface AnswerMetrics {
  items: number;
  evidenceHit: number;
  speakerRecall: number;
  /** Share of all citation quotes that are verbatim at their offsets and found by the verifier. */
  quoteValidity: number;
  markersResolve: number;
  results: AnswerItemResult[];
}

/**
 * Answers over the question set: evidence hit (a citation's span overlaps an evidence span),
 * speaker recall (share of gold speakers among the cited), quote validity, and whether every
 * marker resolves. Conversations are played turn by turn with the system's own earlier answers.
 */
export async function evaluateAnswers(
  chat: ChatFunction,
  items: QuestionItem[],
  article: Article,
  verifier: QuoteVerifier,
): Promise<AnswerMetrics> {
  const results: AnswerItemResult[] = [];
  let quotes = 0;
  let validQuotes = 0;
  for (const item of items) {
    const messages: ConversationTurn[] = [];
    let response: ChatResponse | null = null;
    for (const turn of userTurns(item)) {
      messages.push({ role: 'user', content: turn });
      response = await chat([...messages]);
      messages.push({ role: 'assistant', content: response.answer });
    }
    if (!response) continue;
    const evidenceSpans = item.evidence.flatMap((e) => {
      const v = verifier.verify(e);
      return v.found ? [v] : [];
    });
    const evidenceHit = response.citations.some((c) =>
      evidenceSpans.some((e) => e.paragraph === c.paragraph && e.start < c.end && c.start < e.end),
    );
    const cited = new Set(response.citations.map((c) => c.speaker));
    const valid = response.citations.filter((c) => isValidCitation(article, c) && verifier.verify(c.quote).found);
    quotes += response.citations.length;
    validQuotes += valid.length;
    const numbers = new Set(response.citations.map((c) => c.n));
    results.push({
      id: item.id,
      query: response.query,
      evidenceHit,
      speakerRecall: item.speakers.filter((s) => cited.has(s)).length / item.speakers.length,
      citations: response.citations.length,
      validCitations: valid.length,
      markersResolve: citationMarkers(response.answer).every((n) => numbers.has(n)),
      answer: response.answer,
    });
  }
  const n = Math.max(1, results.length);
  return {
    items: results.length,
    evidenceHit: results.filter((r) => r.evidenceHit).length / n,
    speakerRecall: results.reduce((s, r) => s + r.speakerRecall, 0) / n,
    quoteValidity: quotes === 0 ? 1 : validQuotes / quotes,
    markersResolve: results.filter((r) => r.markersResolve).length / n,
    results,
  };
}
