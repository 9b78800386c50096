import { foldText } from '../corpus/normalize-text.js';
import type { PersonProfile } from '../corpus/person-profile.js';
import { ROLE_WORDS, roleWordPattern } from '../corpus/role-words.js';
import { matchPeople, type PeopleMatch } from './match-people.js';
import { numeralValue } from '../corpus/enumerated-points.js';
import {
  ACKNOWLEDGEMENT_WORDS,
  anyOf,
  escapeRegExp,
  FIRST_WORDS,
  GOODBYE_WORDS,
  GREETING_WORDS,
  LAST_WORDS,
  ORDINAL_DIGIT,
  PART_DIGIT,
  QUESTION_ORDINAL_COUNTERS,
  SPEAKING_WORDS,
  SPEECH_VERBS,
  WHICH_PERSON_WORDS,
  WHO_PLURAL_WORDS,
  WHO_WORDS,
  YES_NO_FRAMES,
} from './question-lexicon.js';

/**
 * What kind of question this is, from its wording alone. Retrieval uses it to weigh passages
 * (a "who is" question wants the guest list, a "what is X" question wants the sentence defining X);
 * the answerer uses it to greet, to answer from the guest list, or to search.
 */
export type QuestionIntent =
  /**
   * `reply`: which pleasantry it is, so the answer fits it; `otherLanguage`: a question with no Chinese
   * in it (`Who is Li Na?`), which is not answered.
   */
  | { kind: 'greeting'; reply: GreetingReply; otherLanguage?: true }
  /** Who someone is, who took part, or who has an attribute (`matches`: the attributes it filters by). */
  /**
   * `byline`: who wrote the article (`这篇文章的作者是谁？`): its host reporter. `quoted`: whose words
   * the article quotes (`这篇报道引用了谁的话？`). `position`: one guest by place (`第一位嘉宾是谁？` → 1,
   * `最后一位嘉宾` → -1), in the guest list, or in the order they first speak when the question asks
   * who spoke (`第一个发言的嘉宾是谁？`).
   */
  | { kind: 'people'; matches: PeopleMatch[]; byline?: true; quoted?: true; position?: GuestPosition }
  /** About the article itself: its headline, kicker, parts, the host's questions, the editor's note. */
  | ArticleIntent
  | { kind: 'definition'; term: string }
  | { kind: 'topic'; enumerates: boolean };

/**
 * The parts of an article a question can ask about as such: its headline, kicker, parts' headings,
 * the host's questions, the editor's note; who speaks in a part (`section-speakers`), what a part
 * is about (`section-content`: its heading and the openings of its answers), which questions an
 * expert answered and how often they spoke (`expert-answers`), and what the whole article is about
 * (`overview`: the article's own framing, its headline, editor's note and headings).
 */
export type ArticlePart =
  | 'headline'
  | 'kicker'
  | 'sections'
  | 'host-questions'
  | 'editors-note'
  | 'section-speakers'
  | 'section-content'
  | 'expert-answers'
  | 'overview';

/** A question about the article's own structure. */
export interface ArticleIntent {
  kind: 'article';
  part: ArticlePart;
  /** `第二个问题` → 2, `最后一个` → -1; null when the question asks for all of them. */
  ordinal: number | null;
  /** `第二部分` → 2, `最后一部分` → -1; null when no part is named. */
  section: number | null;
  /** The question asks who answered (`第二个问题是谁回答的？`). */
  answeredBy: boolean;
  /** The question picks a host question by what it is about (`关于开放的那个问题是谁提的？`). */
  byContent: boolean;
  /** The people whose turns an `expert-answers` question counts (`刘畅发言了几次？`); empty otherwise. */
  speakers: string[];
  /** An `editors-note` question asking why the paper ran the piece (`报社组织这次讨论想达到什么效果？`). */
  purpose?: boolean;
}

/** A guest picked by place: `ordinal` 1, 2… or -1 for the last; `order` of the guest list or of speaking. */
export interface GuestPosition {
  ordinal: number;
  order: 'list' | 'speaking';
}

/**
 * `第一位嘉宾`, `第3个专家`, `最后一位嘉宾`, `第二个发言的嘉宾`: a guest by place. The counter (位/个/名)
 * and a guest word must both be there, so `第一个问题` or `第二部分` are not read as one.
 */
