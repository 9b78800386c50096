import { foldText } from '../corpus/normalize-text.js';
import type { Article, ArticleParagraph } from '../corpus/parse-article.js';
import type { QuestionAnalysis } from '../retrieval/analyze-question.js';
import { ANSWERED_BY, type ArticleIntent } from '../retrieval/question-intent.js';
import type { RetrievedPassage } from '../retrieval/retrieve.js';
import type { QuoteVerifier } from '../check/index.js';
import { answerArticle, leadingSentences, quotableSpans, type Span } from './answer-article.js';
import { pointMarkers } from '../corpus/enumerated-points.js';
import type { ContextPassage } from '../retrieval/conversation-context.js';
import { answerAttribution, answerMention, asksWhetherMentioned, attributionAsked, nearestSentence } from './answer-attribution.js';
import { answerPeople } from './answer-people.js';
import { answerTemplates, templatesOf } from './answer-templates.js';
import type { ChatRequest, ChatResponse } from './answer-types.js';
import { makeCitation, type Citation } from './citations.js';
import { answerGreeting } from './compose-answer.js';
import { deniesWords } from './judge-yes-no.js';
import type { CoverageDecision } from './decide-coverage.js';

/**
 * Every kind of question the answerer tells apart, in the order it tries them: how each is detected
 * (a predicate over the one `QuestionAnalysis`), what it targets, how it is answered, and questions
 * of the kind. `QuestionAnswerer.prepare` walks this table; `test/answer/question-kinds.test.ts`
 * asks every example and checks it is answered by its kind. A new kind is one entry here and its
 * examples.
 */

/** What a kind's answer leaves for the answerer: a finished answer, or citations or passages to write up. */
export interface PreparedAnswer {
  analysis: QuestionAnalysis;
  /** Whether the article answers (null for greetings and people questions, answered from structure). */
  decision: CoverageDecision | null;
  query: string;
  kind: ChatResponse['kind'];
  /** A finished answer (greeting, people, not covered), or null when passages must be answered. */
  finished: ChatResponse | null;
  passages: RetrievedPassage[];
  /** The extractive citations (null when the article does not answer). */
  citations: Citation[] | null;
  /** The citations are the points of a list, one a paragraph. */
  list: boolean;
  /**
   * A first line the kind says above the citations (`访谈中没有“……”这句原话。与之最相关的内容是：`):
   * they are the nearest passages, not the answer (coverage `related`).
   */
  intro?: string;
}

/** What a kind's answer is made from: the article, the question's analysis and the answerer's search. */
export interface QuestionKindContext {
  article: Article;
  verifier: QuoteVerifier;
  request: ChatRequest;
  analysis: QuestionAnalysis;
  /** The paragraph holding the list item a follow-up points at (`analysis.referencedText`), or null. */
  referenced(): ArticleParagraph | null;
  /** Retrieves passages for the question and answers from them (or says the article does not). */
  answerFromPassages(): Promise<PreparedAnswer>;
}

export interface QuestionKind {
  name: string;
  /** What the answer is taken from. */
  targets: string;
  /**
   * Which analysis the kind reads: the question as asked, or (with an LLM) the model's rewrite of a
   * follow-up. Every `as-asked` kind comes before the first `rewritten` one; the rewrite is made
   * once, before that first one is tried.
   */
  reads: 'as-asked' | 'rewritten';
  /** True when the question is of this kind. */
  detects(analysis: QuestionAnalysis): boolean;
  /** The answer; null when it cannot be given this way after all (the next kind is tried). */
  answer(context: QuestionKindContext): PreparedAnswer | null | Promise<PreparedAnswer | null>;
  /** Conversations (user turns, the last one asked) that this kind answers. */
  examples: ReadonlyArray<readonly string[]>;
}

/** A finished answer from the structure: no passages, citations or coverage decision to pass on. */
function finishedAnswer(analysis: QuestionAnalysis, query: string, finished: ChatResponse): PreparedAnswer {
  return { analysis, query, kind: finished.kind, finished, passages: [], citations: null, list: false, decision: null };
}

/** The most points a list's continuation gives. */
const MAX_MORE_POINTS = 6;

/** The paragraphs after a point in the same turn of the same speaker: where a list goes on. */
function followingPoints(article: Article, point: ArticleParagraph): ArticleParagraph[] {
  const out: ArticleParagraph[] = [];
  for (const p of article.paragraphs.slice(point.id + 1, point.id + 1 + MAX_MORE_POINTS)) {
    if (p.speaker !== point.speaker || p.kind !== 'expert-turn' || p.labelEnd > 0) break;
    out.push(p);
  }
  return out;
}

