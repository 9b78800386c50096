import { COMPOUND_SURNAMES } from '../corpus/compound-surnames.js';
import { foldText } from '../corpus/normalize-text.js';
import type { Article } from '../corpus/parse-article.js';
import { rolesMentioned } from '../corpus/role-words.js';
import { EDITOR_NAME, type SpeakerRole } from '../corpus/speakers.js';
import { askedPoint } from '../corpus/enumerated-points.js';
import { expectedAnswerTypes, type AnswerType } from './answer-type.js';
import type { LexicalIndex } from './lexical-search.js';
import { articleHomophoneTable, askableNames, HomophoneCorrector, type Correction, type HomophoneTable } from './correct-homophones.js';
import { asksWhoSaid, classifyQuestion, type QuestionIntent } from './question-intent.js';
import { resolveFollowUp, type ConversationTurn } from './resolve-follow-up.js';
import { queryTerms, type QuestionTerms } from './weigh-terms.js';
import { anyOf, ASKS_FOR_MORE_WORDS, escapeRegExp } from './question-lexicon.js';
import { EverydayWords } from './everyday-words.js';
import { lastContext, readConversationContext, type ContextPassage, type ConversationState } from './conversation-context.js';

/** How a comparison is asked, apart from what it compares: `有哪些一致的地方`, `各自强调了什么`, `态度一样吗`. */
const COMPARISON_FRAME = /(?:有哪些|有什么|有啥)?(?:一致|相同|共同|不同|相似|相通)(?:的|之)地方|各自(?:都)?(?:强调|侧重|突出)(?:了|的是)?(?:什么|哪些|啥)?|(?:的)?(?:说法|态度|看法|观点|立场)(?:是否|是不是)?(?:一样|相同|一致)(?:吗|么)?/gu;

/** Role words a label may be (`主持人`, `记者`, `问`): no one's name. */
const ROLE_LABELS = new Set(['主持人', '本报记者', '记者', '主播', '解说', '旁白', '画外音', '编者', '问', '答']);
/**
 * `老蓝：` for 蓝志远, `小谭：` for 谭文博: the labels of two to four characters a speaker's turns are printed
 * under other than their name, each the label of that one speaker only.
 */
function labelNamesOf(article: Article): Map<string, string[]> {
  const owners = new Map<string, Set<string>>();
  for (const p of article.paragraphs) {
    const label = p.attribution.label;
    if (p.attribution.method !== 'label' || !label || label === p.speaker || ROLE_LABELS.has(label) || !/^[\p{Script=Han}]{2,4}$/u.test(label)) continue;
    owners.set(label, (owners.get(label) ?? new Set()).add(p.speaker));
  }
  const byName = new Map<string, string[]>();
  for (const [label, speakers] of owners) {
    if (speakers.size !== 1) continue;
    const speaker = [...speakers][0]!;
    byName.set(speaker, [...(byName.get(speaker) ?? []), label]);
  }
  return byName;
}

/**
 * `季处长` for 季文涛 whose title is `省海事局航标处处长`: the surname and the post that ends a speaker's title
 * (its last two characters, a head's post: 处长, 站长, 局长), when no other speaker of that surname holds it.
 */
function postNamesOf(article: Article): Map<string, string> {
  const byCall = new Map<string, string[]>();
  for (const s of article.speakers) {
    const title = s.title ? foldText(s.title) : '';
    if (!/[\p{Script=Han}]长$/u.test(title) || !/^[\p{Script=Han}]{2,4}$/u.test(s.name)) continue;
    const name = foldText(s.name);
    const surname = COMPOUND_SURNAMES.some((c) => name.startsWith(c) && name.length > 2) ? name.slice(0, 2) : name.slice(0, 1);
    const call = surname + title.slice(-2);
    byCall.set(call, [...(byCall.get(call) ?? []), s.name]);
  }
  return new Map([...byCall].filter(([, names]) => names.length === 1).map(([call, names]) => [names[0]!, call]));
}

/**
 * Reads a question once: what it asks, about whom, in which words. Retrieval and answering take the
 * analysis; nothing below re-classifies the question or looks for names again.
 */