const GUEST_POSITION = new RegExp(
  `(?:第(${ORDINAL_DIGIT}{1,2})|(最后|末))(?:一)?(?:位|个|名)(?:(${anyOf(SPEAKING_WORDS)})的)?(?:是)?(?:哪位|哪一位|谁)?(?:嘉宾|专家)` +
    `|(?:嘉宾|专家)(?:名单|列表|简介)?(?:中|里|当中|上)?(?:的)?(?:排在?|列在?)?(?:第(${ORDINAL_DIGIT}{1,2})|(最后))(?:一)?(?:位|个|名)?` +
    // `最后一个发言的是谁？`, `第二个发言的是哪位？`: a place in speaking, no guest word needed.
    `|(?:第(${ORDINAL_DIGIT}{1,2})|(最后))(?:一)?(?:位|个|名)(${anyOf(SPEAKING_WORDS)})的`,
  'u',
);

/** The guest a question picks by place, when it asks who they are and nothing more; else null. */
export function guestPositionIn(folded: string): GuestPosition | null {
  const match = GUEST_POSITION.exec(folded);
  if (!match) return null;
  const digits = match[1] ?? match[4] ?? match[6];
  const ordinal = digits ? numeralValue(digits) : -1;
  if (!Number.isFinite(ordinal) || ordinal === 0) return null;
  // Nothing asked beyond who they are: `第一位嘉宾怎么看人才？` is a content question about them.
  const rest = folded.replace(match[0], '').replace(IDENTITY_WORDS, '').replace(/[^\p{Script=Han}]/gu, '');
  if (rest.length > MAX_PARTICIPANTS_RESIDUE) return null;
  return { ordinal, order: match[3] || match[8] || SPEAKS.test(folded) ? 'speaking' : 'list' };
}

/** Role words (主持人, 嘉宾…). */
const PEOPLE_WORDS = roleWordPattern();
/** Words for the guests (`嘉宾`, `专家`). */
const EXPERT_WORDS = roleWordPattern(['expert']);
/** Words for the host (`主持人`, `记者`). */
const HOST_WORDS = roleWordPattern(['host']);
/** A message of greetings, thanks or acknowledgements only (`嗯嗯，明白了`, `好的，谢谢`). */
const GREETING = new RegExp(`^(?:(?:${anyOf(GREETING_WORDS)})[!！。.,，~～呀啊哈呢吗?？\\s]*)+$`, 'u');
/** What a greeting is answered with: thanks, a goodbye, a bare `嗯`/`好的`, a hint to ask in Chinese, or hello. */
export type GreetingReply = 'thanks' | 'goodbye' | 'acknowledged' | 'other-language' | 'hello';

/** A reply that asks nothing: `嗯`, `好的`, `收到`, `ok`. */
const ACKNOWLEDGEMENT = new RegExp(`^(?:(?:${anyOf(ACKNOWLEDGEMENT_WORDS)})[!！。.,，~～啊呀哈\\s]*)+$`, 'u');

const GOODBYE = new RegExp(anyOf(GOODBYE_WORDS), 'iu');

/** Which reply a greeting gets, thanks and goodbyes before the rest. */
function greetingReply(question: string, otherLanguage: boolean): GreetingReply {
  if (/谢|感谢|thank|thx/iu.test(question)) return 'thanks';
  if (GOODBYE.test(question)) return 'goodbye';
  if (ACKNOWLEDGEMENT.test(foldText(question))) return 'acknowledged';
  return otherLanguage ? 'other-language' : 'hello';
}

/** A question with no Chinese, of three words or more (`Who is Li Na?`). */
const NOT_CHINESE = /^[^\p{Script=Han}]*\p{Script=Latin}{2,}(?:\s+\p{Script=Latin}+){2,}[^\p{Script=Han}]*$/u;

/**
 * True for a question asked in another language (`Who is Li Na?`): the article and its index are
 * Chinese, so the answer asks for Chinese (a few Latin words in a Chinese question, `RCEP是什么`,
 * or one, `AI`, are searched as usual).
 */
function asksInAnotherLanguage(question: string): boolean {
  return NOT_CHINESE.test(question.trim());
}
/**
 * `X是谁？`, `X是什么人？`, `X叫什么名字？`: who someone is, at the end of the question; or `谁是X？`
 * at its start.
 */
