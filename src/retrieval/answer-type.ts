import { partsOfSpeech } from '../index/tokenize-chinese.js';
import { foldText } from '../corpus/normalize-text.js';
import { escapeRegExp } from './question-lexicon.js';

/**
 * What kind of fact a question asks for, read from its interrogative (`多少`, `哪一年`, `什么地方`…),
 * and whether a text gives a fact of that kind. An article can discuss a question's topic at length
 * without ever giving the figure, the date or the place asked for; then it does not answer it.
 * Chinese interrogatives are a closed class, so these patterns are not keyed to any question.
 */

export type AnswerType = 'number' | 'time' | 'place' | 'organisation' | 'rank' | 'members' | 'summary' | 'mood' | 'dissent' | 'history' | 'preference' | 'definition';

/**
 * Who a question about a person's own past or liking is about: a guest or the host by role, a
 * pronoun, or one of the article's people by name (`{names}`, filled in per question).
 */
const PERSON_WORDS = ['嘉宾', '专家', '主持人', '记者', '编者', '作者', '他', '她', '你', '这位', '那位'];
const PAST = '(?:以前|之前|此前|曾经|过去|早年|原来)[^,，。?？]{0,6}(?:在|做|干|从事|是|任)';
const BIOGRAPHY = '(?:毕业|读的?(?:书|大学|博士|研究生)|(?:博士|硕士|本科|大学)(?:是)?在哪(?:里|儿|所大学|所学校)?(?:读|念|上|拿)|(?:拿|获得?|取得)的?(?:博士|硕士|学士)?学位|研究方向|学历|出生|籍贯|老家|年龄|多大年纪|几岁|工作经历|履历|从业|干了多少年|工作了多少年|在哪[里儿]?工作过)';
const OWN_LIKING = '(?:(?:自己|个人|本人|私下)[^,，。?？]{0,6}(?:喜欢|偏爱|偏好|倾向|看好|认同|赞同|支持|站在)|(?:最|更)(?:喜欢|偏爱|偏好|倾向|认同|赞同))';

/** `自己觉得`, `个人看法`: one's own view, asked of someone whose part is to ask. */
const ASKER_OWN_VIEW = '(?:自己|个人|本人|私下)[^,，。?？]{0,4}(?:觉得|认为|看法|观点|主张|立场)';

/** The patterns built for each article's names: built once each. */
const patternsByNames = new Map<string, ReadonlyArray<readonly [AnswerType, RegExp]>>();

/** Questions for a person's past (`history`) or own liking (`preference`), about these people. */
function personPatterns(names: readonly string[]): ReadonlyArray<readonly [AnswerType, RegExp]> {
  const key = names.join('\n');
  let patterns = patternsByNames.get(key);
  if (!patterns) {
    if (patternsByNames.size >= 1_000) patternsByNames.clear();
    patternsByNames.set(key, (patterns = buildPersonPatterns(names)));
  }
  return patterns;
}

function buildPersonPatterns(names: readonly string[]): ReadonlyArray<readonly [AnswerType, RegExp]> {
  const person = `(?:${[...PERSON_WORDS, ...names.map(escapeRegExp)].join('|')})`;
  return [
    ['history', new RegExp(`${person}[^,，。?？]{0,8}(?:${PAST}|${BIOGRAPHY})`, 'u')],
    ['preference', new RegExp(`${person}[^,，。?？]{0,8}${OWN_LIKING}`, 'u')],
    // The host's or the paper's own view (`主持人秦睿自己觉得…最应该先抓哪件事？`): they ask and introduce, and a
    // view of theirs would have to be voiced as one.
    ['preference', new RegExp(`(?:主持人|记者|编者)[^,，。?？]{0,8}${ASKER_OWN_VIEW}`, 'u')],
  ];
}

