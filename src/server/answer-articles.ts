import type { AnswerRunOptions } from '../answer/answer-question.js';
import { answerTemplates } from '../answer/answer-templates.js';
import type { AnswerEvent, ChatRequest, ChatResponse } from '../answer/answer-types.js';
import { articleFields, openAt, type ArticleServices, type LibraryServices } from './app-services.js';
import { CONTEXT_LIMITS, contextForArticle } from '../retrieval/conversation-context.js';

/**
 * Answers scoped to one article, and answers across several: every citation carries its article's
 * id and title (`article`, `articleTitle`), so a passage link opens the right article.
 */

/** Articles whose passages are answered in full for a question across articles. */
export const MAX_ARTICLES_ANSWERED = 5;
/** Articles searched in full (search, quote checks) for a request across articles. */
export const MAX_ARTICLES_SEARCHED = 20;

/**
 * The articles most likely to answer a text, best first, at most `limit` (ordinals of the
 * library): those whose best passage shares most words with it, by the library's one word index
 * (built at ingest), so a request across 10,000 articles opens a few. Every article when there are
 * no more than `limit` (nothing to choose); the first when none shares a word with it. `speaker`:
 * only the articles where that name speaks.
 */
export async function rankArticles(library: LibraryServices, text: string, limit: number, speaker: string | null = null): Promise<number[]> {
  const speaks = (ordinal: number) => speaker === null || library.entries[ordinal]!.speakers.some((s) => s.name === speaker);
  const eligible: number[] = [];
  for (let ordinal = 0; ordinal < library.entries.length && eligible.length <= limit; ordinal++) if (speaks(ordinal)) eligible.push(ordinal);
  if (eligible.length <= limit) return eligible;
  const ranked = await library.rankByWords(text, limit, speaks);
  return ranked.length > 0 ? ranked : eligible.slice(0, 1);
}

/**
 * Words a question uses for the articles themselves (`哪几篇访谈`, `不同文章里的`): asked across
 * articles, they are about the library, not the topic, so each article is asked without them.
 */
const ARTICLE_WORDS = /(?:不同|各|哪几|哪些|哪|几|每)篇?(?:文章|访谈|报道)(?:里|中)?的?/gu;

/** The request as one article is asked it: the last question without the words for the articles. */
function forOneArticle(request: ChatRequest): ChatRequest {
  const last = request.messages.at(-1);
  if (!last) return request;
  const content = last.content.replace(ARTICLE_WORDS, '').trim();
  if (content === '' || content === last.content) return request;
  return { ...request, messages: [...request.messages.slice(0, -1), { ...last, content }] };
}

/** A response whose citations (and its context's passages) name their article. */
export function withArticle(response: ChatResponse, article: ArticleServices): ChatResponse {
  const fields = articleFields(article);
  const tagged = { ...response, citations: response.citations.map((c) => ({ ...c, ...fields })) };
  if (!response.context) return tagged;
  const { context } = response;
  const named = <T extends object>(ref: T) => ({ ...ref, article: article.id });
  return { ...tagged, context: { ...context, items: context.items.map(named), cited: context.cited.map(named) } };
}

/** The request as one article reads it: the contexts sent back keep only that article's passages. */
export function requestForArticle(request: ChatRequest, article: ArticleServices): ChatRequest {
  if (!request.messages.some((m) => m.context)) return request;
  return { ...request, messages: request.messages.map((m) => (m.context ? { ...m, context: contextForArticle(m.context, article.id) } : m)) };
}

/** One article's answer stream, its citations tagged with the article. */
export async function* streamInArticle(
  article: ArticleServices,
  request: ChatRequest,
  signal: AbortSignal,
  run: AnswerRunOptions = {},
): AsyncGenerator<AnswerEvent> {
  const fields = articleFields(article);
  for await (const event of article.answerer.stream(requestForArticle(request, article), signal, run)) {
    if (event.type === 'citations') yield { type: 'citations', citations: event.citations.map((c) => ({ ...c, ...fields })) };
    else if (event.type === 'done') yield { type: 'done', response: withArticle(event.response, article) };
    else yield event;
  }
}

/** `[n]` markers shifted by `offset`, for an article's part after the parts before it. */
function shiftMarkers(text: string, offset: number): string {
  return offset === 0 ? text : text.replace(/\[(\d+)\]/gu, (_m, n: string) => `[${Number(n) + offset}]`);
}

/**
 * The articles most likely to answer a question, best first, at most {@link MAX_ARTICLES_ANSWERED}:
 * in a library of up to {@link MAX_ARTICLES_SEARCHED} articles, those whose best passage (each
 * article's full search) ranks highest; in a larger one, those the library's word index ranks
 * first ({@link rankArticles}), so a question across 10,000 articles opens five, not twenty. A
 * question that names a speaker goes to the articles where that name speaks.
 */