const IDENTITY = /(是谁|是哪位|是什么人|什么人|什么来头|简介|介绍一下|介绍下|身份|头衔|背景|叫什么(?:名字)?|的名字|姓什么)$|^(?:请问)?(?:谁是|哪位是)/u;
/** `…叫什么名字`, `…姓什么`: the name of someone described, at the end of the question. */
const ASKS_NAME_OF = /(?:叫什么(?:名字)?|叫啥(?:名字)?|姓什么|姓啥|名字是什么|名字叫什么|是哪位|是谁)[?？。!！]*$/u;
/** Words asking for an attribute of a person's title: where they work, in what post, with what degree. */
// (`单位` as someone's: `哪个单位`, `任君的单位`, `单位是…`; not `科研单位派人` in a content question.)
const ATTRIBUTE_WORDS = /((?:哪个|哪些|哪几个|哪几家|哪一个|什么|哪家|的|所在|工作)单位|^单位|单位(?:是|在)|职务|职位|职称|学位|学历|头衔|身份|任职|供职|就职|工作|来自|哪来|来的|处室|部门|担任|做什么的|干什么的|是干嘛的|干啥的|做啥的|是做啥|干哪行|是哪儿的|是哪里的|是哪的|什么岗位|什么职|哪个机构)/u;
/** Words of a question that asks who: a filter over people. */
const ASKS_WHO = new RegExp(`(${anyOf(WHO_WORDS, YES_NO_FRAMES)})`, 'u');
/**
 * The yes-no words among those: `有没有`, `是不是`, `…吗` ask whether, not who. With no person or role
 * word named they filter no one (`有没有专门帮一把的安排？` is a content question, even when a word of
 * it, `技术`, is also a piece of someone's organisation).
 */
const ASKS_WHO_PLAINLY = new RegExp(`(${anyOf(WHO_WORDS)})`, 'u');
/**
 * Words that make a "who" question about what was said (`是哪位嘉宾提出的？`, `谁谈到了人才？`):
 * a content question, whose answer names the speaker(s).
 */
const SPEECH_ACT = new RegExp(`(${anyOf(SPEECH_VERBS)})`, 'u');
/** Questions about who took part (with nothing asked about what they said). */
const PARTICIPANTS = /(有哪些嘉宾|嘉宾有|(?:嘉宾|专家)(?:都|分别)?(?:有|是)(?:哪几位|哪些|哪几个|谁)|哪些专家参加|哪几位专家|哪几位嘉宾|有哪些人参加|哪些人参加|参加访谈|参加了|参与了|接受采访|接受了采访|几位专家|几位嘉宾|有哪些专家|嘉宾是谁|专家是谁|都有谁|有谁|(?:受访者|受访人|被采访者|被访者|采访对象)(?:是谁|有谁|有哪些|是哪位|是哪几位)?|采访了(?:谁|哪些人|哪几位|哪位)|请了?(?:哪些人|哪几位|谁)|请的(?:都)?是(?:些)?(?:什么|哪些)人|(?:参加|参与)(?:讨论|访谈|座谈|对话|节目)的(?:都)?是(?:些)?(?:什么|哪些)人)/u;
/** Whose words the article quotes (`这篇报道引用了谁的话？`, `报道里被引用的人有哪些？`). */
const QUOTED_WHO = /((?:引用|引述|援引|转述)了?(?:谁|哪些人|哪几个人|哪几位|哪位|哪些人士|什么人)|被引用的(?:人|有|是)|(?:谁|哪些人|哪几位)的话被引用)/u;
/** Words of a "who took part" question besides its pattern: the article, counts, particles. */
const PARTICIPANTS_FILLER = /(报社|本报|报纸|编辑部|请来|这次|本次|这篇|此次|访谈|采访|文章|对话|讨论|圆桌|座谈|论坛|节目|邀请|一共|总共|共|都|有|哪些|哪几位|几位|多少|位|的|了|是|谁|吗|呢|人|请问|里|中|请|列出|说说|告诉我|分别|各自|些|什么|参加|参与)/gu;
const MAX_PARTICIPANTS_RESIDUE = 2;

