/**
 * The chat answerer: one product of three (answer, check, llm), and this file is its entry
 * (`QuestionAnswerer`). The folder owns answering a question about one article: which kind of
 * question it is (`question-kinds.ts`), whether the article answers it (`decide-coverage.ts`), the
 * verbatim citations (`select-citations.ts`, `citations.ts`) and every sentence written around them
 * (`compose-answer.ts`, `answer-templates.ts`), the conversation's context and the answer cache.
 *
 * May import: `src/corpus/`, `src/retrieval/`, `src/index/` (types), `src/check/` and `src/llm/`
 * through their public entries (`index.ts`) only. Outside, the HTTP layer (`src/server/`) and the
 * entries use its types (`answer-types.ts`), `QuestionAnswerer` and `AnswerCache`; `src/llm/` writes
 * with a few of its shared pieces (citations, answer types, templates); the checker never imports it.
 */
import type { Logger } from 'pino';
import { isQuietReading } from '../retrieval/everyday-words.js';
import type { Correction } from '../retrieval/correct-homophones.js';
import { pino } from 'pino';
import { foldText, hanCount } from '../corpus/normalize-text.js';
import type { Article, ArticleParagraph } from '../corpus/parse-article.js';
import type { SearchIndex } from '../index/load-index.js';
import type { QuestionAnalysis } from '../retrieval/analyze-question.js';
import type { ContextPassage } from '../retrieval/conversation-context.js';
import { definitionPattern } from '../retrieval/question-intent.js';
import type { RetrievedPassage, Retriever } from '../retrieval/retrieve.js';
import { phraseAround } from '../retrieval/weigh-terms.js';
import { answerNotCovered, composeLines, composeList } from './compose-answer.js';
import { DEFAULT_EXTRACTIVE_OPTIONS, selectCitations, selectListCitations } from './select-citations.js';
import { countedParts, paragraphsTakingUp, pointMarkers, pointPattern } from '../corpus/enumerated-points.js';
import { answerCacheKey, type AnswerCache } from './answer-cache.js';

import type { AnswerEvent, ChatRequest, ChatResponse } from './answer-types.js';
import { bestQuoteSpan, makeCitation, quoteCandidates, quotedSpans, type Citation } from './citations.js';
import { leadingSentences } from './answer-article.js';
import { anyOf, SPEECH_VERBS, WHO_WORDS } from '../retrieval/question-lexicon.js';
import type { QueryTerm } from '../retrieval/weigh-terms.js';
import { streamLlmAnswer, type LlmAnswerer, type StreamLimiter } from '../llm/index.js';
import { decideCoverage, prepareCoverage } from './decide-coverage.js';
import { answerTemplates, templatesOf } from './answer-templates.js';
import { QUESTION_KINDS, type PreparedAnswer, type QuestionKind, type QuestionKindContext } from './question-kinds.js';
import type { QuoteVerifier } from '../check/index.js';
import { answerContext } from './answer-context.js';
import { givesAnswerOfType } from '../retrieval/answer-type.js';
import { foldedArticle, inTitle } from './article-text.js';
import { judgeYesNoBy, yesNoAsked } from './judge-yes-no.js';
import { splitSentences } from '../corpus/split-sentences.js';

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

/** The experts a question names, in article order. */
function namedExperts(article: Article, analysis: QuestionAnalysis): string[] {
  return analysis.namedSpeakers.filter((name) => article.speakers.some((s) => s.name === name && s.role === 'expert'));
}

/** Words that ask how two views compare (`不同`, `一致`, `对比`), as a pattern source. */
const COMPARING = '不同|区别|差别|差异|异同|一致|一样|相同|相似|相近|对比|比较';
/**
 * The words that frame a comparison (`有什么不一样`, `有区别吗`, `两个人`, `各自`): how it asks, not
 * what it asks about.
 */
const COMPARISON_FRAME = new RegExp(`有什么不一样|不一样|${COMPARING}|两个人|两人|两位|二人|各自|分别`, 'gu');
/** A question that asks how the people it names compare. */
const ASKS_COMPARISON = new RegExp(COMPARING, 'u');

/**
 * A question comparing named experts (`李娜和刘畅各自强调的是什么？有区别吗`) is about its topic
 * (`短板`), not about the words of its frame: a quote that says `区别于…` or `两个…` does not speak
 * to it. The question's terms less those it uses only inside its comparison frame.
 */
function topicTerms(article: Article, analysis: QuestionAnalysis): QuestionAnalysis['terms'] {
  if (namedExperts(article, analysis).length < 2) return analysis.terms;
  const asked = foldText(analysis.query);
  const outsideFrame = asked.replace(COMPARISON_FRAME, (m) => '\u0000'.repeat(m.length));
  if (outsideFrame === asked) return analysis.terms;
  const terms = analysis.terms.terms.filter((t) => !asked.includes(t.text) || outsideFrame.includes(t.text));
  return terms.length === analysis.terms.terms.length ? analysis.terms : { ...analysis.terms, terms };
}

/** The paragraph whose text holds a quote (compared folded), or null. */
function paragraphHolding(article: Article, quote: string): ArticleParagraph | null {
  const folded = foldText(quote);
  if (folded === '') return null;
  return article.paragraphs.find((p) => foldText(p.text).includes(folded)) ?? null;
}

/**
 * A passage of the answer ranked first (its expert's turn in that part) makes the asked point: its
 * clause is what to quote, not point N of another answer on another topic.
 */
