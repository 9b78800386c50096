import { CHINESE_NUMERALS } from '../corpus/enumerated-points.js';

/**
 * The words questions are asked with, by class: who-words, speech verbs, pronouns, "more" words,
 * ordinals and their counters, greetings. The patterns that read questions (question-intent.ts,
 * resolve-follow-up.ts, analyze-question.ts, answer-attribution.ts) are built from these lists, so a
 * word is added in one place. Role words (主持人, 嘉宾…) live in `src/corpus/role-words.ts`, numerals
 * in `src/corpus/enumerated-points.ts` (the corpus stage reads them too).
 *
 * Order inside a list matters where a pattern is used to cut words out of a question (a global
 * `replace`): a longer word comes before the word it starts with (`那么` before `那`).
 *
 * Where two modules used near-identical lists, they are kept as two named classes (with what differs
 * said beside them): merging them would change which questions are answered how.
 */

/** `a|b|c`: an alternation of words (or pattern pieces) for a `RegExp` source. */
export function anyOf(...classes: ReadonlyArray<readonly string[]>): string {
  return classes.flat().join('|');
}

/** Text made literal for a `RegExp` source (`RCEP.` → `RCEP\.`). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

// ── Greetings and pleasantries ──────────────────────────────────────────────────────────────────

/** `你好`, `早上好`, `在吗`. */
export const HELLO_WORDS = ['你好', '您好', '嗨', '哈喽', 'hello', 'hi', 'hey', '在吗', '早上好', '下午好', '晚上好'] as const;
/** `谢谢`, `感谢`, `thx`. */
export const THANKS_WORDS = ['谢谢你?', '多谢', '感谢', 'thanks', 'thankyou', 'thx'] as const;
/** `再见`, `拜拜`, `bye`. */
export const GOODBYE_WORDS = ['再见', '拜拜', 'bye'] as const;
/** Questions to the bot about itself: `你是谁`, `怎么用`, `help`. */
export const ABOUT_THE_BOT_WORDS = ['你是谁', '你能做什么', '你会什么', '能做什么', '怎么用', '帮助', 'help'] as const;
/** A reply that asks nothing: `嗯`, `好的`, `收到`, `ok`. */
export const ACKNOWLEDGEMENT_WORDS = ['嗯+', '哦+', '噢+', '好+', '好的', '行', '可以', '收到', '明白了?', '知道了', '了解了?', 'ok', 'okay', '👍'] as const;
/**
 * Acknowledgements that do not make a message a greeting: `可以` alone was never answered as one (it
 * is searched as a question). Kept out of {@link GREETING_WORDS}, as before.
 */
const NOT_GREETINGS: readonly string[] = ['可以'];
/** Every word a message of greetings only is made of. */
export const GREETING_WORDS: readonly string[] = [
  ...HELLO_WORDS,
  ...THANKS_WORDS,
  ...GOODBYE_WORDS,
  ...ABOUT_THE_BOT_WORDS,
  ...ACKNOWLEDGEMENT_WORDS.filter((word) => !NOT_GREETINGS.includes(word)),
];

// ── Who ─────────────────────────────────────────────────────────────────────────────────────────

/** Who, among people (`谁`, `哪几位`, `什么人`). */
export const WHO_WORDS = ['谁', '哪位', '哪几位', '哪些人', '哪些嘉宾', '哪些专家', '几位', '什么人'] as const;
/** More ways to ask which person: `哪个人`, `哪个嘉宾` (read with {@link WHO_WORDS} when counting someone's turns). */
export const WHICH_PERSON_WORDS = ['哪个人', '哪几个人', '哪个嘉宾', '哪个专家'] as const;
/** Plural who-words: they ask for a list of people (`哪位`, `谁` may ask for one). */
export const WHO_PLURAL_WORDS = ['哪些(?:人|嘉宾|专家|学者)', '哪几位', '几位(?:嘉宾|专家)', '都有谁', '有谁', '谁都', '都是谁'] as const;
/** `是…吧`: a statement with `是` closed by `吧`, put up to be confirmed (`任君是教授吧`), as a pattern source. */
export const CONFIRMING_BA = '是[^吧]{1,40}吧';
/**
 * `算/挺/比较…吧`: a degree put up to be confirmed without `是` (`在全国算比较高的吧？`,
 * `已经形成集聚效应了吧？`), as a pattern source.
 */
export const CONFIRMING_DEGREE_BA = '(?:算|挺|很|比较|相当|属于|已经)[^吧]{1,20}吧';
/**
 * What a statement put up to be confirmed closes with before its particle (`，有这回事吗`,
 * `，是真的吗`, `，对吗`), as a pattern source.
 */
