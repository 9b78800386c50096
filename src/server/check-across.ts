import type { CheckedQuotation, CheckTextResult, VerifyResult } from '../check/index.js';
import { articleFields, type ArticleServices } from './app-services.js';

/**
 * Quote checks over several articles: a quotation is looked for in every article and the best
 * finding is kept (verbatim before altered before not found; a right attribution before a wrong
 * one), named by its article.
 */

const STATUS_RANK: Record<CheckedQuotation['status'], number> = { verbatim: 0, altered: 1, not_found: 2 };
const ATTRIBUTION_RANK = (a: CheckedQuotation['attribution']) => (a === 'correct' ? 0 : a === 'unclaimed' || a === null ? 1 : 2);

type Tagged<T> = T & { article?: string; articleTitle?: string };

/** `POST /api/verify` in one article or several: the first article (default first) that has the quote, or the nearest miss. */
export function verifyInArticles(articles: ArticleServices[], quote: string): Tagged<VerifyResult> {
  let best: { article: ArticleServices; result: VerifyResult } | null = null;
  for (const article of articles) {
    const result = article.verifier.verify(quote);
    if (result.found) return { ...result, ...articleFields(article) };
    if (!best || result.score > best.result.score) best = { article, result };
  }
  const miss = best!.result;
  if (miss.found || !miss.nearest) return miss;
  return { ...miss, nearest: { ...miss.nearest, ...articleFields(best!.article) } };
}

/** `POST /api/check` in one article or several. */
export function checkInArticles(articles: ArticleServices[], text: string): CheckTextResult & { quotations: Array<Tagged<CheckedQuotation>> } {
  const results = articles.map((article) => ({ article, result: article.checker.check(text) }));
  const tag = (q: CheckedQuotation, article: ArticleServices): Tagged<CheckedQuotation> =>
    q.status === 'not_found' ? q : { ...q, ...articleFields(article) };
  const first = results[0]!;
  if (results.length === 1) return { ...first.result, quotations: first.result.quotations.map((q) => tag(q, first.article)) };
  // Finding the quotations reads only the text; the verdicts differ by article.
  const quotations = first.result.quotations.map((_q, i) => {
    let best = { q: first.result.quotations[i]!, article: first.article };
    for (const { article, result } of results.slice(1)) {
      const q = result.quotations[i];
      if (!q) continue;
      const better =
        STATUS_RANK[q.status] < STATUS_RANK[best.q.status] ||
        (STATUS_RANK[q.status] === STATUS_RANK[best.q.status] && ATTRIBUTION_RANK(q.attribution) < ATTRIBUTION_RANK(best.q.attribution));
      if (better) best = { q, article };
    }
    return tag(best.q, best.article);
  });
  const summary = {
    ...first.result.summary,
    status: { verbatim: 0, altered: 0, not_found: 0 },
    attribution: Object.fromEntries(Object.keys(first.result.summary.attribution).map((k) => [k, 0])) as CheckTextResult['summary']['attribution'],
    figureChanged: 0,
  };
  for (const q of quotations) {
    summary.status[q.status] += 1;
    if (q.attribution) summary.attribution[q.attribution] += 1;
    if (q.figureChanged) summary.figureChanged += 1;
  }
  const ok = quotations.every((q) => q.status !== 'not_found' && q.attribution !== 'wrong');
  return { quotations, summary, ok, accurate: ok && summary.figureChanged === 0 };
}
