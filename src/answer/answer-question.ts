import type { Logger } from 'pino';
import { pino } from 'pino';
import { foldText } from '../corpus/normalize-text.js';
import type { SearchIndex } from '../index/load-index.js';
import { classifyQuestion, definitionPattern } from '../retrieval/question-intent.js';
import { resolveFollowUp } from '../retrieval/resolve-follow-up.js';
import type { RetrievedPassage, Retriever } from '../retrieval/retrieve.js';
import {
  answerGreeting,
  answerNotCovered,
  answerPeople,
  composeLines,
  composeList,
  queryTerms,
  selectCitations,
  selectListCitations,
} from './answer-extractive.js';
import { answerCacheKey, type AnswerCache } from './answer-cache.js';
import type { LlmAnswerer } from './answer-llm.js';
import type { AnswerEvent, AnswerWarning, ChatRequest, ChatResponse } from './answer-types.js';
import { bestQuoteSpan, citationMarkers, leadSpan, makeCitation, quotedSpans, rewriteMarkers, type Citation } from './citations.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';
import { LeakGuard } from './leak-guard.js';
import type { QuoteVerifier } from './verify-quote.js';

/**
 * Answers a conversation's last question: resolve the follow-up, retrieve, then answer with the LLM
 * when one is configured (checking every `[n]` afterwards) or with the built-in extractive answerer.
 * An LLM that times out, errors or breaks its stream gives way to the extractive answer.
 */

export interface AnswerQuestionOptions {
  /** Passages retrieved for an answer. */
  passages: number;
  /** Whole-answer time limit for the LLM, in milliseconds. */
  llmTimeoutMs: number;
}

export const DEFAULT_ANSWER_OPTIONS: AnswerQuestionOptions = { passages: 6, llmTimeoutMs: 20_000 };

const HOST_WORDS = /主持人|主持|记者/u;
/** A follow-up that asks for more (`他还说了什么？`, `还有别的吗？`): quotes already given are left out. */
const ASKS_FOR_MORE = /还|另外|其他|其它|别的|此外|再/u;

interface Prepared {
  query: string;
  kind: ChatResponse['kind'];
  /** A finished answer (greeting, people, not covered), or null when passages must be answered. */
  finished: ChatResponse | null;
  passages: RetrievedPassage[];
  /** The extractive citations (null when the article does not answer). */
  citations: Citation[] | null;
  /** The citations are the points of a list, one a paragraph. */
  list: boolean;
}

export class QuestionAnswerer {
  private readonly opts: AnswerQuestionOptions;
  private readonly logger: Logger;

  private readonly limiter: ConcurrencyLimiter | null;
  private readonly cache: AnswerCache | null;

  constructor(
    private readonly index: SearchIndex,
    private readonly retriever: Retriever,
    private readonly verifier: QuoteVerifier,
    private readonly llm: LlmAnswerer | null = null,
    options: Partial<AnswerQuestionOptions> & { logger?: Logger; llmLimiter?: ConcurrencyLimiter; cache?: AnswerCache } = {},
  ) {
    const { logger, llmLimiter, cache, ...rest } = options;
    this.opts = { ...DEFAULT_ANSWER_OPTIONS, ...rest } satisfies AnswerQuestionOptions;
    this.logger = logger ?? pino({ level: 'silent' });
    this.limiter = llmLimiter ?? null;
    this.cache = cache ?? null;
  }

  get mode(): 'extractive' | 'llm' {
    return this.llm ? 'llm' : 'extractive';
  }

  /** Answers without streaming. */
  async answer(request: ChatRequest, signal: AbortSignal = new AbortController().signal): Promise<ChatResponse> {
    for await (const event of this.stream(request, signal)) if (event.type === 'done') return event.response;
    throw new Error('answer stream ended without a done event');
  }

  /**
   * Answers as a stream: `citations` first, then `delta`s, then `done`. A conversation answered
   * before comes from the answer cache, when there is one, as the same events.
   */
  async *stream(request: ChatRequest, signal: AbortSignal): AsyncGenerator<AnswerEvent> {
    if (!this.cache?.enabled) {
      yield* this.answerEvents(request, signal);
      return;
    }
    const key = answerCacheKey(request, this.mode);
    const cached = await this.cache.lookup(key);
    if (cached) {
      yield* this.emit(cached);
      return;
    }
    for await (const event of this.answerEvents(request, signal)) {
      // A stream the client left is not finished: only a `done` answer is kept.
      if (event.type === 'done' && !signal.aborted) this.cache.set(key, event.response);
      yield event;
    }
  }

