import { containsEvidence, isAnswerable, userTurns, type QuestionItem } from './eval-set.js';
import { resolveFollowUp, type ConversationTurn } from '../retrieval/resolve-follow-up.js';

/** Anything that ranks passages for a query: the product's retriever, `/api/search`, or a baseline. */
export interface PassageRanker {
  name: string;
  rank(query: string, k: number, preferSpeakers: string[]): Promise<Array<{ text: string; speaker: string }>>;
}

/** Passages scored for MRR; hit@k and passage length look at the first five. */
const RANKED_DEPTH = 10;
const HIT_DEPTH = 5;

export interface RetrievalItemResult {
  id: string;
  tags: string[];
  query: string;
  /** 1-based rank of the first passage holding evidence, or null. */
  firstHit: number | null;
  topSpeaker: string | null;
  speakerOk: boolean;
  /** Length in characters of each of the top five passages. */
  passageChars: number[];
}

export interface RetrievalMetrics {
  ranker: string;
  items: number;
  hitAt5: number;
  mrr: number;
  speakerAt1: number;
  /** Mean length in characters of the passages in the top five (what a reader has to read). */
  meanPassageChars: number;
  results: RetrievalItemResult[];
}

/** hit@5, MRR, speaker@1 and mean passage length over some item results (0 for none). */
export function summarizeRetrieval(ranker: string, results: RetrievalItemResult[]): RetrievalMetrics {
  const n = Math.max(1, results.length);
  const lengths = results.flatMap((r) => r.passageChars);
  return {
    ranker,
    items: results.length,
    hitAt5: results.filter((r) => r.firstHit !== null && r.firstHit <= HIT_DEPTH).length / n,
    mrr: results.reduce((sum, r) => sum + (r.firstHit ? 1 / r.firstHit : 0), 0) / n,
    speakerAt1: results.filter((r) => r.speakerOk).length / n,
    meanPassageChars: lengths.length === 0 ? 0 : lengths.reduce((a, b) => a + b, 0) / lengths.length,
    results,
  };
}

/**
 * hit@5, MRR (over the top 10), speaker accuracy@1 and mean passage length of a ranker over the
 * answerable items of a question set (unanswerable ones have no evidence to find).
 * Conversations are resolved with the earlier user turns as context, as the chat endpoint does.
 */
export async function evaluateRetrieval(
  ranker: PassageRanker,
  items: QuestionItem[],
  speakerNames: string[],
): Promise<RetrievalMetrics> {
  const results: RetrievalItemResult[] = [];
  for (const item of items.filter(isAnswerable)) {
    const turns: ConversationTurn[] = userTurns(item).map((content) => ({ role: 'user', content }));
    const resolved = resolveFollowUp(turns, speakerNames);
    const passages = await ranker.rank(resolved.query, RANKED_DEPTH, resolved.carriedSpeakers);
    const index = passages.findIndex((p) => containsEvidence(p.text, item.evidence));
    const topSpeaker = passages[0]?.speaker ?? null;
    results.push({
      id: item.id,
      tags: item.tags ?? [],
      query: resolved.query,
      firstHit: index >= 0 ? index + 1 : null,
      topSpeaker,
      speakerOk: topSpeaker !== null && item.speakers.includes(topSpeaker),
      passageChars: passages.slice(0, HIT_DEPTH).map((p) => [...p.text].length),
    });
  }
  return summarizeRetrieval(ranker.name, results);
}