function makesPoint(passages: readonly RetrievedPassage[], point: number): boolean {
  const lead = passages.find((p) => p.role === 'expert');
  if (!lead) return false;
  return passages.some((p) => p.speaker === lead.speaker && p.sectionNumber === lead.sectionNumber && pointMarkers(p.text).some((m) => m.ordinal === point));
}


/**
 * What the last answer quoted (its context's passages), as the quotes a follow-up asking for more
 * leaves out: each passage and every run of its whole sentences, folded, so that a part of a
 * passage given before is not given again either.
 */
function quotedBefore(cited: readonly ContextPassage[]): string[] {
  const out: string[] = [];
  for (const c of cited) {
    const sentences = splitSentences(c.text);
    out.push(foldText(c.text));
    for (let i = 0; i < sentences.length; i++) {
      for (let j = i; j < sentences.length; j++) out.push(foldText(c.text.slice(sentences[i]!.start, sentences[j]!.end)));
    }
  }
  return out;
}

/** How many of a speaker's best passages are looked through for one that holds those words. */
const SAYER_PASSAGES = 8;

/** `谁谈到了…？`, `哪位说过…？`: a question asking who spoke of something (one person or several). */
const WHO_TALKED = new RegExp(`(?:${anyOf(WHO_WORDS)})(?:作了|做了|来|出面)?(?:${anyOf(SPEECH_VERBS)})`, 'u');
/** `是谁问聂长风打算修到什么时候？`: who asked the question, the host or the reporter. */
const WHO_ASKED = new RegExp(`(?:${anyOf(WHO_WORDS)})(?:问|提问|问起|问了|问过|发问)`, 'u');
/**
 * `有啥问题？`, `短板在哪？`: a question for what is wrong or lacking, not for what to do about it
 * (`怎么解决`, `有啥办法`).
 */
const ASKS_PROBLEMS = /问题|短板|不足|难题|困难|瓶颈|挑战|差距|弱项|劣势|难点|痛点|短处|毛病|缺点/u;
const ASKS_REMEDY = /解决|对策|办法|措施|举措|建议|怎么|咋|如何|补齐|弥补|应对|破解/u;
/** A question that is a bare term (`新质生产力？`, `“四地”？`). */
const BARE_TERM = /^"?(\p{Script=Han}{2,8})"?[?!。.\s]*$/u;
/** `在人才问题上`, `这个问题`: 问题 as the matter discussed, not something wrong. */
const MATTER = /问题(?:上|方面|中)|(?:这个|这一|那个)问题/gu;

/** Whether a (folded) question asks what is wrong or lacking: not a remedy, not a comparison. */
function asksForProblems(question: string): boolean {
  return ASKS_PROBLEMS.test(question.replace(MATTER, '')) && !ASKS_REMEDY.test(question) && !ASKS_COMPARISON.test(question);
}
/** How a sentence says something is wrong or lacking: preferred as the quote for {@link ASKS_PROBLEMS}. */
const SAYS_PROBLEM = /不足|不平衡|不充分|亟待|有限|欠缺|短板|薄弱|滞后|尚未|难以|较低|落后|差距|制约|瓶颈|不够|缺乏|短缺|不高|不强/u;

/**
 * Who asked something (`是谁问冼宁补贴应该怎么给？`) is the one whose question it is: a host's question
 * already cited is moved first; else the host's question that holds most of the question's words
 * (whole, its label aside), or, holding none, the one right before the first answer cited, leads.
 */
function questionBeforeAnswer(article: Article, citations: Citation[], terms: QueryTerm[]): Citation[] {
  const asked = citations.find((c) => article.paragraphs[c.paragraph]!.kind === 'host-question');
  if (asked) return renumbered([asked, ...citations.filter((c) => c !== asked)]);
  const scored = article.paragraphs
    .filter((p) => p.kind === 'host-question')
    .map((p) => ({ p, score: bestQuoteSpan(p, p.labelEnd, p.text.length, terms)?.score ?? 0 }))
    .sort((a, b) => b.score - a.score);
  const first = article.paragraphs[citations[0]!.paragraph]!;
  const before = article.paragraphs[first.id - 1];
  const best = scored[0] && scored[0].score > 0 ? scored[0].p : first.kind === 'expert-turn' && before?.kind === 'host-question' ? before : null;
  if (!best) return citations;
  const question = makeCitation(article, 1, best.id, best.labelEnd, best.text.length);
  return renumbered([question, ...citations]);
}

/** `涉及哪些行业`, `有哪几类企业`: which ones of a kind of thing, each named. */
const ASKS_WHICH_KIND = /(?:哪些|哪几个|哪几类|哪几种|哪几家)(?:行业|产业|领域|企业|城市|地区|地方|项目|平台|材料|指标|部门|单位|产品|技术|资源)/u;
/** Three or more names in a row (`金属冶炼、基础化工、藏毯绒纺`): a quote that names several. */
const NAMES_SEVERAL = /[\p{Script=Han}\w]{2,}(?:、[\p{Script=Han}\w]{2,}){2,}/u;

function asksWhoTalked(question: string): boolean {
  return WHO_TALKED.test(foldText(question));
}

/**
 * Who spoke of something the host only asked about (`柴师傅，您现在带了几个徒弟？` for
 * `谁谈到了收徒弟的要求？`) is who answered: when the first citation is a host's question, the
 * interviewee's turn right after it leads (its citations, or its sentence that speaks to the
 * question, if one does); the host's question follows.
 */
