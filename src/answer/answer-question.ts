import type { Logger } from 'pino';
import { pino } from 'pino';
import { foldText } from '../corpus/normalize-text.js';
import type { SearchIndex } from '../index/load-index.js';
import type { QuestionAnalysis } from '../retrieval/analyze-question.js';
import { definitionPattern } from '../retrieval/question-intent.js';
import type { RetrievedPassage, Retriever } from '../retrieval/retrieve.js';
import {
  answerGreeting,
  answerNotCovered,
  answerPeople,
  composeLines,
  composeList,
  selectCitations,
  selectListCitations,
} from './answer-extractive.js';
import type { LlmAnswerer } from './answer-llm.js';
import { answerTemplates } from './answer-templates.js';
import type { AnswerEvent, AnswerWarning, ChatRequest, ChatResponse } from './answer-types.js';
import { textCheckerFor } from './check-text.js';
import {
  bestQuoteSpan,
  citationMarkers,
  leadSpan,
  makeCitation,
  MarkerStreamFilter,
  quotedSpans,
  rewriteMarkers,
  type Citation,
} from './citations.js';
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
  /**
   * The most characters a model's answer may have (the prompt asks for about 200): past it the
   * upstream is stopped and the answer is extractive, so a flooding upstream cannot fill the heap.
   */
  maxAnswerChars: number;
}

/** How one answer runs (beside the request itself). */
export interface AnswerRunOptions {
  /**
   * Aborted when the answer is needed now (the server's shutdown bound nears): a model that has not
   * finished gives way to the extractive answer, with `fallback: true`, as on a timeout.
   */
  cutoff?: AbortSignal;
}

export const DEFAULT_ANSWER_OPTIONS: AnswerQuestionOptions = { passages: 6, llmTimeoutMs: 20_000, maxAnswerChars: 8000 };

/** Quotations shorter than this in a model's answer are terms in quotes, not checked. */
const MIN_CHECKED_QUOTE = 4;

interface Prepared {
  analysis: QuestionAnalysis;
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

  constructor(
    private readonly index: SearchIndex,
    private readonly retriever: Retriever,
    private readonly verifier: QuoteVerifier,
    private readonly llm: LlmAnswerer | null = null,
    options: Partial<AnswerQuestionOptions> & { logger?: Logger; llmLimiter?: ConcurrencyLimiter } = {},
  ) {
    const { logger, llmLimiter, ...rest } = options;
    this.opts = { ...DEFAULT_ANSWER_OPTIONS, ...rest } satisfies AnswerQuestionOptions;
    this.logger = logger ?? pino({ level: 'silent' });
    this.limiter = llmLimiter ?? null;
  }

  get mode(): 'extractive' | 'llm' {
    return this.llm ? 'llm' : 'extractive';
  }

  /** Answers without streaming. */
  async answer(request: ChatRequest, signal: AbortSignal = new AbortController().signal, run: AnswerRunOptions = {}): Promise<ChatResponse> {
    for await (const event of this.stream(request, signal, run)) if (event.type === 'done') return event.response;
    throw new Error('answer stream ended without a done event');
  }

  /** Answers as a stream: `citations` first, then `delta`s, then `done`. */
  async *stream(request: ChatRequest, signal: AbortSignal, run: AnswerRunOptions = {}): AsyncGenerator<AnswerEvent> {
    // The cutoff is long-lived (the server's): it is relayed to a signal of this answer's own, since
    // `AbortSignal.any` over a long-lived signal keeps every composite alive in Node 20
    // (nodejs/node#55351), and a listener is removed when the answer ends.
    const cutoff = new AbortController();
    const relay = () => cutoff.abort();
    if (run.cutoff?.aborted) cutoff.abort();
    else run.cutoff?.addEventListener('abort', relay, { once: true });
    try {
      yield* this.answerStream(request, signal, cutoff.signal);
    } finally {
      run.cutoff?.removeEventListener('abort', relay);
    }
  }

