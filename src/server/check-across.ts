import { summarizeCheck, trimQuote, type CheckedQuotation, type CheckedTerm, type CheckTextResult, type TextCheck, type VerifyResult } from '../check/index.js';
import { foldText } from '../corpus/normalize-text.js';
import { articleFields, openAt, type ArticleServices, type LibraryServices } from './app-services.js';

/**
 * Quote checks in one article or across a library. Across a library, each quotation is looked up
 * once in the library's shared character-pair index ({@link LibraryPairs}) and checked only in the
 * few articles that could hold it ({@link CANDIDATES_PER_QUOTATION}); the best finding is kept
 * (verbatim before altered before not found; a right attribution before a wrong one), named by its
 * article. The work of one request is bounded whatever the library's size: at most
 * {@link CANDIDATES_PER_QUOTATION} checks a quotation, in at most {@link MAX_ARTICLES_CHECKED}
 * articles. It runs in slices of {@link SLICE_MS}, yielding to the event loop between them, so other
 * requests and a shutdown signal are served meanwhile, and it stops when its `signal` is aborted.
 */

/** Articles a quotation is checked in: the best of the shared index's ranking. */
export const CANDIDATES_PER_QUOTATION = 3;
/** Most articles one request checks in (each reads the whole text once for who is credited). */
export const MAX_ARTICLES_CHECKED = 20;
/** Work between two yields to the event loop, in milliseconds. */
export const SLICE_MS = 8;

const STATUS_RANK: Record<CheckedQuotation['status'], number> = { verbatim: 0, altered: 1, not_found: 2 };
const ATTRIBUTION_RANK = (a: CheckedQuotation['attribution']) => (a === 'correct' ? 0 : a === 'unclaimed' || a === null ? 1 : 2);

type Tagged<T> = T & { article?: string; articleTitle?: string };

export interface CheckAcrossOptions {
  /** Aborted when the answer is no longer wanted (the client left, the server shuts down): the work stops, and the call rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Whole-text checks take turns, one at a time in the process: each is sliced, but its first steps
 * (reading who the text credits, tens of milliseconds for 20,000 characters) are not, and twenty
 * begun in one turn of the event loop would hold timers (a shutdown's bound among them) for a
 * second or more. Waiting for the turn is abortable like the work.
 */
class Turns {
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  async run<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    signal?.throwIfAborted();
    if (this.busy) {
      await new Promise<void>((resolve, reject) => {
        const go = () => {
          signal?.removeEventListener('abort', leave);
          resolve();
        };
        const leave = () => {
          const at = this.waiting.indexOf(go);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(signal!.reason);
        };
        this.waiting.push(go);
        signal?.addEventListener('abort', leave, { once: true });
      });
    }
    this.busy = true;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.busy = false;
    }
  }
}

const checkTurns = new Turns();