  private async *answerEvents(request: ChatRequest, signal: AbortSignal): AsyncGenerator<AnswerEvent> {
    const prepared = await this.prepare(request, signal);
    if (prepared.finished) {
      yield* this.emit(prepared.finished);
      return;
    }
    const extractive = this.extractiveResponse(prepared);
    if (!this.llm || prepared.citations === null) {
      yield* this.emit(extractive);
      return;
    }
    // Past the cap on concurrent LLM streams, answer extractively rather than queue.
    const release = this.limiter ? this.limiter.tryAcquire() : () => {};
    if (!release) {
      this.logger.warn({ limit: this.limiter!.limit }, 'LLM stream cap reached; answering extractively');
      yield* this.emit({ ...extractive, fallback: true });
      return;
    }
    try {
      yield* this.streamLlm(request, prepared, extractive, signal);
    } finally {
      release();
    }
  }

  /** Emits a finished response as a stream: its citations, its text line by line, then done. */
  private async *emit(response: ChatResponse): AsyncGenerator<AnswerEvent> {
    yield { type: 'citations', citations: response.citations };
    for (const piece of response.answer.match(/[^\n]*\n?/gu) ?? []) if (piece) yield { type: 'delta', text: piece };
    yield { type: 'done', response };
  }

  private names(): string[] {
    return this.index.article.speakers.filter((s) => s.role !== 'editor').map((s) => s.name);
  }

  private async prepare(request: ChatRequest, signal: AbortSignal): Promise<Prepared> {
    const { article } = this.index;
    const question = request.messages.at(-1)?.content.trim() ?? '';
    const none = { passages: [], citations: null, list: false };
    const names = this.names();
    if (classifyQuestion(question, names).kind === 'greeting') {
      const finished: ChatResponse = { answer: answerGreeting(article), citations: [], mode: 'extractive', query: question, kind: 'greeting' };
      return { query: question, kind: 'greeting', finished, ...none };
    }

    const resolved = resolveFollowUp(request.messages, names);
    let query = resolved.query;
    if (this.llm && resolved.kind !== 'standalone') {
      query = (await this.tryRewrite(request, question, signal)) ?? query;
    }

    const intent = classifyQuestion(query, names);
    if (intent.kind === 'people') {
      const named = this.retriever.mentionedSpeakers(query).filter((n) => names.includes(n) && foldText(query).includes(n));
      const people = answerPeople(article, named, HOST_WORDS.test(query));
      const finished: ChatResponse = { ...people, mode: 'extractive', query, kind: 'people' };
      return { query, kind: 'people', finished, ...none };
    }

    const { passages } = await this.retriever.retrieve(query, {
      k: this.opts.passages,
      speaker: request.speaker ?? null,
      preferSpeakers: resolved.carriedSpeakers,
    });
    // Names steer retrieval; they are not words a passage must contain to answer.
    const terms = queryTerms(query, this.retriever.lexical, new Set(names));
    // Speakers named in the question (by name, in either script; not a role word like 主持人).
    const named = this.retriever.mentionedSpeakers(query).filter((n) => foldText(query).includes(n));
    const focusSpeakers = [...new Set([...resolved.carriedSpeakers, ...named])];
    let citations: Citation[] | null = null;
    let list = false;
    if (intent.kind === 'topic' && intent.enumerates) {
      citations = selectListCitations(article, passages, focusSpeakers);
      list = citations !== null;
    }
    const alreadyQuoted = new Set(
      ASKS_FOR_MORE.test(question)
        ? request.messages.filter((m) => m.role === 'assistant').flatMap((m) => quotedSpans(m.content).map(foldText))
        : [],
    );
    citations ??= selectCitations(article, passages, terms, {
      focusSpeakers,
      alreadyQuoted,
      ...(intent.kind === 'definition' ? { bonus: definitionPattern(intent.term) } : {}),
    });
    const kind = citations === null ? 'not_covered' : intent.kind === 'definition' ? 'definition' : 'topic';
    return { query, kind, finished: null, passages, citations, list };
  }

