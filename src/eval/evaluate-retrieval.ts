import { containsEvidence, userTurns, type QuestionItem } from './eval-set.js';
import { resolveFollowUp, type ConversationTurn } from '../retrieval/resolve-follow-up.js';

/** Anything that ranks passages for a query: the product's retriever or a baseline. */
export interface PassageRanker {
  name: string;
  rank(query: string, k: number, preferSpeakers: string[]): Promise<Array<{ text: string; speaker: string }>>;
}

export interface RetrievalItemResult {
  id: string;
  query: string;
  /** 1-based rank of the first passage holding evidence, or null. */
  firstHit: number | null;
  topSpeaker: string | null;
  speakerOk: boolean;
}

export interface RetrievalMetrics {
  ranker: string;
  items: number;
  hitAt5: number;
  mrr: number;
  speakerAt1: number;
  results: RetrievalItemResult[];
}

/**
 * hit@5, MRR (over the top 10) and speaker accuracy@1 of a ranker over the question set.
 * Conversations are resolved with the earlier user turns as context, as the chat endpoint does.
 */
export async function evaluateRetrieval(
  ranker: PassageRanker,
  items: QuestionItem[],
  speakerNames: string[],
): Promise<RetrievalMetrics> {
  const results: RetrievalItemResult[] = [];
  for (const item of items) {
    const turns: ConversationTurn[] = userTurns(item).map((content) => ({ role: 'user', content }));
    const resolved = resolveFollowUp(turns, speakerNames);
    const passages = await ranker.rank(resolved.query, 10, resolved.carriedSpeakers);
    const index = passages.findIndex((p) => containsEvidence(p.text, item.evidence));
    const topSpeaker = passages[0]?.speaker ?? null;
    results.push({
      id: item.id,
      query: resolved.query,
      firstHit: index >= 0 ? index + 1 : null,
      topSpeaker,
      speakerOk: topSpeaker !== null && item.speakers.includes(topSpeaker),
    });
  }
  const n = Math.max(1, results.length);
  return {
    ranker: ranker.name,
    items: results.length,
    hitAt5: results.filter((r) => r.firstHit !== null && r.firstHit <= 5).length / n,
    mrr: results.reduce((sum, r) => sum + (r.firstHit ? 1 / r.firstHit : 0), 0) / n,
    speakerAt1: results.filter((r) => r.speakerOk).length / n,
    results,
  };
}