function answerBeforeQuestion(article: Article, citations: Citation[], terms: QueryTerm[]): Citation[] {
  const first = citations[0]!;
  const asked = article.paragraphs[first.paragraph]!;
  const answer = article.paragraphs[first.paragraph + 1];
  if (asked.kind !== 'host-question' || answer?.kind !== 'expert-turn') return citations;
  const cited = citations.filter((c) => c.paragraph === answer.id);
  const span = cited.length > 0 ? null : bestQuoteSpan(answer, answer.labelEnd, answer.text.length, terms);
  if (cited.length === 0 && (!span || span.score <= 0)) return citations;
  const lead = cited.length > 0 ? cited : [{ paragraph: answer.id, start: span!.start, end: span!.end }];
  const ordered = [...lead, ...citations.filter((c) => !cited.includes(c))];
  return ordered.map((c, i) => makeCitation(article, i + 1, c.paragraph, c.start, c.end));
}

export class QuestionAnswerer {
  private readonly opts: AnswerQuestionOptions;
  private readonly logger: Logger;

  private readonly limiter: StreamLimiter | null;
  private readonly cache: AnswerCache | null;
  private readonly cacheScope: string;

  constructor(
    private readonly index: SearchIndex,
    private readonly retriever: Retriever,
    private readonly verifier: QuoteVerifier,
    private readonly llm: LlmAnswerer | null = null,
    options: Partial<AnswerQuestionOptions> & {
      logger?: Logger;
      llmLimiter?: StreamLimiter;
      cache?: AnswerCache;
      /** What this answerer's cached answers are kept under (the article's id in a library). */
      cacheScope?: string;
    } = {},
  ) {
    const { logger, llmLimiter, cache, cacheScope, ...rest } = options;
    this.opts = { ...DEFAULT_ANSWER_OPTIONS, ...rest } satisfies AnswerQuestionOptions;
    this.logger = logger ?? pino({ level: 'silent' });
    this.limiter = llmLimiter ?? null;
    this.cache = cache ?? null;
    this.cacheScope = cacheScope ?? '';
  }

  get mode(): 'extractive' | 'llm' {
    return this.llm ? 'llm' : 'extractive';
  }

  /** Answers without streaming. */
  async answer(request: ChatRequest, signal: AbortSignal = new AbortController().signal, run: AnswerRunOptions = {}): Promise<ChatResponse> {
    for await (const event of this.stream(request, signal, run)) if (event.type === 'done') return event.response;
    throw new Error('answer stream ended without a done event');
  }

  /**
   * Answers as a stream: `citations` first, then `delta`s, then `done`. A conversation answered
   * before comes from the answer cache, when there is one, as the same events.
   */
  async *stream(request: ChatRequest, signal: AbortSignal, run: AnswerRunOptions = {}): AsyncGenerator<AnswerEvent> {
    // The cutoff is long-lived (the server's): it is relayed to a signal of this answer's own, since
    // `AbortSignal.any` over a long-lived signal keeps every composite alive in Node 20
    // (nodejs/node#55351), and a listener is removed when the answer ends.
    const cutoff = new AbortController();
    const relay = () => cutoff.abort();
    if (run.cutoff?.aborted) cutoff.abort();
    else run.cutoff?.addEventListener('abort', relay, { once: true });
    try {
      yield* this.cachedStream(request, signal, cutoff.signal);
    } finally {
      run.cutoff?.removeEventListener('abort', relay);
    }
  }

  private async *cachedStream(request: ChatRequest, signal: AbortSignal, cutoff: AbortSignal): AsyncGenerator<AnswerEvent> {
    if (!this.cache?.enabled) {
      yield* this.answerStream(request, signal, cutoff);
      return;
    }
    const key = answerCacheKey(request, this.mode, this.cacheScope);
    const cached = await this.cache.lookup(key);
    if (cached) {
      yield* this.emit(cached);
      return;
    }
    for await (const event of this.answerStream(request, signal, cutoff)) {
      // A stream the client left is not finished: only a `done` answer is kept.
      if (event.type === 'done' && !signal.aborted) this.cache.set(key, event.response);
      yield event;
    }
  }