/** Interrogatives that ask for each kind of fact (folded text). */
const ASKS_FOR: ReadonlyArray<readonly [AnswerType, RegExp]> = [
  ['rank', /排(?:名)?第几|第几(?:名|位)|排在第?几|排名如何/u],
  ['time', /哪一?年|哪天|哪一天|何时|什么时候|什么时间|啥时候|啥时间|多会儿|几月|几号|哪个月|哪一月|什么日子/u],
  // Only a real place: `“新”在哪里` and `往哪儿去` ask for something else.
  ['place', /何地|哪个地方|什么地方|哪些地方|哪个(?:城市|地区|县|市|州|园区|省)|在哪里?(?:举行|召开|举办|建设|建成|落户|落地|设立|选址)|落(?:户|地|在)哪|(?:建在|设在|位于|坐落在?|选址在?)哪(?:里|儿)?(?![些几一两三四五六七八九十类个种])/u],
  ['organisation', /哪(?:份|家|个|一家)(?:报纸|报|媒体|刊物|杂志|机构|公司|企业|出版社|电视台)|什么(?:报纸|媒体|刊物)/u],
  // `有几个国家公园` asks how many; `哪几个` asks which, `那几个指标` points at them; `几条`, `几个方面` ask for the points (a list).
  // (`分别是多大容量`, `装机有多大`: a size is a figure too.)
  ['number', /多少|几成|百分之几|多大(?:的)?(?:规模|比例|比重|容量|面积|功率|产能|体量|装机)|(?:规模|比例|比重|总量|总额|产值|容量|面积|功率|产能|体量|装机)(?:是|有)?多大|几(?:万|亿|千|百|倍)|(?<![哪那这])几(?:个(?!方面|方向|部分|问题|途径|层面|阶段)|座|家|所|种|台|吨)/u],
  // The article's (or someone's) own summary or conclusion; not a request to the bot to summarise
  // (`总结一下…`, `帮我概括…`, or the verb opening the question).
  // (`用哪几个字概括` asks for the words, not for a summary.)
  // (`概括成哪几个字`, `归纳为什么词` ask for the words too.)
  ['summary', /结论|(?<!^|帮我|给我|请|你|字|词|话)(?:总结|概括|归纳)(?!一下|(?:成|为)(?:了)?(?:哪|什么|几)[^,，。?？]{0,3}(?:字|词|句))/u],
  // How hopeful or worried someone is: a mood the speakers would have to voice in those words.
  ['mood', /乐观|悲观|担忧|担心|看好|看衰|信心/u],
  // Who disagrees or objects: a stance the speakers would have to take in those words.
  ['dissent', /反对|不赞成|不赞同|不同意|质疑|批评|唱反调|持保留|有异议/u],
];

const CHINESE_NUMERAL = '[零〇一二两三四五六七八九十百千万亿]';

/**
 * A numbered label in quotation marks (`“三个最大”`, `“四地”`): a name for a set of things. Quotes
 * are folded to `"`.
 */
const NUMBERED_LABEL = new RegExp(`"([^"]{0,8}?${CHINESE_NUMERAL}[^"]{0,12})"`, 'gu');
/** Asking for the members of a set: `哪三个`, `哪几项`, `具体是哪些`, `分别是什么`, `包括哪些`. */
// Not `哪一`: `哪一年` asks for a date, and a set of one has no members to list.
const ASKS_MEMBERS = new RegExp(`哪(?:[二两三四五六七八九十]|几)(?:个|项|条|点|种|大|类|地)?|具体(?:是|指)(?:哪|什么)|分别(?:是|指)(?:哪|什么)|包括哪|指的是哪|是指哪|(?:都)?有哪(?:些)?(?!些|位|人|嘉宾|专家)|都是哪`, 'u');

/**
 * A numbered set named without quotation marks just before the question for its members
 * (`十大国家级科技创新平台分别是哪十个`): `N大` or `N个`/`N项` and the words after it.
 */
const BARE_NUMBERED_LABEL = new RegExp(`((?:${CHINESE_NUMERAL}|\\d+)(?:大|个|项|类)\\p{Script=Han}{2,12}?)(?=分别|都是|都有|具体|是哪|包括哪|有哪|指哪|指的是)`, 'gu');

/** The numbered labels a (folded) question quotes (`三个最大`) or names before asking for their members. */
function numberedLabels(folded: string): string[] {
  const quoted = [...folded.matchAll(NUMBERED_LABEL)].map((m) => m[1]!);
  return quoted.length > 0 ? quoted : [...folded.matchAll(BARE_NUMBERED_LABEL)].map((m) => m[1]!);
}

/**
 * Units a figure can be asked in (`多少万千瓦`, `几亿元`): a closed class of measure words, longest
 * first. A question asking for a figure in one wants that unit, not any number (`三项指标` does not
 * say how many 千瓦).
 */
const UNITS = '千瓦时|千瓦|吉瓦时|吉瓦|兆瓦|瓦|平方公里|公里|公顷|亩|吨|立方米|元|美元|人次|人|户|家|个|项|座|所|条|种|批|台|辆|套|次|年|天|倍';
const ASKED_UNIT = new RegExp(`(?:多少|几)([万亿千百]?)(${UNITS})`, 'u');
/** Units that count things (`多少个平台`), as `十大平台` does. */
const COUNT_UNITS = new Set(['个', '项', '家', '座', '所', '条', '种', '批', '套']);
/**
 * A question for a share or a rate (`占比是多少`, `增长率多少`): it wants a percentage, not any count.
 * A few words may stand between the share and its interrogative, in the same clause
 * (`比重现在是多少`, `占比(占全省)现在是多少`), or asking how large it is first (`占了多大比重`).
 */