/** How the query was formed from the conversation. */
export type QueryResolution = 'standalone' | 'pronoun' | 'ellipsis' | 'list-item' | 'rewrite';

export interface QuestionAnalysis {
  /** The last user message, trimmed. */
  question: string;
  /** What is searched: the question, or a follow-up made to stand on its own, typing slips mended. */
  query: string;
  /** Runs of the query that sounded like one of the article's words and were read as it (`硬道里` → 硬道理). */
  corrections: Correction[];
  resolution: QueryResolution;
  intent: QuestionIntent;
  /** Speakers the query names (in either script), in article order; `编者按` names the editor, `编者`. */
  namedSpeakers: string[];
  /** The roles the query refers to by word (主持人, 编者, 嘉宾…). */
  roles: SpeakerRole[];
  /** Speakers named, and the host or editor when their role word is used: whose passages retrieval prefers. */
  mentionedSpeakers: string[];
  /** Speakers carried over from earlier turns (a pronoun, an elliptical follow-up). */
  carriedSpeakers: string[];
  /** The query's weighted content words (names left out: they steer, they need not be matched). */
  terms: QuestionTerms;
  /** The question asks for more than was already said (`他还说了什么？`, `还有别的吗？`). */
  asksForMore: boolean;
  /** Kinds of fact the question asks for (`多少` a number, `哪一年` a time…), if any. */
  expects: AnswerType[];
  /** The item of the last list answer an ordinal follow-up points at (`第二点呢？`), verbatim, or null. */
  referencedText: string | null;
  /** `还有呢？` after a list answer: the list goes on after `referencedText`, its last item. */
  continuesList: boolean;
  /** `第六点呢？` after a list of five: how many items that list has (the answer says so); else null. */
  beyondList: number | null;
  /**
   * The numbered point of an expert's answer the question asks for (`第二要做的是什么？`, `那第三呢？`:
   * 2, 3), read from the question itself, not the resolved query; null when it asks for none or points
   * at an item of the last list answer instead.
   */
  askedPoint: number | null;
  /** Which people said something (`哪些嘉宾谈到了…？`): `experts` among the guests only, `all` with the host. */
  whoSaid: 'experts' | 'all' | null;
  /** The last answer's context, checked against the article, when the client sent it back; else null. */
  context: ConversationState | null;
  /** Where `referencedText` is in the article, when the context located it; else null. */
  referencedPassage: ContextPassage | null;
  /** The list an ordinal pointed into and the item it picked (from the context): the next turn counts in it too. */
  list: { items: ContextPassage[]; at: number } | null;
  /** What the conversation is about for the next turn: `query`, or the list's own question for an item of it. */
  topic: string;
  /** `还有呢？` after an answer that was not a list of points: the passages it cited, to go on from. */
  continuesCited: ContextPassage[] | null;
  /** A singular pronoun after an answer about several people: the ones it may stand for. */
  ambiguousPeople: string[] | null;
}

/** The fields a follow-up's resolution sets, carried unchanged when the query is rewritten. */
type FollowUpFields = Pick<QuestionAnalysis, 'referencedText' | 'continuesList' | 'beyondList' | 'context' | 'referencedPassage' | 'list' | 'continuesCited' | 'ambiguousPeople'>;

function followUpFields(analysis: QuestionAnalysis): FollowUpFields {
  const { referencedText, continuesList, beyondList, context, referencedPassage, list, continuesCited, ambiguousPeople } = analysis;
  return { referencedText, continuesList, beyondList, context, referencedPassage, list, continuesCited, ambiguousPeople };
}

function whoSaidIn(question: string): 'experts' | 'all' | null {
  const { asks, expertsOnly } = asksWhoSaid(question);
  return asks ? (expertsOnly ? 'experts' : 'all') : null;
}

/** Words of kin and of trade kin a question may ask a named person's relative by (`郑阿水的侄子`). */
const KIN_WORDS = '父亲|母亲|爸爸|妈妈|儿子|女儿|丈夫|妻子|爱人|老伴|哥哥|弟弟|姐姐|妹妹|侄子|侄女|外甥|外甥女|孙子|孙女|爷爷|奶奶|外公|外婆|师傅|徒弟|师父';