/** What a "who took part" question asks besides who took part (Han characters left over). */
function participantsResidue(folded: string): string {
  // Where they come from (`都是哪些单位的`) the guest list says too.
  return folded
    .replace(new RegExp(PARTICIPANTS.source, 'gu'), '')
    .replace(new RegExp(PEOPLE_WORDS.source, 'gu'), '')
    .replace(new RegExp(ATTRIBUTE_WORDS.source, 'gu'), '')
    .replace(PARTICIPANTS_FILLER, '')
    .replace(/[^\p{Script=Han}]/gu, '');
}

/** Who the host is (`谁主持的？`, `主持人是谁？`, `谁是主持人？`, `主持人叫什么名字？`). */
/** Who wrote the article (`这篇文章的作者是谁？`, `是谁写的？`): its byline, the interview's host reporter. */
const ASKS_AUTHOR = /(作者是谁|谁是作者|作者叫什么|谁写的|谁采写|谁撰写|谁执笔|署名是谁|署的谁)/u;
const HOST_WHO = new RegExp(
  `(?:由?谁(?:主持|采访)|(?:${ROLE_WORDS.host.join('|')})(?:是(?:谁|哪位)|叫什么|的名字|姓什么)|^(?:请问)?(?:谁是|哪位是)(?:${ROLE_WORDS.host.join('|')}))`,
  'u',
);
/** Questions that ask for a list of points: answered point by point. */
/** (`哪些提升自主创新能力的建议`: what the points are about may stand between `哪些` and the points.) */
const ENUMERATION = /(哪几点|哪几条|(?:哪几|几)大?块(?!钱)|几点|几条|几项|哪[两三四五六]点|哪[两三四五六]条|(?:哪几|哪些|哪[两三四五六]|几)(?:个|大|项|条)?(?:方面|方向|途径|路径|举措|措施|做法|办法|对策|建议|抓手)|(?:哪几|哪些)(?:个|项|条)?[^,，。;；?？!！]{1,12}?的(?:方面|方向|途径|路径|举措|措施|做法|办法|对策|建议|抓手)|(?:有|提了?|提出了?)(?:啥|什么)(?:举措|措施|对策|建议))/u;
/**
 * `什么是X？`, `X是什么？`, and their everyday forms (`啥是X`, `X是啥意思`): X a short term, not a
 * clause (`青海最大的短板是什么` is a topic question).
 */
const DEFINITION = [
  /^(?:什么是|什么叫|啥是|啥叫|何为|何谓|请解释|解释一下)([^的,，]{2,10}?)[?？。]*$/u,
  // `李娜怎么定义新质生产力？`, `如何认识和理解"新质生产力"？` (quotes are folded to ")
  /^(?:[\p{Script=Han}]{2,4})?(?:怎么|如何|怎样)(?:认识和)?(?:定义|理解)"?([^的,，"]{2,10}?)"?[?？。]*$/u,
  // `新质生产力的定义是什么？`, `"新质生产力"的内涵指什么？`, `李娜怎么说新质生产力的定义？`
  /^(?:[\p{Script=Han}]{2,4}(?:怎么|如何|怎样)(?:说|讲|谈|解释|界定|介绍))?"?([^的,，"]{2,10}?)"?的?(?:定义|含义|内涵)(?:是什么|是啥|指什么|是指什么|为何)?[?？。]*$/u,
  /^([^的,，]{2,10}?)(?:到底)?(?:是什么|是啥|指什么|指啥|是指什么|指的是什么|指的是啥|什么意思|啥意思|是什么意思|是啥意思|的含义|的定义)[?？。]*$/u,
];