const ASKED_RATIO = /(?:比重|占比|比例|份额|增长率|增速|增幅|[^\s]率)[^,，。;；:：?？!！]{0,8}?(?:多少|几)(?![个项家座所条种批套位名])|(?:多大|多高|多少)(?:的)?(?:比重|比例|占比|份额)|百分之(?:几|多少)|多少个百分点|百分比/u;
/** How a text gives a share or a rate. */
const GIVES_RATIO = new RegExp(`\\d+(?:\\.\\d+)?\\s*%|百分之|个百分点|${CHINESE_NUMERAL}成(?!为|果|效|绩|立|长)`, 'u');

/**
 * True when a text says what a term is rather than only naming it: the term is said to be something
 * (`X是…`, `X是指…`, `X即…`, `所谓X`), or its sentence goes on about it (`X：…`, `X(…)`, `开展X，根据…`).
 * A term named only at the end of a sentence (`有助于拓宽“两山”转化通道。`) is not explained.
 */
export function definesTerm(text: string, term: string): boolean {
  const t = escapeRegExp(foldText(term).replace(/["']/gu, ''));
  if (t === '') return false;
  const folded = foldText(text).replace(/["']/gu, '');
  return new RegExp(`(?:^|[,;:。(])${t}(?:本身)?(?:就)?(?:是|即|指|意味着|的(?:内涵|本质|含义|核心)是)|所谓${t}|${t}[:(,]`, 'u').test(folded);
}

const ownSummaries = new Map<string, RegExp>();

/** A named person's summing-up (`刘畅的归纳`, `李娜总结的`): the words of `people`, folded. */
function ownSummary(people: readonly string[]): RegExp {
  const key = people.join('\n');
  let pattern = ownSummaries.get(key);
  if (!pattern) {
    if (ownSummaries.size >= 1_000) ownSummaries.clear();
    const names = people.length > 0 ? people.map(escapeRegExp).join('|') : '$^';
    ownSummaries.set(key, (pattern = new RegExp(`(?:${names})(?:的|所|自己的?)?(?:总结|概括|归纳|结论)`, 'u')));
  }
  return pattern;
}

/** The kinds of fact a question asks for (none for a why/how/what question). */
export function expectedAnswerTypes(question: string, people: readonly string[] = []): AnswerType[] {
  const folded = foldText(question);
  let types = [...ASKS_FOR, ...personPatterns(people)].filter(([, pattern]) => pattern.test(folded)).map(([type]) => type);
  // `主持人自己最看好哪个？` asks for a liking, not for hope about the future.
  if (types.includes('preference')) types = types.filter((type) => type !== 'mood');
  // `刘畅的归纳`, `李娜的结论`: a named person's own summing-up is what they say, not a summary the
  // text must give in those words.
  if (types.includes('summary') && ownSummary(people).test(folded)) types = types.filter((type) => type !== 'summary');
  if (numberedLabels(folded).length > 0 && ASKS_MEMBERS.test(folded)) types.push('members');
  return types;
}

/**
 * A text gives the members of a numbered label when the label is followed closely by what introduces
 * them (`：`, `即`, `包括`, `分别是`, `是指`, a dash or a bracket), not when it is only named.
 */
function givesMembers(folded: string, labels: readonly string[]): boolean {
  for (const label of labels) {
    for (let at = folded.indexOf(label); at >= 0; at = folded.indexOf(label, at + 1)) {
      const after = folded.slice(at + label.length, at + label.length + 12);
      if (/^"?(?:[:：(（—]|即|包括|分别|是指|指的是|具体是|就是)/u.test(after) || /^"?[^,，。;；]{0,6}?(?:[:：]|即|包括|分别是|是指)/u.test(after)) return true;
    }
  }
  return false;
}
/** Facts of each kind as text gives them; `place` and `organisation` also by part of speech. */
const GIVES: Record<AnswerType, RegExp> = {
  // (`一批`, `一系列` count nothing: `积极引进落地一批…项目` gives no figure.)
  number: new RegExp(`\\d|${CHINESE_NUMERAL}+(?:成|倍|万|亿|%|个百分点)|${CHINESE_NUMERAL}+(?:个|项|家|座|所|条|种|台|吨|千瓦|瓦)|(?:[二三四五六七八九十两百千]|${CHINESE_NUMERAL}{2,})批`, 'u'),
  time: new RegExp(`\\d{2,4}年|\\d{1,2}月|\\d{1,2}日|${CHINESE_NUMERAL}+月|[今去明前]年|年底|年初|上半年|下半年`, 'u'),
  place: /[\p{Script=Han}]{2,}(?:省|市|县|州|镇|乡|村|开发区|园区|基地)/u,
  // (`天合科技、泰丰先行、中复神鹰等…企业`: names listed as members of a kind of organisation.)
  organisation: /日报|晚报|报社|杂志社|电视台|出版社|通讯社|[\p{Script=Han}]{2,}(?:大学|学院|研究院|研究所|公司|集团|委员会|(?<![餐客大展门])厅|(?<![布格结大全开变胜残僵])局)|(?:\p{Script=Han}{2,8}、)+\p{Script=Han}{2,8}等[^，,。；;]{0,16}(?:企业|公司|机构|单位|院校|高校|集团)/u,
  rank: new RegExp(`第(?:\\d+|${CHINESE_NUMERAL}+)(?:名|位)|排名|位居|位列|名列`, 'u'),
  summary: /总结|结论|概括|归纳|总之|综上|总而言之|总的来说|一言以蔽之/u,
  mood: /乐观|悲观|担忧|担心|看好|看衰|信心|信念/u,
  dissent: /反对|不赞成|不赞同|不同意|质疑|批评|否定|唱反调|保留意见|异议/u,
  history: /毕业|曾任|曾在|曾经担任|历任|先后(?:在|任|就职)|出生|生于|籍贯|早年|此前(?:在|任)|从事[^,，。]{0,12}工作[^,，。]{0,4}年/u,
  preference: /我(?:个人|本人|自己)?(?:更|最|比较)?(?:喜欢|偏爱|偏好|倾向|看好|认同|赞同|支持)/u,
  // Read by `definesTerm`, from the term the question asks about.
  definition: /$^/u,
  // Read by `givesMembers`, from the question's labels.
  members: /$^/u,
};
/** Kinds given by words of judgement, not facts: the question naming the word does not give it. */
const JUDGEMENTS: ReadonlySet<AnswerType> = new Set(['summary', 'mood', 'dissent', 'history', 'preference']);
/** Words jieba now and then tags as organisations (`新兴产业`) that name a kind of activity, not a body. */
const NOT_AN_ORGANISATION = /(?:产业|行业|领域|经济|体系|市场|赛道)$/u;
/** A list of kinds closed by what they are kinds of (`…、大数据中心等项目建设`), not of bodies. */
const KINDS_LISTED = /、[^,，;；。]*等(?:项目|产业|行业|领域|业态|工程)/u;
/** jieba's tags for places (`ns`) and organisations (`nt`). */
const TAG_OF: Partial<Record<AnswerType, string>> = { place: 'ns', organisation: 'nt' };

/**
 * True when `text` gives a fact of the kind, other than what the question itself names (a place the
 * question mentions, `青海`, is not the place it asks for).
 */
export function givesAnswerOfType(text: string, type: AnswerType, question: string): boolean {
  const folded = foldText(text);
  const asked = foldText(question);
  if (type === 'members') return givesMembers(folded, numberedLabels(asked));
  if (JUDGEMENTS.has(type)) return GIVES[type].test(folded);
  if (type === 'number' && ASKED_RATIO.test(asked)) return GIVES_RATIO.test(folded);
  const unit = type === 'number' ? ASKED_UNIT.exec(asked) : null;
  // `十大国家级平台` counts them as well as `十个` would (`三大`, `五大`; not `一大批`).
  const countedAsBig = unit && COUNT_UNITS.has(unit[2]!) ? `|[二三四五六七八九十两]+大(?=\\p{Script=Han})` : '';
  const source = unit ? `(?:\\d+(?:\\.\\d+)?|${CHINESE_NUMERAL}+)${unit[1] ? `${unit[1]}?` : ''}${unit[2]}${countedAsBig}` : GIVES[type].source;
  const pattern = new RegExp(source, 'gu');
  for (const match of folded.matchAll(pattern)) if (!asked.includes(match[0])) return true;
  const tag = TAG_OF[type];
  if (!tag) return false;
  // (`前瞻布局电子级多晶硅、…、大数据中心等项目建设` lists kinds of project, whatever the tagger calls them.)
  if (type === 'organisation' && KINDS_LISTED.test(folded)) return false;
  for (const [word, wordTag] of partsOfSpeech(folded)) if (wordTag === tag && !asked.includes(word) && !(type === 'organisation' && NOT_AN_ORGANISATION.test(word))) return true;
  return false;
}