  private async *answerStream(request: ChatRequest, signal: AbortSignal, cutoff: AbortSignal): AsyncGenerator<AnswerEvent> {
    const prepared = await this.prepare(request, AbortSignal.any([signal, cutoff]));
    if (prepared.finished) {
      yield* this.emit(prepared.finished);
      return;
    }
    const extractive = this.extractiveResponse(prepared);
    if (!this.llm || prepared.citations === null) {
      yield* this.emit(extractive);
      return;
    }
    if (cutoff.aborted) {
      yield* this.emit({ ...extractive, fallback: true });
      return;
    }
    // Past the cap on concurrent LLM streams (overall, or this client's), answer extractively rather than queue.
    const release = this.limiter ? this.limiter.tryAcquire(request.client) : () => {};
    if (!release) {
      this.logger.warn({ limit: this.limiter!.limit, perClient: this.limiter!.perClient }, 'LLM stream cap reached; answering extractively');
      yield* this.emit({ ...extractive, fallback: true });
      return;
    }
    try {
      yield* this.streamLlm(request, prepared, extractive, signal, cutoff);
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

  private async prepare(request: ChatRequest, signal: AbortSignal): Promise<Prepared> {
    const { article } = this.index;
    const { analyzer } = this.retriever;
    let analysis = analyzer.analyze(request.messages);
    const none = { passages: [], citations: null, list: false };
    if (analysis.intent.kind === 'greeting') {
      const { question } = analysis;
      const finished: ChatResponse = { answer: answerGreeting(article), citations: [], mode: 'extractive', query: question, kind: 'greeting' };
      return { analysis, query: question, kind: 'greeting', finished, ...none };
    }
    if (this.llm && analysis.resolution !== 'standalone') {
      const rewritten = await this.tryRewrite(request, analysis.question, signal);
      if (rewritten !== null) analysis = analyzer.withQuery(analysis, rewritten, 'rewrite');
    }

    const { query, intent } = analysis;
    if (intent.kind === 'people') {
      const people = answerPeople(article, analysis.namedSpeakers, analysis.roles.includes('host'));
      const finished: ChatResponse = { ...people, mode: 'extractive', query, kind: 'people' };
      return { analysis, query, kind: 'people', finished, ...none };
    }

    const { passages } = await this.retriever.retrieve(analysis, {
      k: this.opts.passages,
      speaker: request.speaker ?? null,
      preferSpeakers: analysis.carriedSpeakers,
    });
    const focusSpeakers = [...new Set([...analysis.carriedSpeakers, ...analysis.namedSpeakers])];
    let citations: Citation[] | null = null;
    let list = false;
    if (intent.kind === 'topic' && intent.enumerates) {
      citations = selectListCitations(article, passages, focusSpeakers);
      list = citations !== null;
    }
    const alreadyQuoted = new Set(
      analysis.asksForMore
        ? request.messages.filter((m) => m.role === 'assistant').flatMap((m) => quotedSpans(m.content).map(foldText))
        : [],
    );
    citations ??= selectCitations(article, passages, analysis.terms, {
      focusSpeakers,
      alreadyQuoted,
      ...(intent.kind === 'definition' ? { bonus: definitionPattern(intent.term) } : {}),
    });
    const kind = citations === null ? 'not_covered' : intent.kind === 'definition' ? 'definition' : 'topic';
    return { analysis, query, kind, finished: null, passages, citations, list };
  }

  private async tryRewrite(request: ChatRequest, question: string, signal: AbortSignal): Promise<string | null> {
    const timeout = AbortSignal.timeout(Math.min(5000, this.opts.llmTimeoutMs));
    try {
      const rewritten = await this.llm!.rewriteFollowUp(request.messages.slice(0, -1), question, AbortSignal.any([signal, timeout]));
      if (rewritten === null) this.logger.warn('the model\'s follow-up rewrite was not a plausible question; using the rule-based query');
      return rewritten;
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
      answer: prepared.list ? composeList(article, prepared.citations) : composeLines(article, prepared.citations),
      citations: prepared.citations,
      mode: 'extractive',
      query: prepared.query,
      kind: prepared.kind,
    };
  }

  /** The citation a model's `[n]` stands for: the passage's best quotable span for the question. */
  private passageCitations(prepared: Prepared): Citation[] {
    const { terms } = prepared.analysis.terms;
    return prepared.passages.map((p, i) => {
      const paragraph = this.index.article.paragraphs[p.paragraph]!;
      const span = bestQuoteSpan(paragraph, p.start, p.end, terms) ?? leadSpan(paragraph, p.end) ?? { start: p.start, end: p.end };
      return makeCitation(this.index.article, i + 1, p.paragraph, span.start, span.end);
    });
  }

  private async *streamLlm(
    request: ChatRequest,
    prepared: Prepared,
    extractive: ChatResponse,
    signal: AbortSignal,
    cutoff: AbortSignal,
  ): AsyncGenerator<AnswerEvent> {
    const citations = this.passageCitations(prepared);
    yield { type: 'citations', citations };

    const question = request.messages.at(-1)!.content;
    const messages = this.llm!.buildMessages(
      request.messages.slice(0, -1),
      prepared.query === question.trim() ? question : answerTemplates.resolvedQuestion(question, prepared.query),
      prepared.passages.map((p, i) => ({ n: i + 1, citation: citations[i]!, text: p.text })),
    );
    const timeout = AbortSignal.timeout(this.opts.llmTimeoutMs);
    const upstream = new AbortController();
    // The prompts are held back until they cannot be the start of an echo; then markers pointing at
    // no passage are held back until they can be dropped: neither is ever sent.
    const guard = new LeakGuard(this.llm!.fingerprint);
    const valid = new Set(citations.map((c) => c.n));
    const markers = new MarkerStreamFilter((n) => (valid.has(n) ? n : null));
    let text = '';
    let sent = '';
    try {
      for await (const delta of this.llm!.stream(messages, AbortSignal.any([signal, timeout, upstream.signal, cutoff]))) {
        text += delta;
        if (text.length > this.opts.maxAnswerChars) {
          upstream.abort();
          throw new Error(`the model answer exceeded ${this.opts.maxAnswerChars} characters`);
        }
        const safe = markers.push(guard.push(delta));
        if (guard.leaked) {
          upstream.abort();
          throw new Error('the model output repeated its prompt');
        }
        if (safe) {
          sent += safe;
          yield { type: 'delta', text: safe };
        }
      }
      const rest = markers.push(guard.flush()) + markers.flush();
      if (rest) {
        sent += rest;
        yield { type: 'delta', text: rest };
      }
      if (text.trim() === '') throw new Error('the model returned an empty answer');
    } catch (error) {
      if (signal.aborted) return;
      this.logger.warn({ err: error, timedOut: timeout.aborted, cutOff: cutoff.aborted }, 'LLM answer failed; falling back to the extractive answer');
      const fallback: ChatResponse = { ...extractive, fallback: true };
      if (sent !== '') yield { type: 'delta', text: answerTemplates.llmInterrupted };
      for (const piece of fallback.answer.match(/[^\n]*\n?/gu) ?? []) if (piece) yield { type: 'delta', text: piece };
      yield { type: 'done', response: fallback };
      return;
    }
    yield { type: 'done', response: this.checkLlmAnswer(text, citations, prepared) };
  }

  /**
   * Checks a model's answer: markers pointing at no passage are dropped, citations are only the
   * passages cited, and quotations the article does not contain, or credits to someone else than
   * the answer does, are flagged.
   */
  checkLlmAnswer(text: string, citations: Citation[], prepared: Pick<Prepared, 'query' | 'kind'>): ChatResponse {
    const warnings: AnswerWarning[] = [];
    const valid = new Set(citations.map((c) => c.n));
    for (const n of citationMarkers(text)) if (!valid.has(n)) warnings.push({ type: 'dropped_marker', text: `[${n}]` });
    const answer = rewriteMarkers(text, (n) => (valid.has(n) ? n : null)).trim();
    const used = new Set(citationMarkers(answer));
    // The whole-text checker: a quotation the article does not have word for word, or one put in
    // the wrong person's mouth (`马冠奎指出：“青海最大的短板……”` is 李娜's), is flagged.
    for (const q of textCheckerFor(this.index.article, this.verifier).check(answer).quotations) {
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
}