/** A follow-up that asks for more: quotes already given are left out. */
const ASKS_FOR_MORE = new RegExp(anyOf(ASKS_FOR_MORE_WORDS), 'u');

export class QuestionAnalyzer {
  /** People a question can name: experts and the host. */
  private readonly names: string[];
  /** The host's names: a pronoun stands for the experts an answer quotes before its host. */
  private readonly hosts: string[];
  /** Each speaker's other labels, the names they speak under (`老蓝` for 蓝志远). */
  private readonly labelNames: Map<string, string[]>;
  private readonly postNames: Map<string, string>;
  /** Built at the first question, from the index's table (or, without one, ~10 ms of jieba and pinyin for the article's words). */
  private corrector: HomophoneCorrector | null = null;
  /** The everyday words this article reads as its own, found at the first question. */
  private everyday: EverydayWords | null = null;
  /** The article's paragraphs folded, joined: read for the relatives a question asks about. */
  private foldedText: string | null = null;

  /**
   * @param homophones the article's homophone table as its index keeps it (computed at ingest);
   *   without it, built from the article at the first question
   */
  constructor(
    private readonly article: Article,
    private readonly lexical: LexicalIndex,
    private readonly homophoneTable: HomophoneTable | null = null,
  ) {
    this.names = askableNames(article);
    this.hosts = article.speakers.filter((s) => s.role === 'host').map((s) => s.name);
    this.labelNames = labelNamesOf(article);
    this.postNames = postNamesOf(article);
  }

  /** Analyses the last question of a conversation, resolving it against the earlier turns. */
  analyze(messages: ConversationTurn[]): QuestionAnalysis {
    const question = messages.at(-1)?.content.trim() ?? '';
    const sent = lastContext(messages);
    const context = sent ? readConversationContext(this.article, sent) : null;
    const resolved = resolveFollowUp(messages, this.names, { hosts: this.hosts, context, paragraphs: this.article.paragraphs });
    const analysis: QuestionAnalysis = {
      ...this.build(question, resolved.query, resolved.kind, resolved.carriedSpeakers),
      referencedText: resolved.referencedText ?? null,
      continuesList: resolved.continuesList ?? false,
      beyondList: resolved.beyondList ?? null,
      context,
      referencedPassage: resolved.referencedPassage ?? null,
      list: resolved.list ?? null,
      continuesCited: resolved.continuesCited ?? null,
      ambiguousPeople: resolved.ambiguousPeople ?? null,
    };
    if (resolved.topic) analysis.topic = resolved.topic;
    // `谁说的？` after a question on a topic: every expert who said it, named.
    if (resolved.asksWhoSaid && analysis.whoSaid === null) analysis.whoSaid = 'experts';
    // `第二点讲的是什么？` → `那具体要引进些什么？`: an elliptical follow-up stays on the point asked about.
    if (analysis.askedPoint === null && resolved.kind === 'ellipsis') {
      const previous = messages.slice(0, -1).reverse().find((m) => m.role === 'user');
      analysis.askedPoint = previous ? askedPoint(foldText(previous.content)) : null;
    }
    return analysis;
  }

  /** Analyses one question on its own (`/api/search`, the CLI). */
  analyzeQuery(query: string): QuestionAnalysis {
    return this.build(query.trim(), query, 'standalone', []);
  }

  /** The same question searched with another query (a model's rewrite of a follow-up). */
  withQuery(analysis: QuestionAnalysis, query: string, resolution: QueryResolution): QuestionAnalysis {
    return { ...this.build(analysis.question, query, resolution, analysis.carriedSpeakers), ...followUpFields(analysis), topic: analysis.topic === analysis.query ? query : analysis.topic };
  }

  private homophones(): HomophoneCorrector {
    if (!this.corrector) {
      const texts = this.article.paragraphs.map((p) => p.text);
      this.corrector = new HomophoneCorrector(texts, [], this.names, this.homophoneTable ?? articleHomophoneTable(this.article));
    }
    return this.corrector;
  }