/** Yields to the event loop once `SLICE_MS` of work has run since the last yield; rejects once `signal` is aborted. */
function slicer(signal: AbortSignal | undefined): () => Promise<void> {
  let since = performance.now();
  return async () => {
    signal?.throwIfAborted();
    if (performance.now() - since < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    since = performance.now();
  };
}

/** `POST /api/verify` in one article or several: of the articles that could hold the quote, the first (library order) that has it, or the nearest miss. */
export async function verifyInArticles(library: LibraryServices, quote: string, options: CheckAcrossOptions = {}): Promise<Tagged<VerifyResult>> {
  let candidates = [0];
  if (library.entries.length > 1) {
    const ranked = (await library.pairs()).rank(foldText(trimQuote(quote)), { limit: CANDIDATES_PER_QUOTATION });
    // Nothing alike anywhere: the default article says so.
    if (ranked.length > 0) candidates = ranked.sort((a, b) => a - b);
  }
  const next = slicer(options.signal);
  let best: { article: ArticleServices; result: VerifyResult } | null = null;
  for (const ordinal of candidates) {
    await next();
    const article = await openAt(library, ordinal);
    const result = article.verifier.verify(quote);
    if (result.found) return { ...result, ...articleFields(article) };
    if (!best || result.score > best.result.score) best = { article, result };
  }
  const miss = best!.result;
  if (miss.found || !miss.nearest) return miss;
  return { ...miss, nearest: { ...miss.nearest, ...articleFields(best!.article) } };
}

const tag = (q: CheckedQuotation, article: ArticleServices): Tagged<CheckedQuotation> => (q.status === 'not_found' ? q : { ...q, ...articleFields(article) });
const tagTerm = (t: CheckedTerm, article: ArticleServices): Tagged<CheckedTerm> => (t.inArticle ? { ...t, ...articleFields(article) } : t);

type CheckAcrossResult = CheckTextResult & { quotations: Array<Tagged<CheckedQuotation>>; terms: Array<Tagged<CheckedTerm>> };

/** Characters before a quotation read with it to rank articles: where the text says whose words they are. */
const CONTEXT_CHARS = 16;

/** `POST /api/check` in one article or several, one check at a time in the process. */
export function checkInArticles(
  library: LibraryServices,
  text: string,
  options: CheckAcrossOptions = {},
): Promise<CheckAcrossResult> {
  return checkTurns.run(options.signal, () => checkNow(library, text, options));
}

async function checkNow(
  library: LibraryServices,
  text: string,
  options: CheckAcrossOptions,
): Promise<CheckAcrossResult> {
  const next = slicer(options.signal);
  // The articles opened for this check, by ordinal.
  const opened = new Map<number, ArticleServices>();
  const article = async (ordinal: number) => {
    let found = opened.get(ordinal);
    if (!found) opened.set(ordinal, (found = await openAt(library, ordinal)));
    return found;
  };
  const first = await article(0);
  const checking = first.checker.begin(text);
  if (library.entries.length === 1) {
    const quotations: Array<Tagged<CheckedQuotation>> = [];
    for (let i = 0; i < checking.count; i++) {
      await next();
      quotations.push(tag(checking.quotation(i), first));
    }
    const terms: Array<Tagged<CheckedTerm>> = [];
    for (let j = 0; j < checking.termCount; j++) {
      await next();
      terms.push(tagTerm(checking.term(j), first));
    }
    return summarizeCheck(quotations, terms, checking.skipped, checking.unclosed) as CheckAcrossResult;
  }

  // Which articles could hold each quotation: one lookup each in the shared index.
  const pairs = await library.pairs();
  const ranked: number[][] = [];
  const votes = new Map<number, number>();
  for (let i = 0; i < checking.count; i++) {
    await next();
    const start = checking.start(i);
    const list = pairs.rank(foldText(checking.written(i)), { limit: CANDIDATES_PER_QUOTATION, context: text.slice(Math.max(0, start - CONTEXT_CHARS), start) });
    ranked.push(list);
    list.forEach((ordinal, rank) => votes.set(ordinal, (votes.get(ordinal) ?? 0) + CANDIDATES_PER_QUOTATION - rank));
  }
  const termRanked: number[][] = [];
  for (let j = 0; j < checking.termCount; j++) {
    await next();
    const list = pairs.rank(foldText(checking.termWritten(j)), { limit: CANDIDATES_PER_QUOTATION });
    termRanked.push(list);
    list.forEach((ordinal, rank) => votes.set(ordinal, (votes.get(ordinal) ?? 0) + CANDIDATES_PER_QUOTATION - rank));
  }
  // The articles checked: those most quotations and terms could be in, at most MAX_ARTICLES_CHECKED.
  const chosen = [...votes.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_ARTICLES_CHECKED)
    .map(([ordinal]) => ordinal);
  const fallback = chosen.length > 0 ? chosen[0]! : 0;
  const inChosen = new Set(chosen);
  // Nothing alike in the articles checked: the article most quotations point to says it is not there.
  const places = ranked.map((list) => {
    const here = list.filter((ordinal) => inChosen.has(ordinal));
    return here.length > 0 ? here : [fallback];
  });

  // Each quotation in its articles, best ranked first, until one says it is verbatim and theirs:
  // no other article can say better.
  const begun = new Map<number, TextCheck>([[0, checking]]);
  const best: Array<{ q: CheckedQuotation; article: ArticleServices } | null> = Array.from({ length: checking.count }, () => null);
  for (const [i, ordinals] of places.entries()) {
    for (const ordinal of ordinals) {
      await next();
      let here = begun.get(ordinal);
      if (!here) begun.set(ordinal, (here = (await article(ordinal)).checker.begin(text)));
      const q = here.quotation(i);
      const held = best[i];
      const better =
        !held ||
        STATUS_RANK[q.status] < STATUS_RANK[held.q.status] ||
        (STATUS_RANK[q.status] === STATUS_RANK[held.q.status] && ATTRIBUTION_RANK(q.attribution) < ATTRIBUTION_RANK(held.q.attribution));
      if (better) best[i] = { q, article: await article(ordinal) };
      if (q.status === 'verbatim' && q.attribution === 'correct') break;
    }
  }
  const quotations = best.map((found) => tag(found!.q, found!.article));

  // A term is in the library when one of the articles that could hold it has it (library order first).
  const terms: Array<Tagged<CheckedTerm>> = [];
  for (let j = 0; j < checking.termCount; j++) {
    await next();
    const candidates = termRanked[j]!.filter((ordinal) => inChosen.has(ordinal)).sort((a, b) => a - b);
    let found: Tagged<CheckedTerm> | null = null;
    for (const ordinal of candidates) {
      let here = begun.get(ordinal);
      if (!here) begun.set(ordinal, (here = (await article(ordinal)).checker.begin(text)));
      const term = here.term(j);
      if (term.inArticle) {
        found = tagTerm(term, await article(ordinal));
        break;
      }
    }
    terms.push(found ?? checking.term(j));
  }
  return summarizeCheck(quotations, terms, checking.skipped, checking.unclosed) as CheckAcrossResult;
}