/** How a question names the parts of an article as such (the editor's note: see {@link articleIntent}). */
const ARTICLE_PARTS: ReadonlyArray<readonly [ArticlePart, RegExp]> = [
  ['kicker', /(栏目|副标题|眉题|引题|标题下面|标题下方|标题下)/u],
  ['sections', /(几个部分|哪几部分|哪几个部分|哪些部分|几部分|分成|分为|小标题|各部分|每个部分|每部分|章节|板块|部分的标题|部分的题目|部分讲|部分谈)/u],
  ['headline', /(大标题|标题|题目|篇名)/u],
];
/** The host's questions, as a question asks for them. */
const HOST_QUESTIONS = /(问题|提问|问了|发问|问的)/u;
/** `第二`, `第2`, `一开场`, `最后`: an ordinal. */
const ORDINAL = new RegExp(`(?:第(${ORDINAL_DIGIT}{1,2})(?:${anyOf(QUESTION_ORDINAL_COUNTERS)})?|(${anyOf(FIRST_WORDS)}))`, 'u');
const LAST = new RegExp(`(${anyOf(LAST_WORDS)})`, 'u');
/** `第二部分`, `第2个部分`, `最后一部分` (the last: no number). */
const SECTION = new RegExp(`第(${PART_DIGIT})(?:个)?部分|最后(?:一个|一)?部分`, 'u');
/** `那个问题是谁提的？`, `问的是什么？`: which of the host's questions, picked by its content. */
const ASKED_BY = /(谁提的|谁问的|是谁问|谁发问|提问者|问的是什么)/u;
/** `第二个问题是谁回答的？`, `谁接的话？`: who answered a question of the host's. */
export const ANSWERED_BY = /(谁(?:先|最先|首先)?回答|谁答|谁来回答|回答的是谁|谁(?:先|最先|首先)?作答|哪位(?:嘉宾|专家)?(?:先|最先|首先)?(?:回答|作答)|由谁回答|谁回应|谁接(?:的)?话)/u;

/** `参加这次对话的`, `参与讨论的`: those taking part, a way of naming the guests. */
const TAKING_PART = /(?:参加|参与)(?:了)?(?:这次|本次|此次)?(?:对话|访谈|讨论|座谈|节目|采访|圆桌)的/u;

/** The paper asked why it ran the piece (`报社组织这次讨论想达到什么效果`, `编辑部策划这个专题的目的`). */
const PAPERS_PURPOSE = /(?:报社|本报|报纸|编辑部|编辑|编者|媒体)[^,，。?？]{0,6}(?:组织|策划|推出|刊发|发起|开展|做)[^?？]{0,14}(?:目的|效果|想达到|意图|初衷|用意|为了什么|为什么|为何)/u;

/** The part of the article a question names (`第二部分`), as written, or null. */
export function sectionIn(folded: string): string | null {
  return SECTION.exec(folded)?.[0] ?? null;
}

/** The part a question names: `第二部分` → 2, `最后一部分` → -1, or null. */
function sectionNumberIn(folded: string): number | null {
  const match = SECTION.exec(folded);
  if (!match) return null;
  return match[1] ? numeralValue(match[1]) : -1;
}

/** The ordinal a question uses (`第二个` → 2, `最后一个` → -1, `一开场` → 1), or null; a part it names is not one. */
export function ordinalIn(folded: string): number | null {
  const rest = folded.replace(SECTION, '');
  if (LAST.test(rest)) return -1;
  const match = ORDINAL.exec(rest);
  if (!match) return null;
  return match[1] ? numeralValue(match[1]) : 1;
}

/** Words of a question asking who a guest picked by place is. */
const IDENTITY_WORDS = /(请问|这次|本次|访谈|采访|文章|中|里|的|是|谁|哪位|叫什么|名字|什么人|介绍一下|介绍|身份|什么职务|什么职位|哪个单位|什么单位|职务|职位|头衔|单位|呢|吗|来自|哪里|发言|出场|登场|作答|回答)/gu;

/** Words that ask for someone to speak at all, with no topic: `发言`, `作答`. */
const SPEAKS = new RegExp(`(${anyOf(SPEAKING_WORDS)})`, 'u');
/** Who, among people (`谁`, `哪几位专家`, `哪几个人`). */
const ASKS_WHOM = new RegExp(`(${anyOf(WHO_WORDS, WHICH_PERSON_WORDS)})`, 'u');
/** How often, or which of the host's questions or parts: what a count of someone's turns answers. */
const HOW_OFTEN = /(几次|多少次|几回|多少回|几个问题|几道|哪几个问题|哪个问题|哪一个问题|哪些问题|什么问题|哪道|哪几道|哪几部分|哪几个部分|哪些部分|哪个部分|几个部分)/u;
/** Words asking what something is about (`讲什么`, `主要内容`, `主旨`), never for its title. */
const ABOUT_WHAT = /(讲什么|讲了什么|讲的是什么|讲了啥|讲啥|谈什么|谈了什么|谈的是什么|谈了啥|说什么|说了什么|说的是什么|说了啥|写什么|写了什么|写的是什么|写了啥|内容|主旨|主题|大意|意思|要点|中心思想|核心观点|主要观点|总结|概括|概述|归纳|围绕什么|关于什么|介绍|讨论|探讨|议题|话题|聚焦|核心|重点)/u;
/** Words for a title: a question with them asks for a heading, not what the part says. */
const TITLE_WORDS = /(标题|题目|叫什么|名字|名称)/u;
/** Words for the article as a whole (`这篇文章`, `全文`, `这次访谈`). */
const WHOLE_ARTICLE = /(这篇文章|这篇访谈|这篇|这次访谈|本次访谈|此次访谈|这次采访|这次对话|全文|本文|整篇文章|整篇|全篇|文章|访谈|采访|对话|报道)/u;
/**
 * Words of a structural question besides what it asks: particles, politeness, `一下`, `一句话`.
 * What is left once these and the question's own pattern are removed is what it asks about beyond
 * the structure (`人才培养`): then it is a content question.
 */
