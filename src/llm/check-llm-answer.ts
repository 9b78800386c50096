import type { Article } from '../corpus/parse-article.js';
import type { AnswerWarning, ChatResponse } from '../answer/answer-types.js';
import { textCheckerFor, type QuoteVerifier } from '../check/index.js';
import { citationMarkers, rewriteMarkers, type Citation } from '../answer/citations.js';

/** Quotations shorter than this in a model's answer are terms in quotes, not checked. */
const MIN_CHECKED_QUOTE = 4;

/**
 * Checks a model's answer: markers pointing at no passage are dropped, citations are only the
 * passages cited, and quotations the article does not contain, or credits to someone else than
 * the answer does, are flagged.
 */
export function checkLlmAnswer(
  article: Article,
  verifier: QuoteVerifier,
  text: string,
  citations: Citation[],
  prepared: Pick<ChatResponse, 'query' | 'kind'>,
): ChatResponse {
  const warnings: AnswerWarning[] = [];
  const valid = new Set(citations.map((c) => c.n));
  for (const n of citationMarkers(text)) if (!valid.has(n)) warnings.push({ type: 'dropped_marker', text: `[${n}]` });
  const answer = rewriteMarkers(text, (n) => (valid.has(n) ? n : null)).trim();
  const used = new Set(citationMarkers(answer));
  // The whole-text checker: a quotation the article does not have word for word, or one put in
  // the wrong person's mouth (`马冠奎指出：“青海最大的短板……”` is 李娜's), is flagged.
  for (const q of textCheckerFor(article, verifier).check(answer).quotations) {
    if (q.text.length < MIN_CHECKED_QUOTE) continue; // `“四地”`, `“双碳”`: terms, not quotations
    if (q.status !== 'verbatim') warnings.push({ type: 'unverified_quote', text: q.text, start: q.start, end: q.end });
    else if (q.attribution === 'wrong' && q.claimed && q.speaker) {
      warnings.push({ type: 'misattributed_quote', text: q.text, start: q.start, end: q.end, claimed: q.claimed, speaker: q.speaker });
    }
  }
  return {
    answer,
    citations: citations.filter((c) => used.has(c.n)),
    mode: 'llm',
    query: prepared.query,
    kind: prepared.kind,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