export const CONFIRMATION_WORDS = '有这回事|有这事|是真的|真的|对|是|没错|属实|是这样';
/**
 * Yes-no frames: `有没有`, `是不是`, a closing `吗`, and a statement with `是` closed by `吧` that asks
 * to be confirmed (`任君是教授吧？`; not `说说吧`, which has no `是`). Beside a who-word they ask
 * whether, not who.
 */
export const YES_NO_FRAMES = ['有没有', '是不是', '吗$', `${CONFIRMING_BA}$`] as const;
/**
 * How a yes/no question asks whether (`是不是…`, `有没有…`, `是否…`, `会不会…`, `…吗？`), each with
 * the plain judgement its answer opens with (`是。`/`不是。`, `有。`/`没有。`). Tried in order; an
 * `A不A` frame (`搞不搞`, `算不算`) is read apart, with `A` and `不A` for its answers.
 */
export const YES_NO_JUDGEMENTS: ReadonlyArray<{ frame: string; yes: string; no: string }> = [
  { frame: '有没有', yes: '有', no: '没有' },
  { frame: '是否有', yes: '有', no: '没有' },
  { frame: '会不会', yes: '会', no: '不会' },
  { frame: '是否会', yes: '会', no: '不会' },
  { frame: '能不能', yes: '能', no: '不能' },
  { frame: '能否', yes: '能', no: '不能' },
  { frame: '是不是', yes: '是', no: '不是' },
  { frame: '是否', yes: '是', no: '不是' },
  // `有种说法是……，专家同意吗？`: a view put to the experts, answered `同意。`/`不同意。`.
  { frame: '(同意|赞同|认同|赞成)(?:吗|么)$', yes: '$1', no: '不$1' },
  { frame: '(?:吗|么)$', yes: '是', no: '不是' },
  { frame: `${CONFIRMING_BA}$`, yes: '是', no: '不是' },
  // `……已经形成集聚效应了没有？`: whether it has happened, answered `有。`/`没有。`.
  { frame: '(?:了|过)没有$', yes: '有', no: '没有' },
  // `……，对吧？`, `……，没错吧？`: a statement put up to be confirmed, answered `对。`/`不对。`.
  { frame: '[,，](?:对|没错)吧$', yes: '对', no: '不对' },
  // `……算比较高的吧？`: a degree put up to be confirmed without `是` (after `，对吧`, which says 对).
  { frame: `${CONFIRMING_DEGREE_BA}$`, yes: '是', no: '不是' },
];
/** Words that make a question ask what, which, how or why, not whether (`你知道有哪些优势吗？`). */
export const OPEN_QUESTION_WORDS = ['什么', '哪', '怎么', '怎样', '如何', '为什么', '为何', '为啥', '谁', '几', '多少', '啥', '咋'] as const;
/**
 * Interrogatives that ask nothing: 几 after a demonstrative points at things named before (`那几个指标`),
 * and `没啥`/`没什么`/`没多少` say "little" (`跟这没啥关系`); not in `有没有啥办法`, which asks for one.
 */
export const NOT_ASKING = /[那这]几|(?<!有)没有?(?:啥|什么|多少)/gu;

// ── Speech ──────────────────────────────────────────────────────────────────────────────────────

/** Verbs and nouns of saying something (`提出`, `谈到`, `认为`, `观点`): a "who" question with one asks about what was said. */
export const SPEECH_VERBS = ['提出', '提到', '提的', '提了', '谈到', '谈了', '谈及', '说的', '说了', '说过', '讲的', '讲了', '讲到', '认为', '指出', '主张', '建议', '强调', '论述', '观点', '看法', '表示', '呼吁', '回答', '答的', '分析', '介绍', '解释', '讲述', '透露', '回应'] as const;
/** Speaking at all, with no topic (`发言`, `作答`): what a count of someone's turns counts. */
export const SPEAKING_WORDS = ['发言', '作答', '回答', '答了', '答过', '答的', '答题', '说话', '讲话', '出场', '登场', '参与讨论', '参加讨论', '发表看法', '发表意见'] as const;
/** Having said given words, after who said them (`……是谁说的？`, `……是李娜讲过的吗？`): longest first. */
export const SAID_IT_VERBS = ['提出来的', '说出来的', '讲出来的', '提出的', '提出过', '说出的', '说的', '讲的', '提的', '谈的', '说过', '讲过', '提过'] as const;
/** Having said given words, before them (`李娜是不是说过……`, `谁讲过……`): longest first. */
export const SAID_BEFORE_VERBS = ['说过', '讲过', '提过', '提出过', '曾说', '曾经说', '说', '讲'] as const;
/** Having used a word (`提到`, `说过`, `用过`): `李娜提到RCEP了吗？`. */
export const MENTION_VERBS = ['提到', '提及', '谈到', '谈及', '说到', '讲到', '说过', '讲过', '提过', '谈过', '用过'] as const;

// ── Pronouns and pointing back ──────────────────────────────────────────────────────────────────