  private async *answerStream(request: ChatRequest, signal: AbortSignal, cutoff: AbortSignal): AsyncGenerator<AnswerEvent> {
    // Only a model's rewrite of a follow-up waits on the signal: without a model none is combined.
    const prepared = await this.prepare(request, this.llm ? AbortSignal.any([signal, cutoff]) : signal);
    // Typing slips read as the article's words are said first, so a reader sees what was answered.
    const { corrections } = prepared.analysis;
    // Every answer carries what the next turn needs to read a follow-up (`context`).
    const withContext = (response: ChatResponse): ChatResponse => ({ ...response, context: answerContext(this.index.article, response, prepared.analysis) });
    const mended = (response: ChatResponse): ChatResponse =>
      withContext(corrections.length === 0 ? response : { ...response, answer: announced(corrections) + response.answer, corrections });
    if (prepared.finished) {
      yield* this.emit(mended(prepared.finished));
      return;
    }
    const extractive = mended(this.extractiveResponse(prepared));
    if (!this.llm || prepared.citations === null) {
      yield* this.emit(extractive);
      return;
    }
    if (cutoff.aborted) {
      yield* this.emit({ ...extractive, fallback: true });
      return;
    }
    // Past the cap on concurrent LLM streams (overall, or this client's), answer extractively rather than queue.
    const release = this.limiter ? await this.limiter.tryAcquire(request.client) : () => {};
    if (!release) {
      this.logger.warn({ limit: this.limiter!.limit, perClient: this.limiter!.perClient }, 'LLM stream cap reached; answering extractively');
      yield* this.emit({ ...extractive, fallback: true });
      return;
    }
    try {
      const events = streamLlmAnswer(
        { llm: this.llm, article: this.index.article, verifier: this.verifier, logger: this.logger, ...this.opts },
        { request, query: prepared.query, kind: prepared.kind, passages: prepared.passages, terms: prepared.analysis.terms.terms, extractive },
        signal,
        cutoff,
      );
      for await (const event of events) {
        yield event.type === 'done' ? { type: 'done', response: withContext(corrections.length > 0 ? { ...event.response, corrections } : event.response) } : event;
      }
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

  /**
   * Builds, before the first question, what answering this article needs whatever the question
   * (the homophone corrector's sounds, the coverage decision's tables, every passage's quotable
   * spans, all kept with the article), and runs one question through the extractive path so its
   * code is compiled. No model is asked and nothing is cached.
   */
  async warmUp(question: string): Promise<void> {
    const { article, chunks } = this.index;
    prepareCoverage(article);
    for (const c of chunks) quoteCandidates(article.paragraphs[c.paragraph]!, c.start, c.end);
    const prepared = await this.prepare({ messages: [{ role: 'user', content: question }], speaker: null }, new AbortController().signal);
    if (!prepared.finished) this.extractiveResponse(prepared);
  }

  /** Which kind of question ({@link QUESTION_KINDS}) answers a request: its name. */
  async questionKind(request: ChatRequest, signal: AbortSignal = new AbortController().signal): Promise<string> {
    return (await this.route(request, signal)).kind.name;
  }

  private async prepare(request: ChatRequest, signal: AbortSignal): Promise<PreparedAnswer> {
    return (await this.route(request, signal)).prepared;
  }

  /** Walks the kinds of question in order: the first that detects the question and answers it. */
  private async route(request: ChatRequest, signal: AbortSignal): Promise<{ kind: QuestionKind; prepared: PreparedAnswer }> {
    let analysis = this.retriever.analyzer.analyze(request.messages);
    let rewritten = false;
    for (const kind of QUESTION_KINDS) {
      if (kind.reads === 'rewritten' && !rewritten) {
        rewritten = true;
        analysis = await this.rewritten(request, analysis, signal);
      }
      if (!kind.detects(analysis)) continue;
      const prepared = await kind.answer(this.kindContext(request, analysis));
      if (prepared) return { kind, prepared };
    }
    throw new Error('no question kind answered: the last one answers every question');
  }

  /** With an LLM, a follow-up rewritten by the model, analysed again; else the analysis as it is. */
  private async rewritten(request: ChatRequest, analysis: QuestionAnalysis, signal: AbortSignal): Promise<QuestionAnalysis> {
    if (!this.llm || analysis.resolution === 'standalone') return analysis;
    const rewrite = await this.tryRewrite(request, analysis.question, signal);
    return rewrite === null ? analysis : this.retriever.analyzer.withQuery(analysis, rewrite, 'rewrite');
  }

  private kindContext(request: ChatRequest, analysis: QuestionAnalysis): QuestionKindContext {
    const { article } = this.index;
    let referenced: ArticleParagraph | null | undefined;
    const referencedParagraph = () =>
      (referenced ??=
        analysis.referencedPassage !== null
          ? (article.paragraphs[analysis.referencedPassage.paragraph] ?? null)
          : analysis.referencedText === null
            ? null
            : paragraphHolding(article, analysis.referencedText));
    return {
      article,
      verifier: this.verifier,
      request,
      analysis,
      referenced: referencedParagraph,
      answerFromPassages: () => this.answerFromPassages(request, analysis, referencedParagraph()),
    };
  }

  /** Retrieves passages for the question, decides whether they answer it and chooses the quotes. */
  private async answerFromPassages(request: ChatRequest, analysis: QuestionAnalysis, referenced: ArticleParagraph | null): Promise<PreparedAnswer> {
    const { article } = this.index;
    const { query, intent } = analysis;
    const none = { passages: [], citations: null, list: false, decision: null };
    const { passages } = await this.retriever.retrieve(analysis, {
      k: this.opts.passages,
      speaker: request.speaker ?? null,
      preferSpeakers: analysis.carriedSpeakers,
    });
    // Every expert the question names is answered for: each gets their own best few passages too.
    for (const name of namedExperts(article, analysis)) {
      if (request.speaker && request.speaker !== name) continue;
      for (const own of (await this.retriever.retrieve(analysis, { k: 2, speaker: name })).passages) {
        if (!passages.some((p) => p.paragraph === own.paragraph && p.start === own.start)) passages.push(own);
      }
    }
    const decision = decideCoverage(article, analysis, passages);
    const listComplete = (): PreparedAnswer => {
      // The list was whole and nothing else answers: say so rather than "not covered".
      const finished: ChatResponse = { answer: templatesOf(article).listComplete(referenced!.speaker), citations: [], mode: 'extractive', query, kind: 'topic', coverage: 'answered' };
      return { analysis, query, kind: 'topic', finished, ...none };
    };
    if (decision.coverage === 'none') {
      if (analysis.continuesList && referenced) return listComplete();
      // Asked of one speaker only (`speaker`), who says nothing on it: say so of them, not of the
      // interview, when the others do speak to it.
      if (request.speaker) {
        const everyone = (await this.retriever.retrieve(analysis, { k: this.opts.passages, preferSpeakers: analysis.carriedSpeakers })).passages;
        if (decideCoverage(article, analysis, everyone).coverage !== 'none') {
          const finished: ChatResponse = { answer: templatesOf(article).speakerSilent(request.speaker), citations: [], mode: 'extractive', query, kind: 'not_covered', coverage: 'none' };
          return { analysis, query, kind: 'not_covered', finished, ...none };
        }
      }
      return { analysis, query, kind: 'not_covered', decision, finished: null, passages, citations: null, list: false };
    }
    // `哪些嘉宾谈到了数字经济？`: every speaker whose words hold what is asked about is one of them.
    // (after the coverage decision: the passages added here are not what decided it)
    const sayers = intent.kind === 'topic' && !request.speaker ? await this.sayersOf(analysis, passages) : [];
    const focusSpeakers = [...new Set([...analysis.carriedSpeakers, ...analysis.namedSpeakers, ...sayers])];
    let citations: Citation[] | null = null;
    let list = false;
    // (`哪几项能源指标是全国领先的`: a sentence that names the items in one breath and counts them,
    // `A、B、C三项指标保持全国领先`, answers it better than the openings of a turn's paragraphs.)
    if (decision.coverage === 'answered' && intent.kind === 'topic' && intent.enumerates && !countedInOneSentence(article, passages, analysis)) {
      citations = selectListCitations(article, passages, focusSpeakers, analysis.terms.terms);
      list = citations !== null;
    }
    const alreadyQuoted = new Set(!analysis.asksForMore ? [] : analysis.context ? quotedBefore(analysis.context.cited) : request.messages.filter((m) => m.role === 'assistant').flatMap((m) => quotedSpans(m.content).map(foldText)));
    const asksProblems = intent.kind === 'topic' && asksForProblems(foldText(analysis.question));
    // `新质生产力？`: a bare term, where some passage retrieved says what it is, is asked to be defined.
    const bare = intent.kind === 'topic' && !intent.enumerates ? BARE_TERM.exec(foldText(analysis.question))?.[1] : undefined;
    const defines = bare === undefined ? null : definitionPattern(bare);
    const bareDefined = defines !== null && passages.some((p) => defines.test(foldText(article.paragraphs[p.paragraph]!.text)));
    citations ??= selectCitations(article, passages, topicTerms(article, analysis), {
      focusSpeakers,
      alreadyQuoted,
      query,
      // Whether the article answers was decided above; here only the quotes are chosen.
      minCoverageShare: 0,
      ...(sayers.length > 0 ? { maxCitations: Math.max(DEFAULT_EXTRACTIVE_OPTIONS.maxCitations, focusSpeakers.length) } : {}),
      ...(intent.kind === 'definition'
        ? { bonus: definitionPattern(intent.term) }
        : bareDefined
          ? { bonus: defines! }
          : intent.kind === 'topic' && analysis.askedPoint !== null && makesPoint(passages, analysis.askedPoint)
            ? { bonus: pointPattern(analysis.askedPoint) }
            : // (Among the sentences of the people named: a question naming no one keeps to its own words,
              // `最大的短板`, and is not given everyone who says something is lacking.)
              asksProblems && focusSpeakers.length > 0
              ? { bonus: SAYS_PROBLEM }
              : {}),
    });
    if (citations !== null && !list && asksWhoTalked(analysis.question)) citations = answerBeforeQuestion(article, citations, analysis.terms.terms);
    if (citations !== null && citations.length > 0 && !list && WHO_ASKED.test(foldText(analysis.question))) citations = questionBeforeAnswer(article, citations, analysis.terms.terms);
    // `李娜和刘畅都讲了青海的短板，侧重点有啥不同？` when 刘畅 never writes 短板: his turn right after
    // 李娜's on it, answering the same question, is what he says on it.
    if (citations !== null && !list) citations = withAnsweringNext(article, citations, namedExperts(article, analysis));
    // `新质生产力本质是啥`: a short question whose own word (`本质`) stands in one clause of a long quote
    // is answered with that clause, not the whole definition around it.
    // (So is `新质生产力本质是啥`, read as defining a term the article never writes, `新质生产力本质`.)
    // (Not a question of two (`…是哪几个城市？靠哪个城市群…？`): one clause answers one of them.)
    const asksTwo = /[?？]\s*\p{Script=Han}/u.test(analysis.question.trim());
    const asksClause = !asksTwo && (intent.kind === 'topic' ? !intent.enumerates : intent.kind === 'definition' && !foldedArticle(article).includes(foldText(intent.term)));
    if (citations !== null && !list && asksClause) citations = citations.map((c) => clauseAnswering(article, c, analysis) ?? c);
    // A question for a figure, a time or a place is answered by the quotes that give one, when some
    // do: the others would bury it (`规模多大？` beside sentences with no figure).
    if (citations !== null && !list && decision.coverage === 'answered' && analysis.expects.length > 0) {
      // (A place the headline names, the article's own subject, is not the one asked for when a quote
      // gives another: `哪个省的代表团` is 江苏, not 青海.)
      const asked = `${analysis.query} ${article.title}`;
      const giving = citations.filter((c) => analysis.expects.every((type) => givesAnswerOfType(c.quote, type, asked)));
      if (giving.length > 0 && giving.length < citations.length) citations = renumbered(giving);
    }
    // `传统产业改造涉及哪些行业？`: which ones of a kind is answered by the quotes that name several
    // (`金属冶炼、基础化工、藏毯绒纺、生物医药等`), when some do: the others only share the topic.
    if (citations !== null && !list && citations.length > 1 && ASKS_WHICH_KIND.test(foldText(analysis.question))) {
      const naming = citations.filter((c) => NAMES_SEVERAL.test(c.quote));
      if (naming.length > 0 && naming.length < citations.length) citations = renumbered(naming);
    }
    // A question for what is wrong or lacking is answered, for each person quoted, by their quotes that
    // say something is, when some do: a remedy beside them answers another question.
    if (citations !== null && !list && asksProblems && decision.coverage === 'answered') {
      const says = (c: Citation) => SAYS_PROBLEM.test(foldText(c.quote));
      const saying = citations.filter((c) => says(c) || !citations!.some((o) => o.speaker === c.speaker && says(o)));
      if (saying.length < citations.length) citations = renumbered(saying);
    }
    if (citations === null && analysis.continuesList && referenced) return listComplete();
    const kind = citations === null ? 'not_covered' : intent.kind === 'definition' ? 'definition' : 'topic';
    return { analysis, query, kind, decision, finished: null, passages, citations, list };
  }

  /**
   * For a question asking who said something: the speakers (experts, and the host unless the question
   * asks among the guests) with a paragraph among their best passages for it that holds its most telling
   * word (the heaviest of those in the best passage's paragraph). Their passages are added to `passages`.
   */
  private async sayersOf(analysis: QuestionAnalysis, passages: RetrievedPassage[]): Promise<string[]> {
    if (analysis.whoSaid === null) return [];
    const { paragraphs } = this.index.article;
    const best = passages[0];
    if (!best) return [];
    // Words of the question about the article itself (`文章`) are in no answer: what is asked about is
    // what the best passage's paragraph holds.
    const paragraphText = (p: RetrievedPassage) => foldText(paragraphs[p.paragraph]!.text);
    const terms = analysis.terms.terms.filter((t) => t.text.length > 1 && paragraphText(best).includes(t.text));
    // The most telling of them (`产业“四地”` is asked about by `四地`, which says it without `产业`),
    // with the words written next to it in the question: `清洁能源`, not `能源`.
    const heaviest = [...terms].sort((a, b) => b.weight - a.weight)[0];
    if (!heaviest) return [];
    const key = [phraseAround(foldText(analysis.query), heaviest.text, terms.map((t) => t.text))];
    const roles = analysis.whoSaid === 'experts' ? ['expert'] : ['expert', 'host'];
    const holds = (p: RetrievedPassage) => key.every((t) => paragraphText(p).includes(t));
    const sayers: string[] = [];
    for (const speaker of this.index.article.speakers.filter((s) => roles.includes(s.role))) {
      let own = passages.find((p) => p.speaker === speaker.name && holds(p));
      if (!own) {
        own = (await this.retriever.retrieve(analysis, { k: SAYER_PASSAGES, speaker: speaker.name })).passages.find(holds);
        if (own) passages.push(own);
      }
      if (own) sayers.push(speaker.name);
    }
    return sayers;
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

  private extractiveResponse(prepared: PreparedAnswer): ChatResponse {
    const { article } = this.index;
    if (prepared.citations === null) {
      return { answer: answerNotCovered(article), citations: [], mode: 'extractive', query: prepared.query, kind: 'not_covered', coverage: 'none' };
    }
    const { analysis } = prepared;
    const terms = [...topicTerms(article, analysis).terms].sort((a, b) => b.weight - a.weight).map((t) => t.text);
    const related = prepared.intro !== undefined || prepared.decision?.coverage === 'related';
    // A `related` answer opens by saying what the article does not give; the closest passages follow.
    const intro = prepared.intro !== undefined ? { intro: prepared.intro } : related ? { intro: templatesOf(article).related(prepared.decision!.missingFacts, prepared.decision!.elsewhere) } : {};
    // A yes/no question opens with its judgement, read from the cited sentences (or says the article
    // does not settle it, above them).
    // `李娜和魏晓强的看法一致吗？`, `…能对比一下吗`: compares two people, answered as a comparison, not judged.
    const compares = namedExperts(article, analysis).length >= 2 && ASKS_COMPARISON.test(analysis.question);
    const yesNo = !prepared.list && !related && !compares && prepared.kind === 'topic' ? yesNoAsked(analysis) : null;
    const judged = yesNo ? judgeYesNoBy(article, analysis, prepared.citations) : null;
    const verdict = judged?.verdict ?? null;
    const judgement = yesNo && verdict ? templatesOf(article).yesNoJudgement(verdict, yesNo) : '';
    // A settled yes or no is shown with the sentences that settle it, not beside others that only
    // share its words.
    const citations = judged && judged.by.length > 0 ? renumbered(judged.by) : prepared.citations;
    const lines = (given: { intro?: string }) => composeLines(article, citations, { namedExperts: namedExperts(article, analysis), terms, query: analysis.query, ...given });
    const answer = prepared.list
      ? composeList(article, prepared.citations)
      : verdict === 'unsettled'
        ? lines({ intro: judgement })
        : judgement + lines(intro);
    return {
      answer,
      citations,
      mode: 'extractive',
      query: prepared.query,
      kind: prepared.kind,
      coverage: related ? 'related' : 'answered',
    };
  }

}

/** Citations numbered in the order given, from 1. */
function renumbered(citations: readonly Citation[]): Citation[] {
  return citations.map((c, i) => ({ ...c, n: i + 1 }));
}

/** The question's terms beyond whom it names and what the whole article is about (its title's words). */
function askedTerms(article: Article, analysis: QuestionAnalysis): QueryTerm[] {
  const names = new Set(article.speakers.map((s) => s.name));
  return analysis.terms.terms.filter((t) => !names.has(t.text) && !inTitle(article, t.text));
}

/** A clause that only names a topic (`…方面`, `关于…`): what follows it is what is said. */
const TOPIC_HEADING = /^(?:在|关于|对于)?[^，。；]{0,24}方面$|^关于[^，。；]{0,24}$/u;
/** The first line saying how the question was read, for the readings worth saying (none: empty). */
function announced(corrections: readonly Correction[]): string {
  const said = corrections.filter((c) => !isQuietReading(c));
  return said.length === 0 ? '' : answerTemplates.readAs(said);
}

/** A quote longer than this may be cut to the one clause a short question asks about. */
const LONG_QUOTE = 80;
/** A question of at most this many characters is short enough to ask about one clause. */
const SHORT_QUESTION = 14;
/** Fewest Han characters besides the words asked about for a clause to say something of them. */
const MIN_CLAUSE_SAYING = 6;

/**
 * The clause of a long quote that holds every word a short question asks about beyond the article's
 * own subject (`本质` of `新质生产力本质是啥`), as a citation of its own, when exactly one clause does;
 * else null. A question of any length that asks for a fact (`…大基地项目总投资多少钱`) is answered
 * so by the one clause that holds its words and gives the fact.
 */
function clauseAnswering(article: Article, c: Citation, analysis: QuestionAnalysis): Citation | null {
  // (A longer question is answered so too when it asks for a figure, a date, a place… that the clause
  // gives, or for a name.)
  const short = [...analysis.question.replace(/[?？。!！\s]/gu, '')].length <= SHORT_QUESTION;
  const asksFact = !short && (analysis.expects.length > 0 || asksName(analysis.question));
  // (A fact asked for is given by its clause whatever the quote's length.)
  if ((c.end - c.start <= LONG_QUOTE && !asksFact) || (!short && !asksFact)) return null;
  const asked = askedTerms(article, analysis).map((t) => t.text).filter((t) => t.length >= 2);
  if (asked.length === 0) return null;
  const text = article.paragraphs[c.paragraph]!.text;
  const clauses: Array<{ start: number; end: number }> = [];
  let start = c.start;
  for (let i = c.start; i < c.end; i++) {
    if (/[,，;；。]/u.test(text[i]!)) {
      clauses.push({ start, end: i });
      start = i + 1;
    }
  }
  if (start < c.end) clauses.push({ start, end: c.end });
  const gives = (clause: string) => analysis.expects.every((type) => givesAnswerOfType(clause, type, analysis.query));
  const holding = clauses.filter((cl) => asked.every((t) => foldText(text.slice(cl.start, cl.end)).includes(t)) && (!asksFact || gives(text.slice(cl.start, cl.end))));
  // (`未来产业前瞻布局方面`: a clause naming the topic the sentence goes on to treat says nothing of it.)
  if (holding.length === 1 && TOPIC_HEADING.test(text.slice(holding[0]!.start, holding[0]!.end))) return null;
  if (holding.length === 1) {
    // `借鉴“揭榜挂帅”制度` for `揭榜挂帅`: a clause that is little more than the words asked about says
    // nothing of them; the clause after it, which does (`深入探索科技项目立项和组织管理方式`), goes with it.
    const own = holding[0]!;
    const bare = !asksFact && hanCount(text.slice(own.start, own.end)) - asked.reduce((n, t) => n + [...t].length, 0) < MIN_CLAUSE_SAYING;
    const next = clauses[clauses.indexOf(own) + 1];
    return makeCitation(article, c.n, c.paragraph, own.start, bare && next ? next.end : own.end);
  }
  if (holding.length === 0 && asksFact && analysis.expects.length > 0) {
    // The fact's clause in words of its own (`强化西宁、海西、海东、兰州等城市协同开放` for `加强哪几个城市的
    // 协同开放`): the one clause giving the fact that holds more of the asked words than any other, and
    // at least half of them.
    const scored = clauses
      .filter((cl) => gives(text.slice(cl.start, cl.end)))
      .map((cl) => ({ cl, held: asked.filter((t) => foldText(text.slice(cl.start, cl.end)).includes(t)).length }));
    const most = Math.max(0, ...scored.map((x) => x.held));
    const best = scored.filter((x) => x.held === most);
    if (best.length === 1 && most * 2 >= asked.length) return makeCitation(article, c.n, c.paragraph, best[0]!.cl.start, best[0]!.cl.end);
    // Two or three clauses side by side that tie (`引进落地了2000吨…项目，签约1万吨…项目` for `引进的和
    // 签约的各是多少吨`): the facts asked for together, given together.
    const at = best.map((x) => clauses.indexOf(x.cl));
    const adjacent = at.every((i, k) => k === 0 || i === at[k - 1]! + 1);
    if (best.length >= 2 && best.length <= MAX_TIED_CLAUSES && adjacent && most * 2 >= asked.length) {
      return makeCitation(article, c.n, c.paragraph, best[0]!.cl.start, best.at(-1)!.cl.end);
    }
  }
  return asksName(analysis.question) ? clauseNaming(article, c, analysis, clauses) : null;
}

/**
 * A named expert with no quote among the citations, whose turn comes right after (or right before)
 * the turn of a cited named expert, with no question between: that turn answers the same question,
 * and its opening sentences are cited for them. Only when the question names two experts or more
 * (a comparison): one named expert's silence is said as such.
 */
function withAnsweringNext(article: Article, citations: Citation[], named: readonly string[]): Citation[] {
  if (named.length < 2) return citations;
  const cited = new Set(citations.map((c) => c.speaker));
  const added: Citation[] = [];
  for (const name of named.filter((n) => !cited.has(n))) {
    for (const c of citations.filter((x) => named.includes(x.speaker))) {
      const neighbour = turnBeside(article, c.paragraph, name);
      if (neighbour === null) continue;
      const p = article.paragraphs[neighbour]!;
      const span = leadingSentences(p, p.labelEnd);
      added.push(makeCitation(article, 0, p.id, span.start, span.end));
      break;
    }
  }
  if (added.length === 0) return citations;
  return renumbered([...citations, ...added]);
}

/**
 * The first paragraph of `name`'s turn that directly follows the turn holding paragraph `at`, or of
 * the one directly before it: turns side by side under one question (no host or heading between).
 * Null when there is none.
 */
function turnBeside(article: Article, at: number, name: string): number | null {
  const { paragraphs } = article;
  const speaker = paragraphs[at]!.speaker;
  let after = at + 1;
  while (after < paragraphs.length && paragraphs[after]!.speaker === speaker) after++;
  if (paragraphs[after]?.speaker === name && paragraphs[after]!.role === 'expert') return after;
  let before = at - 1;
  while (before >= 0 && paragraphs[before]!.speaker === speaker) before--;
  if (paragraphs[before]?.speaker === name && paragraphs[before]!.role === 'expert') {
    while (before > 0 && paragraphs[before - 1]!.speaker === name) before--;
    return before;
  }
  return null;
}

/** Passages looked at for a sentence that names a list's items in one breath. */
const ONE_BREATH_LOOKAHEAD = 3;

/**
 * Whether one of the best passages has a sentence that names items in one breath and counts them
 * (`清洁能源装机占比、新能源装机占比、非水可再生能源消纳比重三项指标保持全国领先`) and holds the
 * question's most telling word and most of its weight: that sentence is the list asked for.
 */
function countedInOneSentence(article: Article, passages: readonly RetrievedPassage[], analysis: QuestionAnalysis): boolean {
  const terms = askedTerms(article, analysis);
  if (terms.length === 0) return false;
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  const heaviest = [...terms].sort((a, b) => b.weight - a.weight)[0]!;
  for (const passage of passages.slice(0, ONE_BREATH_LOOKAHEAD)) {
    const text = article.paragraphs[passage.paragraph]!.text;
    for (const s of splitSentences(text)) {
      if (s.end <= passage.start || s.start >= passage.end) continue;
      const sentence = text.slice(s.start, s.end);
      const parts = countedParts(sentence);
      // (A sentence that counts parts the speaker's next paragraphs take up one by one leads a list.)
      if (!parts || paragraphsTakingUp(article.paragraphs, passage.paragraph, parts)) continue;
      const folded = foldText(sentence);
      const held = terms.filter((t) => folded.includes(t.text)).reduce((sum, t) => sum + t.weight, 0);
      if (folded.includes(heaviest.text) && held * 2 > total) return true;
    }
  }
  return false;
}

/** Most clauses side by side that give asked facts together. */
const MAX_TIED_CLAUSES = 3;

/** `…叫什么名字`, `名称是什么`, `叫啥`: a question for the name of something. */
const ASKS_NAME = /叫(?:什么|啥)|什么名字|名字(?:是|叫)|名称(?:是|叫)?(?:什么|啥)/u;

function asksName(question: string): boolean {
  return ASKS_NAME.test(foldText(question));
}

/**
 * For a question asking what something is called (`…那个行动计划叫什么名字`): the clause of the quote
 * that names something in quotation marks (`深入实施‘昆仑英才’行动计划`) and holds more of the
 * question's weight than any other such clause; null when none does, or two tie.
 */
function clauseNaming(article: Article, c: Citation, analysis: QuestionAnalysis, clauses: ReadonlyArray<{ start: number; end: number }>): Citation | null {
  const text = article.paragraphs[c.paragraph]!.text;
  const terms = askedTerms(article, analysis).filter((t) => t.text.length >= 2);
  const scored = clauses
    .map((cl) => ({ ...cl, folded: foldText(text.slice(cl.start, cl.end)) }))
    .filter((cl) => /"[^"]{2,12}"/u.test(cl.folded))
    .map((cl) => ({ ...cl, weight: terms.filter((t) => cl.folded.includes(t.text)).reduce((sum, t) => sum + t.weight, 0) }))
    .sort((a, b) => b.weight - a.weight);
  const [best, next] = scored;
  if (!best || best.weight <= 0 || (next && next.weight >= best.weight)) return null;
  return makeCitation(article, c.n, c.paragraph, best.start, best.end);
}