  /**
   * The speaker a question means by `NAME的<kin>` (`郑阿水的侄子`, `柯德山的儿子`): the one the article
   * says is that relative (`郑国华是郑阿水的侄子`, `郑阿水的侄子郑国华`, `柯德山和儿子柯小川`); null when
   * it asks no relative or the article names none, or several.
   */
  private relativeAsked(folded: string, name: string): string | null {
    const kin = new RegExp(`${escapeRegExp(foldText(name))}的(${KIN_WORDS})`, 'u').exec(folded)?.[1];
    if (!kin) return null;
    const text = (this.foldedText ??= this.article.paragraphs.map((p) => foldText(p.text)).join('\n'));
    const own = foldText(name);
    const found = this.article.speakers.filter((s) => {
      const other = foldText(s.name);
      return other !== own && (text.includes(`${other}是${own}的${kin}`) || [`${own}的${kin}${other}`, `${own}和${kin}${other}`, `${own}与${kin}${other}`].some((says) => text.includes(says)));
    });
    return found.length === 1 ? found[0]!.name : null;
  }

  private build(question: string, typed: string, resolution: QueryResolution, carriedSpeakers: string[]): QuestionAnalysis {
    const mended = this.homophones().correct(typed);
    this.everyday ??= new EverydayWords(this.article.paragraphs.map((p) => p.text));
    const read = this.everyday.read(mended.text);
    const query = read.text;
    const corrections = [...mended.corrections, ...read.corrections];
    const folded = foldText(query);
    const roles = rolesMentioned(folded);
    // Names compared folded, as the question is: `鄭懷遠` of a Traditional text is asked about as `郑怀远` too.
    // `老蓝对女儿有什么期待？`: someone is named by the label they speak under too (`老蓝：`, `小谭：`, `晓燕：`).
    // `季处长怎么看……？`: someone is named by their surname and the post their title ends with (postNamesOf).
    const called = (s: { name: string }) => { const call = this.postNames.get(s.name); return call !== undefined && folded.includes(call); };
    const named = (s: { name: string }) => folded.includes(foldText(s.name)) || (this.labelNames.get(s.name) ?? []).some((label) => folded.includes(foldText(label))) || called(s);
    // `郑阿水的侄子为什么改开观光艇？`: a relative of someone named, whom the article names
    // (`郑国华是郑阿水的侄子`), is the one asked about, not the one named.
    const relatives = new Map(this.article.speakers.filter(named).flatMap((s) => {
      const relative = this.relativeAsked(folded, s.name);
      return relative ? [[s.name, relative] as const] : [];
    }));
    const asked = (s: { name: string }) => (named(s) && !relatives.has(s.name)) || [...relatives.values()].includes(s.name);
    const namedSpeakers = this.article.speakers.filter(asked).map((s) => s.name);
    const mentionedSpeakers = this.article.speakers
      .filter((s) => (s.name !== EDITOR_NAME && asked(s)) || (s.role !== 'expert' && roles.includes(s.role)))
      .map((s) => s.name);
    return {
      question,
      query,
      corrections,
      resolution,
      // A list-item follow-up's query leads with the item's text: the question itself says what is asked.
      intent: classifyQuestion(resolution === 'list-item' ? question : query, this.names, this.article.people),
      namedSpeakers,
      roles,
      mentionedSpeakers,
      carriedSpeakers,
      // (Not the words that frame a comparison, `一致的地方`, `各自强调了什么`: they name no topic.)
      terms: queryTerms(query.replace(COMPARISON_FRAME, '，'), this.lexical, new Set(this.names)),
      asksForMore: ASKS_FOR_MORE.test(question),
      expects: expectedAnswerTypes(query, this.names),
      referencedText: null,
      continuesList: false,
      beyondList: null,
      askedPoint: resolution === 'list-item' ? null : askedPoint(foldText(question)),
      whoSaid: whoSaidIn(question),
      context: null,
      referencedPassage: null,
      list: null,
      topic: query,
      continuesCited: null,
      ambiguousPeople: null,
    };
  }
}