const STRUCTURE_FILLER = /(整个|整场|全部|一共|总共|共|一下|一句话|一段话|几句话|简单|简要|大概|大致|主要|分别|各自|都|有|些|在|里|中|的|了|过|是|吗|呢|啊|用|请问|请|帮我|给我|说说|告诉我|什么|啥|哪些|哪几|哪|一)/u;
/** Han characters a structural question may have besides its words: a stray particle or two. */
const MAX_STRUCTURE_RESIDUE = 1;

/** Han characters of a question left once every match of `patterns` and of the structural filler is removed. */
function structureResidue(folded: string, patterns: readonly RegExp[]): number {
  let rest = folded;
  for (const pattern of [...patterns, STRUCTURE_FILLER]) rest = rest.replace(new RegExp(pattern.source, 'gu'), '');
  return rest.replace(/[^\p{Script=Han}]/gu, '').length;
}

/** A question about the article itself (its headline, parts, the host's questions…), or null. */
function articleIntent(folded: string, mentionsHost: boolean, names: readonly string[]): ArticleIntent | null {
  const section = sectionNumberIn(folded);
  // `第一位嘉宾怎么看人才问题？`: the ordinal picks a guest, not one of the host's questions.
  const ordinal = GUEST_POSITION.test(folded) ? null : ordinalIn(folded);
  const answeredBy = ANSWERED_BY.test(folded);
  const intent = (part: ArticlePart, fields: Partial<ArticleIntent> = {}): ArticleIntent => ({
    kind: 'article',
    part,
    ordinal,
    section,
    answeredBy: false,
    byContent: false,
    speakers: [],
    ...fields,
  });
  // `刘畅发言了几次？`, `李娜回答了哪几个问题？`: a named person's turns, counted from the structure.
  const speakers = names.filter((n) => folded.includes(n));
  if (speakers.length > 0 && SPEAKS.test(folded) && HOW_OFTEN.test(folded)) {
    const others = speakers.map((n) => new RegExp(n, 'u'));
    if (structureResidue(folded, [SECTION, SPEAKS, HOW_OFTEN, WHOLE_ARTICLE, HOST_WORDS, /(和|与|跟|及|各|每人|分别)/u, ...others]) <= MAX_STRUCTURE_RESIDUE) {
      return intent('expert-answers', { speakers, ordinal: null });
    }
  }
  // The host's questions: `主持人问了哪些问题`, `第一个问题是什么`, `第二部分的第二个问题是谁回答的`.
  if (HOST_QUESTIONS.test(folded) && (mentionsHost || ordinal !== null || section !== null) && (!SPEECH_ACT.test(folded.replace(ANSWERED_BY, '')) || mentionsHost)) {
    return intent('host-questions', { answeredBy });
  }
  // `关于扩大对外开放的那个问题是谁提的？`, `构建新型生产关系那部分是谁答的？`: one of the host's
  // questions, found by what it (or its part) is about, and who asked or answered it.
  if (/问题|部分/u.test(folded) && (ASKED_BY.test(folded) || ANSWERED_BY.test(folded)) && ordinal === null && section === null) {
    return intent('host-questions', { ordinal: null, answeredBy, byContent: true });
  }
  if (section !== null) {
    // `第二部分有哪些嘉宾发言？`, `第一部分的嘉宾是谁？`: the experts who answer in that part, nothing asked beyond who.
    if (ASKS_WHOM.test(folded) && (SPEAKS.test(folded) || EXPERT_WORDS.test(folded))) {
      if (structureResidue(folded, [SECTION, SPEAKS, ASKS_WHOM, PEOPLE_WORDS, WHOLE_ARTICLE, /(问题|人)/u]) <= MAX_STRUCTURE_RESIDUE) return intent('section-speakers', { ordinal: null });
    }
    // `第三部分讲什么？`: what a part is about, not its title.
    if (!TITLE_WORDS.test(folded) && structureResidue(folded, [SECTION, ABOUT_WHAT, WHOLE_ARTICLE, /(讲|谈|说|写)/u]) <= MAX_STRUCTURE_RESIDUE) {
      return intent('section-content', { ordinal: null });
    }
  }
  // `报社组织这次讨论，想达到什么效果？`: why the paper ran the piece, which its own note says.
  if (PAPERS_PURPOSE.test(folded)) return intent('editors-note', { purpose: true });
  // `编者按说了什么？`, `编者按的主要意思是什么？`: the note as a whole, nothing asked about in it.
  if (/编者按/u.test(folded) && structureResidue(folded, [/编者按/u, ABOUT_WHAT, WHOLE_ARTICLE, /(讲|谈|说|写|提)/u]) <= MAX_STRUCTURE_RESIDUE) {
    return intent('editors-note');
  }
  for (const [part, pattern] of ARTICLE_PARTS) {
    // `哪些部分谈到了人才？` asks where a topic is discussed: a content question, answered with who
    // says it (each citation names its part), not with the list of headings.
    if (part === 'sections' && SPEECH_ACT.test(folded) && structureResidue(folded, [pattern, SPEECH_ACT, WHOLE_ARTICLE, /(哪些|哪几个|哪个|了)/u]) > MAX_STRUCTURE_RESIDUE) continue;
    // `最后一部分的标题`: the part names which heading, not an ordinal of the list.
    if (pattern.test(folded)) return intent(part, { ordinal: section === null ? ordinal : null });
  }
  // `第一部分里说新质生产力是什么？`: a part named with more asked; its heading says what it is about.
  if (section !== null && /(讲什么|讲的是什么|谈什么|是什么|关于什么|主题)/u.test(folded)) return intent('sections', { ordinal: null });
  // `总结一下这篇文章`, `这篇文章的主旨是什么`, `用一句话概括`: the whole article, nothing else named.
  if (section === null && ABOUT_WHAT.test(folded) && structureResidue(folded, [ABOUT_WHAT, WHOLE_ARTICLE]) <= MAX_STRUCTURE_RESIDUE) {
    return intent('overview', { ordinal: null });
  }
  return null;
}

