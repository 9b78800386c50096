import { distinctBigrams, sharedBigramCount } from '../retrieval/paragraph-bigram-ranker.js';
import type { Article } from '../corpus/parse-article.js';
import type { PassageRanker } from './evaluate-retrieval.js';

/**
 * The trivial ranker of issue 10: whole article paragraphs scored by how many distinct character
 * bigrams of the folded question they contain. No words, no vectors, no rules; retrieval that
 * cannot beat it has not earned its complexity.
 */

/**
 * Ranks every paragraph of the article by shared bigrams with the question (ties in article
 * order); paragraphs sharing none are left out. Speaker preferences are ignored.
 */
export function createBigramRanker(article: Article): PassageRanker {
  const paragraphs = article.paragraphs.map((p) => ({ text: p.text, speaker: p.speaker, bigrams: distinctBigrams(p.text) }));
  return {
    name: 'trivial ranker (whole paragraphs by shared character bigrams)',
    async rank(query, k) {
      const question = distinctBigrams(query);
      return paragraphs
        .map((p, order) => ({ p, order, score: sharedBigramCount(question, p.bigrams) }))
        .filter((x) => x.score > 0)
        .sort((a, b) => b.score - a.score || a.order - b.order)
        .slice(0, k)
        .map(({ p }) => ({ text: p.text, speaker: p.speaker }));
    },
  };
}