/** Words for a person talked about before. `其他` (other) and `吉他` are not `他`. */
/** `这位老师`, `那位处长`, `该专家`: one person pointed at by what they are. */
export const POINTED_PERSON = '(?:这位|那位|该)(?:专家|嘉宾|老师|教授|副教授|讲师|博士|学者|研究员|处长|副处长|主任|副主任|领导|干部|同志|负责人)';
export const PERSON_PRONOUNS = ['他们', '她们', '(?<![其吉])他', '她', POINTED_PERSON, '此人'] as const;

// ── More of the same, something else ────────────────────────────────────────────────────────────

/** A whole follow-up asking for more of the same: `还有呢？`, `其他的呢`, `然后呢`. */
export const MORE_WORDS = ['还有', '其他', '其它', '另外', '别的', '然后', '接着', '再', '以及'] as const;
/** Asking for something besides what was said (`他还说了什么？`): the earlier topic is not carried. */
export const ELSEWHERE_WORDS = ['还', '另外', '其他', '其它', '别的', '此外'] as const;
/**
 * {@link ELSEWHERE_WORDS} and `再`: a question with one asks for more, so the quotes already given are
 * left out. `再` is not in ELSEWHERE_WORDS: `他再说说？` stays on the earlier topic.
 */
export const ASKS_FOR_MORE_WORDS = [...ELSEWHERE_WORDS, '再'] as const;
/** How a short follow-up leaning on the question before opens: `那短板呢？`, `还有呢？`, `再说说`. */
export const ELLIPSIS_OPENINGS = ['那么', '那', '还有', '另外', '此外', '以及', '再说说', '再谈谈', '再讲讲', '具体', '详细'] as const;

// ── Question frames ─────────────────────────────────────────────────────────────────────────────

/**
 * Words that ask, point or urge without saying about what: interrogatives (`为什么`, `怎么`, `什么`,
 * `谁`), particles, `说/讲/回答`, `具体`, `展开`, `还有`. A follow-up made of nothing else has no
 * topic of its own. Cut out of a question longest first (`为什么` before `什么`).
 */
export const TOPICLESS_WORDS = [
  '那么', '那', '还有', '还', '其他', '其它', '另外', '别的', '然后', '接着', '以及', '具体', '详细', '展开', '细说', '说说', '讲讲', '谈谈', '聊聊', '解释', '一下',
  '为什么', '为何', '为啥', '怎么办', '怎么样', '怎么', '怎样', '如何', '什么', '谁', '哪', '啥', '咋', '这么', '这样', '意思',
  '说', '讲', '谈', '回答', '答', '提', '的', '了', '过', '呢', '吗', '么', '啊', '呀', '吧', '呗', '哦', '嗯', '是', '请', '再', '多', '些', '点', '能', '可以', '给', '我',
  // Verbs of doing that name no deed (`具体咋搞`, `怎么做`).
  '搞', '做', '办', '弄', '干',
] as const;
/** How a question with a predicate but no subject opens: `有什么`, `为什么`, `需要`, `是不是`. */
export const SUBJECTLESS_OPENINGS = ['有什么', '有哪些', '有没有', '有何', '为什么', '为何', '为啥', '要怎么', '该怎么', '怎么才能', '如何才能', '需要', '应该', '应当', '能否', '能不能', '会不会', '是不是'] as const;

// ── Ordinals and counters ───────────────────────────────────────────────────────────────────────

/** `一`…`十` and digits, as a character class (two of them make `十二`, `12`). */
export const ORDINAL_DIGIT = `[${CHINESE_NUMERALS}\\d]`;
/** `一`…`九` and digits: a part of the article is numbered below ten (`第十部分` is not read as one). */
export const PART_DIGIT = `[${CHINESE_NUMERALS.slice(0, 9)}\\d]`;
/** Counters after an ordinal that picks a host question or a part (`第二个`, `第三次`, `第一道`). */
export const QUESTION_ORDINAL_COUNTERS = ['个', '次', '道', '条', '点', '部分'] as const;
/**
 * Counters after an ordinal that picks an item of a list answer (`第二项`, `第三个方面`). Not merged with
 * {@link QUESTION_ORDINAL_COUNTERS}: each pattern cuts or reads different words, and merging them
 * would change which follow-ups are read as a bare ordinal.
 */
export const LIST_ORDINAL_COUNTERS = ['个', '条', '点', '项', '方面', '部分'] as const;
/** Words for the first of a sequence: `首先`, `一开场`, `头一个`. */
export const FIRST_WORDS = ['首先', '最先', '一开场', '开场', '一开始', '开头', '最早', '头一个'] as const;
/** Words for the last of a sequence: `最后一个`, `末尾`. */
export const LAST_WORDS = ['最后一个', '最后一', '最后的', '末尾'] as const;