/** The pronoun a question asks about someone with. */
const PRONOUN = /他们|她们|他|她|这位专家|这位嘉宾|该专家|此人/u;
/** How many passages of the answer before a `还有呢？` goes on from, and how many quotes it gives. */
const MAX_CONTINUED = 3;

/**
 * `还有呢？` after an answer that quoted passages: what its first speaker says next, the sentences
 * after each passage of theirs in its paragraph, else the paragraph after it in the same turn. The
 * same speaker on the same topic, not other paragraphs found by searching again.
 */
function continuationOf(article: Article, cited: readonly ContextPassage[]): Span[] {
  const speaker = cited[0]?.speaker;
  const own = cited.filter((c) => c.speaker === speaker);
  const quotedUpTo = new Map<number, number>();
  for (const c of own) quotedUpTo.set(c.paragraph, Math.max(quotedUpTo.get(c.paragraph) ?? 0, c.end));
  const out: Span[] = [];
  for (const [id, end] of quotedUpTo) {
    const p = article.paragraphs[id]!;
    const from = end + (/^\s*/u.exec(p.text.slice(end))?.[0].length ?? 0);
    if (from < p.text.length - 1) out.push(leadingSentences(p, from));
    if (out.length >= MAX_CONTINUED) return out;
  }
  if (out.length > 0) return out;
  // Every quoted paragraph was quoted to its end: the turn's next paragraph goes on.
  const last = article.paragraphs[Math.max(...quotedUpTo.keys())];
  const next = last ? followingPoints(article, last)[0] : undefined;
  return next && !quotedUpTo.has(next.id) ? [leadingSentences(next)] : [];
}

/** Who answered one host question, as `第二个问题是谁回答的？` asks it of the article's structure. */
const WHO_ANSWERED: ArticleIntent = { kind: 'article', part: 'host-questions', ordinal: null, section: null, answeredBy: true, byContent: false, speakers: [] };