async function candidateArticles(library: LibraryServices, request: ChatRequest): Promise<ArticleServices[]> {
  const question = request.messages.at(-1)?.content ?? '';
  if (library.entries.length > MAX_ARTICLES_SEARCHED) {
    const ranked = await rankArticles(library, question, MAX_ARTICLES_ANSWERED, request.speaker ?? null);
    return Promise.all(ranked.map((ordinal) => openAt(library, ordinal)));
  }
  const scored: Array<{ article: ArticleServices; score: number }> = [];
  for (const ordinal of await rankArticles(library, question, MAX_ARTICLES_SEARCHED, request.speaker ?? null)) {
    const article = await openAt(library, ordinal);
    const { passages } = await article.retriever.retrieve(question, { k: 1, speaker: request.speaker ?? null });
    if (passages[0]) scored.push({ article, score: passages[0].score });
  }
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_ARTICLES_ANSWERED)
    .map((s) => s.article);
}

/**
 * Answers a question across every article: each likely article answers it on its own (the same
 * answerer as a scoped question), and the articles that answer it are put together, one part per
 * article under its title, citations numbered on. When none answers, the best article's own answer
 * (its `related` or `none`) is given.
 */
export async function answerAcrossArticles(
  library: LibraryServices,
  request: ChatRequest,
  signal: AbortSignal,
  run: AnswerRunOptions = {},
): Promise<ChatResponse> {
  request = forOneArticle(request);
  const candidates = await candidateArticles(library, request);
  const answered: Array<{ article: ArticleServices; response: ChatResponse }> = [];
  let first: { article: ArticleServices; response: ChatResponse } | null = null;
  for (const article of candidates.length > 0 ? candidates : [await openAt(library, 0)]) {
    const response = await article.answerer.answer(requestForArticle(request, article), signal, run);
    first ??= { article, response };
    const answers = (response.coverage ?? (response.citations.length > 0 ? 'answered' : 'none')) === 'answered';
    if (answers && response.citations.length > 0 && response.kind !== 'greeting') answered.push({ article, response });
  }
  if (answered.length === 0) return withArticle(first!.response, first!.article);

  const parts: string[] = [answerTemplates.acrossArticles(answered.length)];
  const citations: ChatResponse['citations'] = [];
  for (const { article, response } of answered) {
    const offset = citations.length;
    parts.push(`${answerTemplates.articleHeading(article.index.article.title)}\n${shiftMarkers(response.answer, offset)}`);
    const fields = articleFields(article);
    citations.push(...response.citations.map((c) => ({ ...c, ...fields, n: c.n + offset })));
  }
  const warnings = answered.flatMap(({ response }) => response.warnings ?? []);
  const best = answered[0]!.response;
  // The parts' passages, each naming its article; a list is one part's, so none is carried.
  const contexts = answered.map(({ article, response }) => withArticle(response, article).context).filter((c) => c !== undefined);
  const context = best.context
    ? { ...best.context, items: [], at: null, people: [...new Set(contexts.flatMap((c) => c.people))].slice(0, CONTEXT_LIMITS.maxPeople), cited: contexts.flatMap((c) => c.cited).slice(0, CONTEXT_LIMITS.maxPassages) }
    : undefined;
  return {
    answer: parts.join('\n\n'),
    citations,
    mode: best.mode,
    ...(answered.some(({ response }) => response.fallback) ? { fallback: true } : {}),
    query: best.query,
    kind: best.kind,
    coverage: 'answered',
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(context ? { context } : {}),
  };
}

/** The answer across articles as a stream: its citations, its text line by line, then done. */
export async function* streamAcrossArticles(
  library: LibraryServices,
  request: ChatRequest,
  signal: AbortSignal,
  run: AnswerRunOptions = {},
): AsyncGenerator<AnswerEvent> {
  const response = await answerAcrossArticles(library, request, signal, run);
  yield { type: 'citations', citations: response.citations };
  for (const piece of response.answer.match(/[^\n]*\n?/gu) ?? []) if (piece) yield { type: 'delta', text: piece };
  yield { type: 'done', response };
}

/** The answer stream for a scope: one article's, or across all of them (scope null). */
export function answerStream(
  scope: ArticleServices | null,
  library: LibraryServices,
  request: ChatRequest,
  signal: AbortSignal,
  run: AnswerRunOptions = {},
): AsyncGenerator<AnswerEvent> {
  return scope ? streamInArticle(scope, request, signal, run) : streamAcrossArticles(library, request, signal, run);
}

/** The whole answer for a scope. */
export async function answerInScope(
  scope: ArticleServices | null,
  library: LibraryServices,
  request: ChatRequest,
  signal: AbortSignal,
  run: AnswerRunOptions = {},
): Promise<ChatResponse> {
  return scope ? withArticle(await scope.answerer.answer(requestForArticle(request, scope), signal, run), scope) : answerAcrossArticles(library, request, signal, run);
}