  private async tryRewrite(request: ChatRequest, question: string, signal: AbortSignal): Promise<string | null> {
    const timeout = AbortSignal.timeout(Math.min(5000, this.opts.llmTimeoutMs));
    try {
      return await this.llm!.rewriteFollowUp(request.messages.slice(0, -1), question, AbortSignal.any([signal, timeout]));
    } catch (error) {
      if (!signal.aborted) this.logger.warn({ err: error }, 'follow-up rewrite failed; using the rule-based query');
      return null;
    }
  }

  private extractiveResponse(prepared: Prepared): ChatResponse {
    const { article } = this.index;
    if (prepared.citations === null) {
      return { answer: answerNotCovered(article), citations: [], mode: 'extractive', query: prepared.query, kind: 'not_covered' };
    }
    return {
      answer: prepared.list ? composeList(prepared.citations) : composeLines(prepared.citations),
      citations: prepared.citations,
      mode: 'extractive',
      query: prepared.query,
      kind: prepared.kind,
    };
  }

  /** The citation a model's `[n]` stands for: the passage's best quotable span for the question. */
  private passageCitations(prepared: Prepared): Citation[] {
    const { terms } = queryTerms(prepared.query, this.retriever.lexical, new Set(this.names()));
    return prepared.passages.map((p, i) => {
      const text = this.index.article.paragraphs[p.paragraph]!.text;
      const span = bestQuoteSpan(text, p.start, p.end, terms) ?? leadSpan(text.slice(0, p.end)) ?? { start: p.start, end: p.end };
      return makeCitation(this.index.article, i + 1, p.paragraph, span.start, span.end);
    });
  }

  private async *streamLlm(
    request: ChatRequest,
    prepared: Prepared,
    extractive: ChatResponse,
    signal: AbortSignal,
  ): AsyncGenerator<AnswerEvent> {
    const citations = this.passageCitations(prepared);
    yield { type: 'citations', citations };

    const question = request.messages.at(-1)!.content;
    const messages = this.llm!.buildMessages(
      request.messages.slice(0, -1),
      prepared.query === question.trim() ? question : `${question}（即：${prepared.query}）`,
      prepared.passages.map((p, i) => ({ n: i + 1, citation: citations[i]!, text: p.text })),
    );
    const timeout = AbortSignal.timeout(this.opts.llmTimeoutMs);
    const upstream = new AbortController();
    const guard = new LeakGuard(this.llm!.canary);
    let text = '';
    let sent = '';
    try {
      for await (const delta of this.llm!.stream(messages, AbortSignal.any([signal, timeout, upstream.signal]))) {
        text += delta;
        const safe = guard.push(delta);
        if (guard.leaked) {
          upstream.abort();
          throw new Error('the model output contained the system prompt canary');
        }
        if (safe) {
          sent += safe;
          yield { type: 'delta', text: safe };
        }
      }
      const rest = guard.flush();
      if (rest) {
        sent += rest;
        yield { type: 'delta', text: rest };
      }
      if (text.trim() === '') throw new Error('the model returned an empty answer');
    } catch (error) {
      if (signal.aborted) return;
      this.logger.warn({ err: error, timedOut: timeout.aborted }, 'LLM answer failed; falling back to the extractive answer');
      const fallback: ChatResponse = { ...extractive, fallback: true };
      if (sent !== '') yield { type: 'delta', text: '\n\n（模型回答中断，以下是根据原文整理的回答）\n' };
      for (const piece of fallback.answer.match(/[^\n]*\n?/gu) ?? []) if (piece) yield { type: 'delta', text: piece };
      yield { type: 'done', response: fallback };
      return;
    }
    yield { type: 'done', response: this.checkLlmAnswer(text, citations, prepared) };
  }

  /**
   * Checks a model's answer: markers pointing at no passage are dropped, citations are only the
   * passages cited, and quotations the article does not contain are flagged.
   */
  checkLlmAnswer(text: string, citations: Citation[], prepared: Pick<Prepared, 'query' | 'kind'>): ChatResponse {
    const warnings: AnswerWarning[] = [];
    const valid = new Set(citations.map((c) => c.n));
    for (const n of citationMarkers(text)) if (!valid.has(n)) warnings.push({ type: 'dropped_marker', text: `[${n}]` });
    const answer = rewriteMarkers(text, (n) => (valid.has(n) ? n : null)).trim();
    const used = new Set(citationMarkers(answer));
    for (const quoted of quotedSpans(answer)) {
      if (!this.verifier.verify(quoted).found) warnings.push({ type: 'unverified_quote', text: quoted });
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
}