/** The kinds of question, in the order they are tried; the last answers every question. */
export const QUESTION_KINDS: readonly QuestionKind[] = [
  {
    name: 'greeting',
    targets: 'the article\'s greeting; a question with no Chinese is asked to be put in Chinese',
    reads: 'as-asked',
    detects: (analysis) => analysis.intent.kind === 'greeting',
    answer: ({ article, analysis }) => {
      if (analysis.intent.kind !== 'greeting') return null;
      // A question in another language is not answered (it asks for Chinese): coverage none.
      const foreign = analysis.intent.otherLanguage === true;
      const kind = foreign ? 'not_covered' : 'greeting';
      const { question } = analysis;
      return finishedAnswer(analysis, question, { answer: answerGreeting(article, analysis.intent.reply), citations: [], mode: 'extractive', query: question, kind, coverage: foreign ? 'none' : 'answered' });
    },
    examples: [['你好'], ['好的，谢谢'], ['Who is Li Na?']],
  },
  {
    name: 'which-person',
    targets: 'nothing: a singular pronoun after an answer about several people, when the conversation does not make clear which one (the list item just given, the one person the question before named, the one most of the answer quoted), asks which one is meant',
    reads: 'as-asked',
    detects: (analysis) => analysis.ambiguousPeople !== null,
    answer: ({ analysis }) => {
      const pronoun = PRONOUN.exec(analysis.question)?.[0] ?? '他';
      const answer = answerTemplates.whichPerson(pronoun, analysis.ambiguousPeople!);
      return finishedAnswer(analysis, analysis.query, { answer, citations: [], mode: 'extractive', query: analysis.query, kind: 'people', coverage: 'none' });
    },
    // With the context of the answer before (the page and the widget send it back).
    examples: [['有哪些嘉宾参加了这次访谈？', '她为什么这么说？'], ['哪些嘉宾谈到了数字经济？', '他还提到什么？']],
  },
  {
    name: 'beyond-list',
    targets: 'nothing: `第六点呢？` after a list of five says there is no sixth',
    reads: 'as-asked',
    detects: (analysis) => analysis.beyondList !== null,
    answer: ({ analysis }) =>
      finishedAnswer(analysis, analysis.query, { answer: answerTemplates.beyondList(analysis.beyondList!), citations: [], mode: 'extractive', query: analysis.query, kind: 'topic', coverage: 'none' }),
    examples: [['马冠奎一共说了几条？', '第六条呢？']],
  },
  {
    name: 'quote-attribution',
    targets: 'the places the quoted sentence is said, found as a quote check finds it, not searched for',
    reads: 'as-asked',
    detects: (analysis) => attributionAsked(analysis) !== null,
    answer: async ({ article, verifier, analysis, answerFromPassages }) => {
      const asked = attributionAsked(analysis)!;
      const attributed = answerAttribution(article, verifier, asked);
      // `“……”这个问题是哪位嘉宾回答的？`: the words are a question of the host's, and who answered it is
      // asked, as `关于开放的那个问题是谁回答的？` is.
      // (Words said nearly, not verbatim, may be nearest to an answer that restates them: the host's question among
      // the sentences nearest is the one asked about.)
      const asksAnswerer = attributed !== null && ANSWERED_BY.test(foldText(analysis.question));
      const question = asksAnswerer
        ? (attributed.citations.map((c) => article.paragraphs[c.paragraph]!).find((p) => p.kind === 'host-question') ?? article.paragraphs[attributed.citations[0]?.paragraph ?? -1])
        : undefined;
      if (question?.kind === 'host-question') {
        return finishedAnswer(analysis, analysis.query, { ...answerArticle(article, WHO_ANSWERED, question), mode: 'extractive', query: analysis.query, kind: 'article', coverage: 'answered' });
      }
      if (attributed) return finishedAnswer(analysis, analysis.query, { ...attributed, mode: 'extractive', query: analysis.query, kind: attributed.citations.length > 0 ? 'topic' : 'not_covered' });
      // Neither the words nor a sentence near them: said plainly, above the passages closest to them.
      const searched = await answerFromPassages();
      if (searched.finished || searched.citations === null) {
        const answer = templatesOf(article).quoteAbsent(asked.words, false);
        return finishedAnswer(analysis, analysis.query, { answer, citations: [], mode: 'extractive', query: analysis.query, kind: 'not_covered', coverage: 'none' });
      }
      // A sentence that says most of the words with others between them (`越是欠发达,越要深刻领会…,
      // 积极拥抱“新质生产力”`) is the one meant: who said it is answered, of that sentence.
      const near = nearestSentence(article, asked.words, () => true);
      if (near && near.recall >= SAYS_MOST) {
        const citation = makeCitation(article, 1, near.paragraph, near.start, near.end);
        if (citation.role !== 'unattributed') {
          // `刘畅有没有说过……？`: 是; `李娜是不是说过……？` said by someone else: 不是李娜.
          const askedAbout = asked.asked.filter((name) => article.speakers.some((s) => s.name === name));
          const intro = templatesOf(article).yesOrNo(askedAbout, [citation.speaker]) + templatesOf(article).quoteSaidLoosely(asked.words, citation.speaker);
          return { ...searched, citations: [citation], list: false, intro };
        }
      }
      // `李娜是不是说发展新质生产力就得把传统产业放一边？` when what she says nearest is `发展新质生产力
      // 不是忽视、放弃传统产业`: no, she said the opposite, which follows.
      const askedAbout = asked.asked.filter((name) => article.speakers.some((s) => s.name === name));
      const denial = askedAbout.length === 1 ? searched.citations.find((c) => c.speaker === askedAbout[0] && c.role !== 'unattributed' && deniesWords(c.quote, asked.words)) : undefined;
      if (denial) {
        const citation = { ...denial, n: 1 };
        return { ...searched, citations: [citation], list: false, intro: templatesOf(article).saidOpposite(asked.words, citation.speaker) };
      }
      // `“……”这个问题是谁提的，谁接的话？` in words of the reader's own: the host's question among the passages
      // nearest them is the one meant; who asked it and who answered it, said to be nearest, not verbatim.
      const hostQuestion = ANSWERED_BY.test(foldText(analysis.question))
        ? searched.citations.map((c) => article.paragraphs[c.paragraph]!).find((p) => p.kind === 'host-question')
        : undefined;
      if (hostQuestion) {
        const answered = answerArticle(article, WHO_ANSWERED, hostQuestion);
        const answer = `${templatesOf(article).quoteNearestQuestion(asked.words)}\n${answered.answer}`;
        return finishedAnswer(analysis, analysis.query, { ...answered, answer, mode: 'extractive', query: analysis.query, kind: 'article', coverage: 'answered' });
      }
      return { ...searched, intro: templatesOf(article).quoteAbsent(asked.words, true) };
    },
    examples: [
      ['“要因地制宜发展新质生产力”是谁说的？'],
      ['王中毅说过“新质生产力本身就是绿色生产力”吗？'],
      ['越是欠发达，越要深刻领会高质量发展的内涵，这句话是谁说的？'],
      ['李娜是不是说过新质生产力本身就是绿色生产力？'],
      ['刘畅说过青海的冬天特别漫长而且寒冷吗？'],
    ],
  },
  {
    name: 'mention',
    targets: 'the named person\'s words, for a word they never use: says so and quotes those who do',
    reads: 'as-asked',
    detects: (analysis) => asksWhetherMentioned(analysis) !== null,
    answer: ({ article, analysis }) => {
      const mentioned = answerMention(article, analysis);
      if (!mentioned) return null;
      return finishedAnswer(analysis, analysis.query, { ...mentioned, mode: 'extractive', query: analysis.query, kind: mentioned.citations.length > 0 ? 'topic' : 'not_covered' });
    },
    examples: [['任君有没有提到光伏？']],
  },
  {
    name: 'people',
    targets: 'the guest list and the host line: who someone is, who has an attribute, who took part (guests, interviewees, the people a report quotes), who wrote it',
    reads: 'rewritten',
    detects: (analysis) => analysis.intent.kind === 'people',
    answer: ({ article, analysis }) => {
      if (analysis.intent.kind !== 'people') return null;
      const asksHost = analysis.roles.includes('host') || analysis.intent.byline === true;
      const { matches, position } = analysis.intent;
      const people = answerPeople(article, { named: analysis.namedSpeakers, asksHost, matches, quoted: analysis.intent.quoted === true, question: analysis.question, ...(position ? { position } : {}) });
      // `任君是在哪所大学拿的博士学位？`: a person's past the article never gives (a guest list gives a post and a
      // degree, not where or on what): said first, then what the article does say of them.
      if (analysis.expects.includes('history') && analysis.namedSpeakers.length > 0) {
        const answer = `${templatesOf(article).historyNotGiven(analysis.namedSpeakers)}\n${people.answer}`;
        return finishedAnswer(analysis, analysis.query, { ...people, answer, mode: 'extractive', query: analysis.query, kind: 'people', coverage: 'related' });
      }
      return finishedAnswer(analysis, analysis.query, { ...people, mode: 'extractive', query: analysis.query, kind: 'people', coverage: 'answered' });
    },
    examples: [['李娜是谁？'], ['有哪些嘉宾参加了这次访谈？'], ['嘉宾里谁有博士学位？'], ['主持人是谁？'], ['来自社科院的是哪位？'], ['第一位嘉宾是谁？'], ['最后一位嘉宾叫什么名字？'], ['受访者是谁？'], ['记者是谁？'], ['这篇文章引用了谁的话？']],
  },
  {
    name: 'article',
    targets: 'the article\'s structure: headline, kicker, parts, the host\'s questions, the editor\'s note, who speaks where',
    reads: 'rewritten',
    detects: (analysis) => analysis.intent.kind === 'article',
    answer: ({ article, analysis, referenced }) => {
      if (analysis.intent.kind !== 'article') return null;
      const answered = answerArticle(article, analysis.intent, referenced(), analysis.terms.terms);
      return finishedAnswer(analysis, analysis.query, { ...answered, mode: 'extractive', query: analysis.query, kind: 'article', coverage: 'answered' });
    },
    examples: [['这篇文章的标题是什么？'], ['第二部分讲什么？'], ['主持人问了哪些问题？'], ['编者按说了什么？']],
  },
  {
    name: 'list-continuation',
    targets: 'the paragraphs after the last item of a list answer, in the same speaker\'s turn',
    reads: 'rewritten',
    detects: (analysis) => analysis.continuesList && analysis.referencedText !== null,
    answer: ({ article, analysis, referenced }) => {
      const point = referenced();
      if (!point) return null;
      const more = followingPoints(article, point).map((p, i) => {
        const span = leadingSentences(p);
        return makeCitation(article, i + 1, p.id, span.start, span.end);
      });
      if (more.length === 0) return null;
      return { analysis, query: analysis.query, kind: 'topic', decision: null, finished: null, passages: [], citations: more, list: true };
    },
    examples: [['马冠奎提出了哪几点建议？', '第二点呢？', '还有呢？'], ['王中毅讲了哪几个方面？', '第一点呢？', '还有呢？']],
  },
  {
    name: 'passage-continuation',
    targets: 'what the speaker of the last answer says right after the passages it quoted, in the same turn',
    reads: 'rewritten',
    detects: (analysis) => analysis.continuesCited !== null,
    answer: ({ article, analysis }) => {
      const spans = continuationOf(article, analysis.continuesCited!);
      if (spans.length === 0) return null;
      const citations = spans.map((span, i) => makeCitation(article, i + 1, span.paragraph.id, span.start, span.end));
      return { analysis, query: analysis.query, kind: 'topic', decision: null, finished: null, passages: [], citations, list: false };
    },
    // With the context of the answer before (the page and the widget send it back).
    examples: [['王中毅讲传统产业该怎么升级？', '还有呢？'], ['李娜说青海最大的短板是什么？', '还有呢？']],
  },
  {
    name: 'list-item',
    targets: 'the item of the last list answer an ordinal points at, from where it starts, in its speaker\'s words',
    reads: 'rewritten',
    detects: (analysis) => analysis.referencedText !== null && !analysis.continuesList,
    answer: ({ article, analysis, referenced }) => {
      const item = referenced();
      if (!item || analysis.referencedText === null) return null;
      const at = analysis.referencedPassage?.paragraph === item.id ? analysis.referencedPassage.start : foldText(item.text).indexOf(foldText(analysis.referencedText));
      const from = Math.max(at, item.labelEnd);
      // `第三点展开说说`: the whole point, to the next point of the same paragraph or its end, a
      // quote a sentence; else its opening sentences.
      const spans = EXPAND.test(foldText(analysis.question)) ? quotableSpans(item, from, pointEnd(item, from)).slice(0, MAX_EXPANDED_SPANS) : [leadingSentences(item, from)];
      const citations = spans.map((span, i) => makeCitation(article, i + 1, item.id, span.start, span.end));
      return { analysis, query: analysis.query, kind: 'topic', decision: null, finished: null, passages: [], citations, list: false };
    },
    examples: [['马冠奎提出了哪几点建议？', '第三点呢？']],
  },
  {
    name: 'definition',
    targets: 'retrieved passages, preferring the sentence that defines the term (`X是…`)',
    reads: 'rewritten',
    detects: (analysis) => analysis.intent.kind === 'definition',
    answer: ({ answerFromPassages }) => answerFromPassages(),
    examples: [['什么是新质生产力？']],
  },
  {
    name: 'list',
    targets: 'retrieved passages, answered point by point when one speaker\'s answer is a list',
    reads: 'rewritten',
    detects: (analysis) => analysis.intent.kind === 'topic' && analysis.intent.enumerates,
    answer: ({ answerFromPassages }) => answerFromPassages(),
    examples: [['马冠奎认为应该从哪几个方面提升青海的自主创新能力？']],
  },
  {
    name: 'topic',
    targets: 'retrieved passages: the best sentences per speaker, or a reply that the article does not say; a yes/no question opens with its judgement (`是。`, `没有。`, or that the article does not settle it), read from the cited sentences (judge-yes-no.ts)',
    reads: 'rewritten',
    detects: () => true,
    answer: ({ answerFromPassages }) => answerFromPassages(),
    examples: [
      ['青海发展新质生产力有哪些优势？'],
      ['哪些嘉宾谈到了数字经济？'],
      ['青海的红烧肉好吃吗？'],
      ['王中毅有没有谈到氢能？'],
      ['青海的三次产业已经全部完成智慧赋能了吗？'],
      // A pronoun after an answer mostly one guest's is that guest (with the context sent back).
      ['青海发展新质生产力有哪些优势？', '他为什么这么说？'],
    ],
  },
];

/** Share of the asked words' bigrams a sentence must hold to be the one they loosely quote. */
const SAYS_MOST = 0.7;

/**
 * `展开说说`, `具体讲讲`, `详细点`, and what was said or is to be done about it (`国内这块说了啥`,
 * `那块咋搞`): the whole of an item asked for, not its opening.
 */
const EXPAND = /展开|具体|详细|细说|详说|全部|完整|(?:说|讲|谈|提)了(?:啥|什么|些什么|哪些)|(?:怎么|咋)(?:说|讲|搞|做|办)|都有(?:啥|什么|哪些)/u;
/** Quotes of one expanded item at most (a point is a paragraph of a few sentences). */
const MAX_EXPANDED_SPANS = 6;

/** Where the point starting at `from` ends: the next point marker of its paragraph, or the paragraph's end. */
function pointEnd(p: ArticleParagraph, from: number): number {
  const next = pointMarkers(p.text).find((m) => m.at > from + 1);
  return next ? next.at : p.text.length;
}