/**
 * Classifies a question. `names` are the people of the article (experts and host): "X是谁" is a
 * question about people only when X is one of them or a role word (主持人, 嘉宾…). `people` are
 * their parsed titles: a question that filters people by an attribute (`谁有博士学位？`,
 * `哪几位来自高校？`) is a question about people; one that asks who said something
 * (`是哪位嘉宾提出的？`) or merely mentions 嘉宾 is a content question.
 */
export function classifyQuestion(question: string, names: string[] = [], people: readonly PersonProfile[] = []): QuestionIntent {
  const folded = foldText(question).replace(/[?？!！。.,，]+$/u, '');
  if (asksInAnotherLanguage(question)) return { kind: 'greeting', reply: greetingReply(question, true), otherLanguage: true };
  if (folded === '' || GREETING.test(folded)) return { kind: 'greeting', reply: greetingReply(question, false) };
  const namesPerson = names.some((n) => folded.includes(n));
  // The host by role word or by name (`秦睿问了哪些问题？`).
  const mentionsHost = HOST_WORDS.test(folded) || people.some((p) => p.role === 'host' && folded.includes(p.name));
  const article = articleIntent(folded, mentionsHost, names);
  if (article) return article;
  const position = guestPositionIn(folded);
  if (position) return { kind: 'people', matches: [], position };

  // `这篇报道引用了谁的话？`: the people the text quotes, from its structure.
  if (QUOTED_WHO.test(folded)) return { kind: 'people', matches: [], quoted: true };
  // `马冠奎说…按照谁的工作部署…`: a named person followed by `说` reports what they said.
  const saysSomething = SPEECH_ACT.test(folded) || names.some((n) => new RegExp(`${n}(?:还|又|也|曾)?说(?!说)`, 'u').test(folded));
  // `科技厅的马冠奎和青海大学的任君思路一样吗？`: an attribute written before a name it belongs to
  // (`社科院的刘畅`, matched as 社科) describes that person, and asks nothing about people.
  const describes = (term: string) => names.some((n) => new RegExp(`${escapeRegExp(term)}\\p{Script=Han}{0,3}?(?:的|那位|这位)${escapeRegExp(n)}`, 'u').test(folded));
  const matches = matchPeople(folded, people).filter((m) => !(m.terms.length > 0 && m.terms.every(describes)));
  const picksSomeone = matches.some((m) => m.names.length > 0);
  const asksAttribute = ATTRIBUTE_WORDS.test(folded);
  if (!saysSomething) {
    if (HOST_WHO.test(folded)) return { kind: 'people', matches: [] };
    if (ASKS_AUTHOR.test(folded)) return { kind: 'people', matches: [], byline: true };
    // `李娜是谁？`, `主持人是谁？`, `刘畅在哪个单位工作？`, `刘畅是研究员吗？`
    // (`马冠奎是省发改委的干部吗？`: a body no one's title names, asked of as theirs.)
    const unknownBody = matches.some((m) => m.attribute === 'organisation' && m.names.length === 0);
    if ((namesPerson || mentionsHost) && (IDENTITY.test(folded) || asksAttribute || unknownBody || (picksSomeone && ASKS_WHO.test(folded)))) {
      return { kind: 'people', matches };
    }
    // `嘉宾里谁有博士学位？`, `哪几位来自高校？`, `省科技厅来的那位嘉宾担任什么职务？`, `有没有来自党校的嘉宾？`,
    // `参加这次对话的有没有大学老师？` (those taking part are the guests)
    // (`省委党校那个副教授叫什么名字？`: a name asked for the one person the attributes pick.)
    const asksWho = ASKS_WHO_PLAINLY.test(folded) || (ASKS_WHO.test(folded) && (PEOPLE_WORDS.test(folded) || TAKING_PART.test(folded))) || (picksSomeone && ASKS_NAME_OF.test(folded));
    if ((picksSomeone || (matches.length > 0 && asksAttribute)) && (asksWho || asksAttribute)) return { kind: 'people', matches };
    // `有哪些嘉宾参加了这次访谈？`, not `哪几位嘉宾关心生态保护？`: nothing asked beyond who took part.
    if (PARTICIPANTS.test(folded) && participantsResidue(folded).length <= MAX_PARTICIPANTS_RESIDUE) return { kind: 'people', matches: [] };
  }
  for (const pattern of DEFINITION) {
    const match = pattern.exec(folded);
    if (match?.[1]) return { kind: 'definition', term: match[1].replace(/^["']|["']$/gu, '') };
  }
  return { kind: 'topic', enumerates: ENUMERATION.test(folded) };
}

/** Plural interrogatives for people: they ask for a list (`哪位`, `谁` may ask for one). */
const ASKS_WHICH_PEOPLE = new RegExp(`(${anyOf(WHO_PLURAL_WORDS)})`, 'u');

/**
 * A question that asks which people said something (`哪些嘉宾谈到了数字经济？`, `有谁提到了…？`): its
 * answer names every one of them. `expertsOnly` when it asks among the guests (嘉宾, 专家).
 */
export function asksWhoSaid(question: string): { asks: boolean; expertsOnly: boolean } {
  const folded = foldText(question);
  const asks = ASKS_WHICH_PEOPLE.test(folded) && SPEECH_ACT.test(folded) && !/(回答|答的)/u.test(folded);
  return { asks, expertsOnly: asks && /(嘉宾|专家)/u.test(folded) };
}

/** Matches a clause that defines a term: `“新质生产力是创新起主导作用…`, not `发展新质生产力是…`. */
export function definitionPattern(term: string): RegExp {
  const escaped = escapeRegExp(foldText(term));
  return new RegExp(`(?:^|[,;:。"'(])${escaped}是`, 'u');
}
