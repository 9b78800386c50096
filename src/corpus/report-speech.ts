import { COMPOUND_SURNAMES } from './compound-surnames.js';
import { HONORIFICS } from './interview-layout.js';
import { POSITION_WORDS } from './person-profile.js';
import { splitSentences } from './split-sentences.js';

/**
 * Who says the words of a news feature (a report with no turns): the habits of Chinese news
 * writing, read from the text. A person is introduced with post and full name
 * (`市水务局排水处处长马建国`, `马建国（市水务局排水处处长）`, `李红教授`) and later called
 * `马处长`, `老马`, `他`; their words stand in quotation marks with a speech verb before
 * (`马建国说：“……”`) or after (`“……”，马处长说。`), or without marks after a verb of saying
 * (`马建国认为，……。`). Everything else is the reporter's narration. When the text does not say
 * who speaks (two `马处长`, a `他` with nobody named before), the words are `unattributed`:
 * never someone's by guess. Pure: paragraphs in, attribution out.
 */

/** What the caller knows of the article besides its paragraphs. */
export interface ReportSpeechOptions {
  /** The reporters on the byline (`本报记者 赵一帆` → `赵一帆`); may be empty. */
  byline: readonly string[];
}

/**
 * How the text names the speaker of a span: `alias` (`马处长`, `老马`) and `pronoun` (`他`) when it
 * does so; otherwise where the speech verb or colon stands (`马建国说：“……”`, `“……”马建国说。`,
 * `马建国：“……”`).
 */
export type SpeechMethod = 'verb-before' | 'verb-after' | 'pronoun' | 'alias' | 'colon-lead';

/** Someone's words inside a paragraph. */
export interface SpeechSpan {
  /** Offsets of the words in the paragraph's text (UTF-16, end exclusive), quotation marks excluded. */
  start: number;
  end: number;
  /** The person's full name as the text introduces them (`马建国`), or the byline's reporter. */
  speaker: string;
  method: SpeechMethod;
  /** 0 to 1: a full name with a verb is surer than an alias, an alias than a pronoun. */
  confidence: number;
  /** True for words in quotation marks; false for a clause after a verb (`马建国认为，……`). */
  marked: boolean;
  /** The words that name the speaker where the text credits the span (`马处长`, `他`, `马建国`). */
  as: string;
  /** Someone the speaker quotes inside their words (`正如习近平总书记所说，‘……’`). */
  quoting?: { person: string; honorific: string };
}

/** Words that look like someone's speech but whose speaker the text leaves open. */
export interface UnattributedSpan {
  start: number;
  end: number;
  /** Why no speaker was given, in English (for `ingest --explain` and logs). */
  reason: string;
}

/** How a paragraph's speaker was decided. */
export type ParagraphSpeechMethod = 'quotation' | 'narration' | 'unattributed';

/** Who says a paragraph of the report. */
export interface ReportParagraphSpeech {
  /** The person whose words are most of the paragraph; null for narration (the reporter's) or unattributed. */
  speaker: string | null;
  method: ParagraphSpeechMethod;
  /** 0 to 1; 0 when unattributed. */
  confidence: number;
  /** Every attributed span of speech, in text order, never overlapping. */
  spans: SpeechSpan[];
  /** Speech whose speaker the text leaves open. */
  unattributed: UnattributedSpan[];
  /** Why the paragraph got its speaker, in English. */
  reason: string;
  /**
   * A paragraph credited to someone (method `quotation`) only: its sentences that hold nobody's
   * words, the reporter's narration around them (`今年五十二岁的林站长，在这片湿地工作了二十六年。`
   * before `他告诉记者，……`), sentence-end punctuation excluded.
   */
  narration?: Array<{ start: number; end: number }>;
}

/** A person the report quotes. */
export interface ReportPerson {
  name: string;
  /** The post as introduced (`市水务局排水处处长`), or null. */
  title: string | null;
  /** Other words the text uses for them and that were resolved to them (`马处长`, `老马`, `马建国处长`). */
  aliases: string[];
}

export interface ReportSpeechResult {
  paragraphs: ReportParagraphSpeech[];
  /** The people quoted, in order of first mention; the byline's reporters are not among them. */
  people: ReportPerson[];
}

// ---------------------------------------------------------------------------------------------
// Words of the genre
// ---------------------------------------------------------------------------------------------

/**
 * Common single-character surnames. Characters that mostly serve as words (`和`, `于`, `时`, `向`,
 * `全`, `成`…) are left out: a post followed by `和` must not read as a person named `和…`.
 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤洪温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿焦俞柳祝舒阮柯纪梅童凌毕季裴霍涂苗盛翁冉骆蓝靳柴蒙鲍喻祁蒲房滕屈饶牟艾尤穆卓缪褚储娄窦戚岑景费卜冷晏卫柏瞿桂佟臧闵苟邬卞姬仇栾隋刁巫寇桑郎甄虞敖巩佘苑迟邝幸管甘萧包简符' +
  // Rare surnames that open no common word (`副教授郜明哲`).
  '郜阎鄢谌冼蔺阚邰亓逯昝嵇仝訾郗钭';
/** Words for a child or a family member that a nickname may follow (`学生贝贝`, `女儿乐乐`). */
const NICKNAMED = '(?:学生|孩子|女孩|男孩|小姑娘|小伙子|小朋友|儿子|女儿|孙子|孙女)';
/* Two-character surnames (`compound-surnames.ts`) are read before the one-character ones: `上官` is never `上` and a name. */
const COMPOUND_SURNAME = new RegExp(`^(?:${COMPOUND_SURNAMES.join('|')})`, 'u');
const SURNAME = `(?:${COMPOUND_SURNAMES.join('|')}|[${SURNAMES}])`;
/** Surnames left out of {@link SURNAMES} because they are mostly words (`向`, `和`, `宁可`): read only after a post (see `introductions`). */
const WORD_SURNAMES = '向和宁席常文';
/** Characters of grammar, number or time that are never part of a name read without a surname (`校长说`, `局长在会上`). */
const UNNAME_CHARS = /[我你他她它们的了是在这那有个一不也都就还要把被让给对从到些么年月日天说称和与及等又正将已曾所及为着过很最带向今去每再]/u;
/** Characters of grammar that are never part of a given name read after a surname (`向小雨是`, `和他们`). */
const NOT_IN_GIVEN_NAME = /[我你他她它们的了是在这那有个一不也都就还要把被让给对从到些么]/u;
/** The last character of a place, a unit or a shop, never of a name (`王家村`, `石桥`, `老街店`). */
const PLACE_ENDING = /[市县区省镇乡村局院校所队站部厅处社会巷路街河山湖江桥店厂场园馆室]$/u;
/** Words of doing that follow a person opening a clause (`和春生把船拴好`, `NAME在`, `NAME收好了`). */
const DOING = '(?:把|在|正在|正|刚刚|刚|又|也|还|从|往|朝|将|已经|每天|每周|每月|天天|经常|常常|一直|总是|早早|蹲|站|坐|扛|背|提|拿|抱|推|拉|领着|带着|望着|看着|指着|拴|走|(?!们)[\\p{Script=Han}]{1,2}?[了着完好起])';
/** Words that start with a surname character but are no name (`主任马上赶到`, `处长任务重`). */
const NOT_NAMES = new Set(
  '何时 何况 马上 方面 高度 任务 任何 许多 陆续 曾经 程度 毕业 凌晨 季度 周边 周末 严格 严重 温度 康复 文化 金融 石油 高校 方案 方向 万元 高兴 齐全 易于 余下 黄金 龙头 高速 高效 范围 史上 卫生 卫星 童年 冷链 景区 景点 柴油 杜绝 付出 顾客 顾问 林业 林地 叶片 尤其 房屋 董事 黎明 焦点 蓝天 费用 巩固 迟到 孙子 谢谢 高温 高峰 高层 石头 金额 钱款 龙虾 牛羊 白天 白色 江河 方便 万一 雷达 罗列 苏醒 储能 储备 储蓄 储存 储量 储藏 储水 储粮 储运 储户 储值 简单 简直 简要 简短 简化 简介 简便 简洁 简明 简称 简易 简历 简陋 简朴 简报 简讯 简体 简约 简章 简述'.split(' '),
);
/** Posts that, before a name, introduce a person (`处长马建国`) and, after a surname, name them (`马处长`). */
const POSTS: readonly string[] = [
  ...new Set([
    ...POSITION_WORDS.filter((w) => w !== '记者' && w !== '编辑'),
    ...HONORIFICS,
    ...'站长 校长 馆长 社长 厂长 镇长 县长 市长 乡长 区长 村长 村主任 支书 团长 班长 船长 行长 台长 店长 主编 医生 医师 校医 村医 队医 护士长 护士 总监 负责人 创始人 传承人 理事长 会长 队长 组长 村民 居民 农民 市民 志愿者 老师 博士 专家 技术员 律师 民警 法官 总裁 科学家 设计师 院士 干事 委员 教练 厨师 工人 快递员 网格员 养殖户 种植户 果农 菜农 茶农 花农 渔民 牧民 大户 农户 住户 商户 移民户 贫困户 承包户 店主 老板 老板娘 演员 程序员 学员 会计 会计师 司机 作家 画家 歌手 运动员 职员 店员 服务员 导游 主播 游客 旅客 乘客 顾客 食客 摊主 摊贩 业主 车主 房东 租户 家长 读者 患者'.split(' '),
  ]),
].sort((a, b) => b.length - a.length);
/** Short forms of a post inside a title: a `村支书` is a 支部书记 whom the text calls `田书记`. */
const POST_SHORT_FORMS: Readonly<Record<string, string>> = { 支书: '支部书记', 校医: '医生', 村医: '医生' };
/** True when a title (`村支书`, `市教育局科长`) holds the post an alias calls someone by (`书记`, `科长`). */
function titleHolds(title: string, post: string): boolean {
  const full = Object.entries(POST_SHORT_FORMS).reduce((t, [short, long]) => t.replaceAll(short, long), title);
  return title.includes(post) || full.includes(post);
}
/** Forms of address that go with a surname whatever the post (`张大妈`, `刘老师`). */
const ADDRESS_WORDS = ['老师', '师傅', '大爷', '大妈', '阿姨', '大姐', '大哥', '大叔', '女士', '先生', '奶奶', '爷爷', '同志', '博士', '专家'];
const FEMALE_WORDS = /女士|大妈|阿姨|大姐|奶奶|婆婆|姑娘|^女$|^女[，,、]/u;
const MALE_WORDS = /先生|大爷|大叔|大哥|爷爷|小伙|^男$|^男[，,、]/u;
/** Modifiers a post may carry (`副处长`); `马副处长` is still `马处长`. */
const POST_MODIFIER = '(?:副|常务|执行|首席|原)?';
const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
/** A post that runs on into an organisation's name (`卫生健康委员会`, `处长办公室`) is no post. */
const NOT_POST_END = '(?![会部处局厅院室组团办])';
const POST = `(?:${alternation(POSTS)})${NOT_POST_END}`;
const ADDRESS = `(?:${alternation(ADDRESS_WORDS)})`;
/** A clause that opens with what reads as a full name before a word of doing, after an age, a post or a trade at most (see `unreadDoerIn`). */
const UNREAD_DOER = new RegExp(`(?:^|[。！？；，,])(?:[^。！？；，,“”]{0,8}?的)?(?:${POST}|[\\p{Script=Han}]{1,3}?[工农户匠员医])?((?:${SURNAME}|[${WORD_SURNAMES}])[\\p{Script=Han}]{2})(?=${DOING})`, 'gu');
/** A name (a surname and one or two characters) right after a verb of meeting, ending its clause, a `他`/`她` opening the next. */
const MET_THEN_PRONOUN = new RegExp(`(?<=(?:遇到|遇见|碰到|碰见|见到|认识|结识|拜访|找到)了?)(${SURNAME}[\\p{Script=Han}]{1,2})(?=[。，,；]\\s*[他她](?![们人]))`, 'gu');
/** Offices after a name that make it a person's name whatever the surname. */
const HIGH_OFFICES = '(?:总书记|主席|总理|委员长)';
/** Short forms that name a person only after a surname (`王总` for a 总经理, `陈工` for an engineer). */
const SHORT_POSTS: Readonly<Record<string, string>> = { 总: '总', 工: '工程师' };

/**
 * Speech verbs, as words that credit the words beside them. `说` not inside `听说`, `据说`,
 * `小说`; `称` not inside `简称`, `称为`.
 */
const VERB =
  '(?:告诉(?:本报)?记者|对(?:本报)?记者说|告诉我|对我说|说道|笑道|叹道|写道|表示|认为|介绍|指出|坦言|强调|透露|直言|坦承|解释|回忆|感慨|感叹|补充|谈到|提到|分析|回答|追问|问道|笑言|提醒|建议|呼吁|(?<![听据虽小传劝游])说(?![明法服])|(?<![演开听])讲(?![座究课台堂话解])|(?<![简号堪])称(?![为赞号作之])|问|答)道?';
/** Verbs whose clause, without quotation marks, reports the person's words (`马建国认为，……`). */
const CLAUSE_VERB = '(?:告诉(?:本报)?记者|对(?:本报)?记者说|告诉我|对我说|认为|表示|介绍|指出|坦言|强调|透露|直言|坦承|分析|解释|回忆|看来|提醒|建议|呼吁|(?<![听据虽小传劝游])说|(?<![简号堪])称)';
/** These may run straight into their clause without a comma (`马建国认为今年……`). */
const CLAUSE_VERB_DIRECT = '(?:认为|表示|指出|强调|坦言|透露|直言)';
/** Words of manner between a name and its speech verb (`白若溪笑着回忆`, `他感慨地说`). */
const MANNER = '(?:微笑着|苦笑着|笑着|笑了笑|感慨地|自豪地|坦率地|动情地|激动地|平静地|认真地|又|也|还)';
/** Words between a name and its verb (`马建国在接受采访时表示`): no clause break, no quotation. */
const BETWEEN = '(?!的)[^。！？；!?;，,：:“”「」\\n]{0,20}?';
/** A name right after these is the object of a verb (`告诉他`, `对马建国说`), not its subject. */
const OBJECT_MARKER = /(?:告诉|对|向|跟|给|问|和|与|同|陪|带)$/u;
/** Reported words need substance: fewer Han characters than this are no clause of speech. */
const MIN_CLAUSE_CHARS = 6;
/** A quotation this short, without a sentence inside and with nobody credited, is a term (`“一村一品”`). */
const MAX_TERM_CHARS = 12;

const OPEN_MARKS = '“「';
const CLOSE_MARKS = '”」';
const INNER_OPEN_MARKS = '‘『';
/** Who speaks when a report says `记者问` and the byline names nobody. */
const REPORTER_WORD = '记者';
/** `介绍说，这是`, `告诉记者`: a verb whose object is what someone says, where a name after it is in their words. */
const NAMED_IN_WORDS = /(?:介绍|说|表示|告诉)[^，,]{0,6}[，,：:]/u;
/** Masks quoted words so that names and verbs inside a quotation are not read as the report's. */
const MASK = '\u0001';

/** Confidence of a span by how its speaker is named. */
const CONFIDENCE = { name: 0.95, reporter: 0.9, alias: 0.8, pronoun: 0.7 } as const;
/** Discounts: words without marks, a colon without a verb, a later paragraph of a long quotation. */
const UNMARKED_FACTOR = 0.9;
const COLON_FACTOR = 0.95;
const CONTINUED_FACTOR = 0.95;
const INHERITED_FACTOR = 0.9;
/** A paragraph is a person's when their words are at least this share of its text. */
const MAIN_CONTENT_SHARE = 0.5;

// ---------------------------------------------------------------------------------------------
// People and the words that name them
// ---------------------------------------------------------------------------------------------

type Gender = 'male' | 'female' | null;

interface PersonRecord {
  name: string;
  title: string | null;
  aliases: string[];
  gender: Gender;
  /** True when the gender was read from a pronoun that referred to them, not printed (`女士`, `（女，…）`). */
  genderByPronoun?: boolean;
  reporter: boolean;
  /** True for someone the text names only by an alias (`王书记`), never by full name. */
  aliasOnly: boolean;
}

type Referent =
  | { kind: 'person'; person: PersonRecord }
  | { kind: 'ambiguous'; candidates: PersonRecord[] }
  /** `unread`: whom the words before it tell of that the text does not read as a person (`和春生`), if known. */
  | { kind: 'unresolved'; unread?: string };

type MentionVia = 'name' | 'alias' | 'pronoun' | 'reporter';

interface Mention {
  start: number;
  end: number;
  as: string;
  via: MentionVia;
  referent: Referent;
}

/** A place that names someone, before it is resolved against the people known so far. */
interface Candidate {
  start: number;
  end: number;
  /** Higher wins when two candidates start at the same place and are as long. */
  priority: number;
  resolve: () => Mention | null;
}

class PeopleDirectory {
  readonly people: PersonRecord[] = [];
  /** Persons and ambiguous aliases named so far, latest last: what `他`/`她` may refer to. */
  private readonly history: Referent[] = [];

  /**
   * @param ahead Full names the article introduces somewhere (read in a first pass): a mention of
   * one before its introduction (`”来自南湖中学的高二学生柯宇航擦着汗说。` before `柯宇航说，……`)
   * names them too.
   */
  constructor(
    byline: readonly string[],
    private readonly ahead: readonly string[] = [],
    /** The article's paragraphs, one a line: where a name may be credited with words elsewhere. */
    private readonly whole = '',
  ) {
    for (const name of byline) if (name.trim() !== '') this.people.push({ name: name.trim(), title: '记者', aliases: [], gender: null, reporter: true, aliasOnly: false });
  }

  /** The paragraphs read so far (quoted words masked): where the text may have said who holds a post. */
  private readonly seen: string[] = [];

  private byName(name: string): PersonRecord | undefined {
    return this.people.find((p) => p.name === name);
  }

  /** Registers a person introduced by full name, or completes what the text adds about them. */
  private introduce(name: string, title: string | null, gender: Gender, aliasOnly = false): PersonRecord {
    let person = this.byName(name);
    if (!person) {
      person = { name, title, aliases: [], gender, reporter: false, aliasOnly };
      this.people.push(person);
    }
    if (title && !person.title) person.title = title;
    if (gender && (!person.gender || person.genderByPronoun)) Object.assign(person, { gender, genderByPronoun: false });
    return person;
  }

  private addAlias(person: PersonRecord, alias: string): void {
    if (alias !== person.name && !person.aliases.includes(alias)) person.aliases.push(alias);
  }

  /**
   * `马处长`, `老马`, `张大妈`: the one earlier person with that surname (and post); ambiguous when
   * more than one; a new person known by the alias alone when none.
   */
  private resolveAlias(alias: string, surname: string, post: string | null): Referent {
    const gender: Gender = post && FEMALE_WORDS.test(post) ? 'female' : post && MALE_WORDS.test(post) ? 'male' : null;
    const candidates = this.people.filter((p) => {
      if (p.reporter || !p.name.startsWith(surname) || p.name === alias) return false;
      if (gender && p.gender && p.gender !== gender) return false;
      if (post === null || ADDRESS_WORDS.includes(post)) return true;
      return titleHolds(p.title ?? '', post) || p.aliases.some((a) => a.endsWith(post));
    });
    const self = this.byName(alias);
    if (candidates.length > 1) return { kind: 'ambiguous', candidates };
    if (candidates.length === 1) {
      this.addAlias(candidates[0]!, alias);
      return { kind: 'person', person: candidates[0]! };
    }
    if (post !== null && !ADDRESS_WORDS.includes(post) && !self) {
      // `牛长庚是……合作社的理事长` gives 牛长庚 the post the text calls him by (`牛理事长`) later;
      // someone else of that surname whose post the text never gave may be `牛理事长` or not:
      // ambiguous, never a new person read silently.
      const untitled = this.people.filter((p) => !p.reporter && !p.aliasOnly && p.name.startsWith(surname) && p.name.length >= 2 && p.title === null);
      const posted = untitled.filter((p) => this.seen.some((t) => statesPost(t, p.name, post)));
      // `……田守仁……。村里人都管他叫“田校长”`: the text says someone is called so: the one of that surname
      // named before those words in their paragraph, or, for a 他/她 so called, the one of that surname.
      const calledSo = new RegExp(`(?:叫|称|喊)[他她]?(?:为|作)?[“"「]?${alias}`, 'u');
      const said = calledSo.exec(this.whole);
      const called = said === null ? [] : untitled.filter((p) => this.whole.slice(Math.max(0, this.whole.lastIndexOf('\n', said.index)), said.index).includes(p.name) || (/[他她]/u.test(this.whole.slice(Math.max(0, said.index - 2), said.index + 2)) && untitled.length === 1));
      const stated = posted.length === 1 ? posted : called;
      if (stated.length === 1) {
        stated[0]!.title = post;
        this.addAlias(stated[0]!, alias);
        return { kind: 'person', person: stated[0]! };
      }
      if (untitled.length > 0) return { kind: 'ambiguous', candidates: untitled };
      // `村主任田明……。田书记告诉我`: someone of that surname named in full under another post may be
      // the one so called or not: ambiguous, never a new person read silently.
      const otherPost = this.people.filter((p) => !p.reporter && !p.aliasOnly && p.name.startsWith(surname) && p.name.length >= 2 && p.title !== null);
      if (otherPost.length > 0) return { kind: 'ambiguous', candidates: otherPost };
    }
    return { kind: 'person', person: self ?? this.introduce(alias, post && !ADDRESS_WORDS.includes(post) ? post : null, gender, true) };
  }

  /**
   * `他`/`她`: the last person named whose gender, if the text gave one, fits. The pronoun gives the
   * gender of whom it refers to: after `林站长……他告诉记者`, a `她` is never 林站长. A gender read
   * so is less sure than a printed one: a pronoun that does not fit it refers to nobody for sure
   * (unresolved), never to someone named before.
   */
  private resolvePronoun(pronoun: string): Referent {
    const wanted: Gender = pronoun === '她' ? 'female' : 'male';
    for (let i = this.history.length - 1; i >= 0; i--) {
      const r = this.history[i]!;
      if (r.kind !== 'person') return r;
      if (r.person.gender === null || r.person.gender === wanted) {
        if (r.person.gender === null) Object.assign(r.person, { gender: wanted, genderByPronoun: true });
        return r;
      }
      if (r.person.genderByPronoun) break;
    }
    return { kind: 'unresolved' };
  }

  /**
   * The mentions of people in a paragraph's text (quoted words masked), in text order, each
   * resolved against the people named before it. Updates what later pronouns refer to.
   */
  read(masked: string): Mention[] {
    this.seen.push(masked);
    // Introductions first, so that a name introduced in this paragraph is known later in it.
    const candidates: Candidate[] = [...this.introductions(masked)];
    for (const c of candidates) c.resolve();
    candidates.push(...this.knownNames(masked), ...this.aliases(masked), ...this.pronouns(masked), ...this.reporters(masked), ...this.namesBeforeVerbs(masked));
    candidates.sort((a, b) => a.start - b.start || b.end - a.end || b.priority - a.priority);
    const mentions: Mention[] = [];
    let reached = 0;
    for (const c of candidates) {
      if (c.start < reached) continue;
      const mention = c.resolve();
      if (!mention) continue;
      reached = c.end;
      const before = mentions.at(-1);
      mentions.push(mention);
      if (mention.via !== 'name' && mention.via !== 'alias') continue;
      // `龚志远介绍说，这是公司技术总监龚静。“……，”他笑着补充`: someone named within the words another
      // person is said to speak, in the same sentence, may or may not be whom a later 他/她 means.
      const between = before ? masked.slice(before.end, mention.start) : '';
      const speaker = before?.referent.kind === 'person' ? before.referent.person : null;
      const person = mention.referent.kind === 'person' ? mention.referent.person : null;
      if (speaker && person && speaker !== person && !speaker.reporter && !/[。！？!?；;]/u.test(between) && NAMED_IN_WORDS.test(between)) {
        this.history.push({ kind: 'ambiguous', candidates: [speaker, person] });
      } else this.history.push(mention.referent);
    }
    return mentions;
  }

  /** Names introduced with a post: `处长马建国`, `马建国（市水务局排水处处长）`, `李红教授`. */
  private introductions(text: string): Candidate[] {
    const found: Candidate[] = [];
    for (const match of text.matchAll(new RegExp(`(${SURNAME}[\\p{Script=Han}]{1,2})[（(]([^（）()“”]{1,40})[）)]`, 'gu'))) {
      const name = match[1]!;
      const inside = match[2]!;
      const gender = genderOf(inside);
      const title = titleInBrackets(inside);
      if (!title && !gender) continue;
      if (isNotName(name)) continue;
      const start = match.index;
      found.push({ start, end: start + match[0].length, priority: 3, resolve: () => this.nameMention(name, start, this.introduce(name, title, gender), match[0]) });
    }
    // A post right after a name (`李红教授`) only where no word runs into the name (`主任张伟教授`
    // is not `任张伟`); a form of address (`钱国强先生`) anywhere.
    // The highest offices say a name is a name whatever its surname (`习近平总书记`).
    const namePost = new RegExp(
      `(?:(?<=^|[^\\p{Script=Han}]|[了的和与、对向给跟据在是把被让请由及同])(?:(${SURNAME}[\\p{Script=Han}]{1,2}?)(${POST})|([\\p{Script=Han}]{2,3}?)(${HIGH_OFFICES}))|(${SURNAME}[\\p{Script=Han}]{1,2}?)(${ADDRESS}))`,
      'gu',
    );
    for (const match of text.matchAll(namePost)) {
      const name = match[1] ?? match[3] ?? match[5]!;
      if (isNotName(name) || /[副原老小]/u.test(name.slice(1)) || POSTS.some((p) => name.endsWith(p))) continue;
      const post = match[2] ?? match[4] ?? match[6]!;
      const start = match.index;
      const gender = genderOf(post);
      const title = ADDRESS_WORDS.includes(post) ? null : post;
      found.push({
        start,
        end: start + match[0].length,
        priority: 3,
        resolve: () => {
          const person = this.introduce(name, title, gender);
          this.addAlias(person, match[0]);
          return this.nameMention(name, start, person, match[0]);
        },
      });
    }
    // `家住青石巷的卢桂芳今年67岁`: a name introduced by a description and an age; an age says it is a
    // person's name even after a surname that is mostly a word (`家住枫林苑的常秀英今年六十七岁`).
    // `在夜市卖了八年炒粉的柯丽萍就是其中之一`: one of the people just told of is a person too.
    for (const match of text.matchAll(new RegExp(`(?<=的)(?:${SURNAME}|[${WORD_SURNAMES}])(?=[\\p{Script=Han}]{1,2}(?:今年|现年|已经|已\\d|\\d+岁|(?:就|也|便)?是其中))`, 'gu'))) {
      const nameStart = match.index;
      const name = nameAfterPost(text, nameStart);
      if (!name || !/^(?:今年|现年|已经|已\d|\d+岁|(?:就|也|便)?是其中)/u.test(text.slice(nameStart + name.length))) continue;
      found.push({ start: nameStart, end: nameStart + name.length, priority: 3, resolve: () => this.nameMention(name, nameStart, this.introduce(name, null, null)) });
    }
    // `25岁的杨思雨一边演示`, `五十八岁的邵长林`, `七十多岁的蓝德旺`: a name after an age, in figures or in words.
    for (const match of text.matchAll(new RegExp(`(?<=(?:\\d{1,3}|[一二三四五六七八九十]{1,3})[多来]?岁的)${SURNAME}`, 'gu'))) {
      const nameStart = match.index;
      const name = nameAfterPost(text, nameStart);
      // `四十九岁的郑站长`: a surname and a post is who the text names in full elsewhere, never a new name.
      if (!name || isNotName(name)) continue;
      found.push({ start: nameStart, end: nameStart + name.length, priority: 3, resolve: () => this.nameMention(name, nameStart, this.introduce(name, null, null)) });
    }
    // After the brackets: `居民张桂兰（女，68岁，退休教师）` is first of all a 退休教师.
    for (const match of text.matchAll(new RegExp(`${POST}(?=${SURNAME})`, 'gu'))) {
      const nameStart = match.index + match[0].length;
      const name = nameAfterPost(text, nameStart);
      if (!name) continue;
      const title = titleBefore(text, nameStart);
      // `退休工人赵秀英女士`: a form of address after the name gives the gender.
      const address = ADDRESS_WORDS.find((w) => text.startsWith(w, nameStart + name.length)) ?? '';
      const gender = genderOf(address) ?? genderOf(title);
      found.push({ start: nameStart, end: nameStart + name.length + address.length, priority: 3, resolve: () => this.nameMention(name, nameStart, this.introduce(name, title, gender), name + address) });
    }
    // `班主任向红梅每天……。“……”向红梅说。`: a surname that is mostly a word (`向`, `和`) opens a name
    // only right after a post, three characters long, when the article also credits words to that name.
    for (const match of text.matchAll(new RegExp(`${POST}(?=[${WORD_SURNAMES}])`, 'gu'))) {
      const nameStart = match.index + match[0].length;
      const name = nameAfterPost(text, nameStart);
      if (!name || name.length !== 3 || /记者|[我你他她它们]|大家/u.test(name) || !this.speaksByName(name)) continue;
      const title = titleBefore(text, nameStart);
      found.push({ start: nameStart, end: nameStart + name.length, priority: 3, resolve: () => this.nameMention(name, nameStart, this.introduce(name, title, genderOf(title))) });
    }
    // `文若兰是修复室里资历最老的修复师，今年五十八岁。……“……”文若兰说`: such a name opening a sentence,
    // then 是 or an age, is someone when the article credits words to that same name.
    for (const match of text.matchAll(new RegExp(`(?<=^|[。！？])[${WORD_SURNAMES}][\\p{Script=Han}]{2}(?=是|今年|现年)`, 'gu'))) {
      const name = match[0];
      if (/记者|[我你他她它们的了在是这那有个一不也都就还要把被]/u.test(name.slice(1)) || !this.speaksByName(name)) continue;
      const nameStart = match.index;
      found.push({ start: nameStart, end: nameStart + 3, priority: 3, resolve: () => this.nameMention(name, nameStart, this.introduce(name, null, null)) });
    }
    // `带我的师傅叫卢宝山，是个很倔的老头`, `一位名叫林小满的志愿者`: a name the text gives someone (叫, 名叫),
    // three characters of a common surname and no word of speech or doing in them.
    for (const match of text.matchAll(new RegExp(`(?<=(?:名叫|叫做|就叫|叫)|名字叫)${SURNAME}[\\p{Script=Han}]{2}(?=[，,。；;、的是])`, 'gu'))) {
      const name = match[0];
      if (isNotName(name) || NOT_IN_GIVEN_NAME.test(name.slice(1)) || POSTS.some((p) => name.includes(p))) continue;
      const nameStart = match.index;
      found.push({ start: nameStart, end: nameStart + name.length, priority: 3, resolve: () => this.nameMention(name, nameStart, this.introduce(name, null, null)) });
    }
    // `初二学生贝贝是……。“……”贝贝说`: a child's nickname (a character doubled) after a word for a
    // child or a family member is someone only when the article also credits words to it.
    for (const match of text.matchAll(new RegExp(`(?<=${NICKNAMED})([\\p{Script=Han}])\\1(?!们)`, 'gu'))) {
      const name = match[0];
      if (!this.speaksByName(name)) continue;
      const nameStart = match.index;
      found.push({ start: nameStart, end: nameStart + 2, priority: 3, resolve: () => this.nameMention(name, nameStart, this.introduce(name, null, null)) });
    }
    // `育才小学校长单振华认为`, `种粮大户解振宇正带着工人……。“……”解振宇说`, `校长次仁多吉……。次仁多吉告诉我`:
    // after a post or a trade, a name whose first character is no common surname (a surname that is
    // mostly a word, a rare one, a Tibetan or other minority name) is someone when the article credits
    // words to the very same characters (a speech verb, or 告诉我, right after them at a clause start, or
    // a speech verb right after three of them here): the longest such run of two to four characters.
    for (const match of text.matchAll(new RegExp(`${POST}(?=\\p{Script=Han})`, 'gu'))) {
      const nameStart = match.index + match[0].length;
      if (new RegExp(`^(?:${SURNAME}|[${WORD_SURNAMES}])`, 'u').test(text.slice(nameStart))) continue;
      for (const length of [4, 3, 2]) {
        const name = text.slice(nameStart, nameStart + length);
        if (!new RegExp(`^\\p{Script=Han}{${length}}$`, 'u').test(name) || UNNAME_CHARS.test(name) || isNotName(name) || isNotName(name.slice(0, 2))) continue;
        // Credited right here (`校长单振华认为`): a name of three characters, the commonest, only.
        const here = length === 3 && new RegExp(`^${MANNER}?(?:${VERB})`, 'u').test(text.slice(nameStart + length));
        if (POSTS.some((p) => name.includes(p)) || this.people.some((p) => p.name === name) || !(here || this.creditedByName(name))) continue;
        const title = titleBefore(text, nameStart);
        found.push({ start: nameStart, end: nameStart + length, priority: 3, resolve: () => this.nameMention(name, nameStart, this.introduce(name, title, genderOf(title))) });
        break;
      }
    }
    // `我在操场边上遇到了NAME。她正在……`: what reads as a full name ending its clause right after a verb of
    // meeting, a `他`/`她` opening the next clause, is the person met, whom the pronoun means.
    for (const match of text.matchAll(MET_THEN_PRONOUN)) {
      const name = match[1]!;
      const given = name.slice(surnameOf(name).length);
      if (isNotName(name) || isNotName(name.slice(0, 2)) || UNNAME_CHARS.test(given) || POSTS.some((p) => name.includes(p)) || PLACE_ENDING.test(name)) continue;
      const nameStart = match.index;
      found.push({ start: nameStart, end: nameStart + name.length, priority: 3, resolve: () => this.nameMention(name, nameStart, this.introduce(name, null, null)) });
    }
    return found;
  }

  /** True when the article credits words to this name as {@link speaksByName} does, or by `NAME告诉我`, `NAME对我说` (the reporter's 我). */
  private creditedByName(name: string): boolean {
    return this.speaksByName(name) || new RegExp(`(?:^|[，,。！？；：:\\s”」])${name}${MANNER}?(?:告诉我|对我说)`, 'mu').test(this.whole);
  }

  /** True when the article credits words to this name: a speech verb right after it, at a clause start or after a quotation. */
  private speaksByName(name: string): boolean {
    return new RegExp(`(?:^|[，,。！？；：:\\s”」])${name}${MANNER}?(?:${VERB})`, 'mu').test(this.whole);
  }

  private nameMention(name: string, start: number, person: PersonRecord, as = name): Mention {
    return { start, end: start + as.length, as, via: person.reporter ? 'reporter' : person.aliasOnly ? 'alias' : 'name', referent: { kind: 'person', person } };
  }

  /**
   * Every occurrence of a name already known (introduced earlier, on the byline, or introduced
   * later in the article); a post printed right before it (`湿地保护站站长林秋实`) is their post
   * when the text gave them none.
   */
  private knownNames(text: string): Candidate[] {
    const found: Candidate[] = [];
    const names = [...new Set([...this.people.map((p) => p.name), ...this.ahead])];
    for (const name of names) {
      if (name.length < 2) continue;
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        const start = at;
        found.push({
          start,
          end: start + name.length,
          priority: 4,
          resolve: () => {
            const known = this.byName(name);
            if (known?.reporter) return this.nameMention(name, start, known);
            const title = POSTS.some((post) => text.slice(0, start).endsWith(post)) ? titleBefore(text, start) : null;
            return this.nameMention(name, start, this.introduce(name, title, null));
          },
        });
      }
    }
    return found;
  }

  /** `马处长`, `马副处长`, `张大妈`, `老马`, `小李`. */
  private aliases(text: string): Candidate[] {
    const found: Candidate[] = [];
    const postAlias = new RegExp(`(${SURNAME})${POST_MODIFIER}(${POST}|${ADDRESS})`, 'gu');
    for (const match of text.matchAll(postAlias)) {
      const start = match.index;
      const alias = match[0];
      // `桥梁专家卞守仁`: a post right before someone's name is their post, never `梁专家` read inside a word.
      if (start > 0 && /\p{Script=Han}/u.test(text[start - 1]!) && this.people.some((p) => !p.reporter && !p.aliasOnly && p.name.length >= 2 && text.startsWith(p.name, start + alias.length))) continue;
      found.push({ start, end: start + alias.length, priority: 2, resolve: () => this.aliasMention(alias, start, match[1]!, match[2]!) });
    }
    const short = new RegExp(`(${SURNAME})(${Object.keys(SHORT_POSTS).join('|')})(?=${VERB}|[也还又就都在]|[^\\p{Script=Han}]|$)`, 'gu');
    for (const match of text.matchAll(short)) {
      const start = match.index;
      const alias = match[0];
      found.push({ start, end: start + alias.length, priority: 2, resolve: () => this.aliasMention(alias, start, match[1]!, SHORT_POSTS[match[2]!]!) });
    }
    const familiar = new RegExp(`(?<![\\p{Script=Han}])[老小](${SURNAME})(?![\\p{Script=Han}])|[老小](${SURNAME})(?=${VERB}|[也还又就都在]|[，,。：:])`, 'gu');
    for (const match of text.matchAll(familiar)) {
      const start = match.index;
      const alias = match[0];
      const surname = match[1] ?? match[2]!;
      found.push({ start, end: start + alias.length, priority: 2, resolve: () => this.aliasMention(alias, start, surname, null) });
    }
    return found;
  }

  private aliasMention(alias: string, start: number, surname: string, post: string | null): Mention {
    return { start, end: start + alias.length, as: alias, via: 'alias', referent: this.resolveAlias(alias, surname, post) };
  }

  /** `他`, `她`: not inside `其他`, `他们`, `她们`, `他人`, `吉他`. */
  private pronouns(text: string): Candidate[] {
    return [...text.matchAll(/(?<![其吉利])[他她](?![们人])/gu)].map((match) => ({
      start: match.index,
      end: match.index + 1,
      priority: 1,
      resolve: (): Mention => {
        // A pronoun that may mean someone the text does not read leaves whom the next one means open too
        // (`向小雨是第一批学员。她……` then `她说，……`): never the person named before that someone.
        const unread = this.unreadBefore(text, match.index);
        const referent: Referent | null = unread === false ? null : unread === true ? { kind: 'unresolved' } : { kind: 'unresolved', unread };
        if (referent) this.history.push(referent);
        return { start: match.index, end: match.index + 1, as: match[0], via: 'pronoun', referent: referent ?? this.resolvePronoun(match[0]) };
      },
    }));
  }

  /**
   * `退休的话剧演员葛某某提着水壶来帮忙。她说，……`: a post followed by a surname earlier in the
   * paragraph, where no one the article knows is named, introduces someone whose name could not be
   * read: a `他`/`她` after it may be them, so it refers to nobody for sure, never to someone named before.
   * True, or the unread name when the words before tell of one (`和春生`), for `ingest --explain`.
   */
  private unreadBefore(text: string, at: number): boolean | string {
    const before = text.slice(0, at);
    for (const m of before.matchAll(new RegExp(`${POST}(?=${SURNAME})`, 'gu'))) {
      const rest = before.slice(m.index + m[0].length);
      if (!this.people.some((p) => p.name.length >= 2 && rest.startsWith(p.name))) return true;
    }
    // `武淑珍如今也成了……的一员。她说，`: a sentence that opens with a full name the article printed
    // before, of no one read as a person, tells of someone the pronoun may mean: it refers to no one for sure.
    const earlier = this.seen.slice(0, -1).join('\n');
    for (const m of before.matchAll(new RegExp(`(?:^|[。！？；])(${SURNAME}[\\p{Script=Han}]{2})(?![市县区省镇乡村])`, 'gu'))) {
      const name = m[1]!;
      if (/[市县区省镇乡村局院校所队站部厅处社会]$/u.test(name) || !earlier.includes(name)) continue;
      if (!this.people.some((p) => p.name === name || p.aliases.includes(name))) return true;
    }
    // `二十九岁的茶农向小雨……。向小雨是第一批学员。她……`, `……，向小雨和几个年轻人……。“……”她说。`: a
    // surname that is mostly a word (`向`, `和`) opens a name the text does not read; when the same three
    // characters, no word of grammar among them, were printed in an earlier paragraph and open a
    // sentence or a clause here, a `他`/`她` after them may mean that person: it refers to no one for sure.
    for (const m of before.matchAll(new RegExp(`(?:^|[。！？；，,])([${WORD_SURNAMES}][\\p{Script=Han}]{2})`, 'gu'))) {
      const name = m[1]!;
      if (NOT_IN_GIVEN_NAME.test(name.slice(1)) || !earlier.includes(name)) continue;
      if (!this.people.some((p) => p.name === name || p.aliases.includes(name))) return true;
    }
    // `傍晚，和春生把船拴在柳树上。他说，“……”`: someone the text does not read does something before the
    // pronoun in its paragraph (or, for a pronoun in a paragraph's first sentence that names no one
    // known, at the end of the paragraph before): the pronoun may mean them.
    const doer = this.unreadDoerIn(before);
    if (doer) return doer;
    // Whether the words before the pronoun name anyone the article knows, by name or alias.
    const knownBefore = this.people.some((p) => before.includes(p.name) || p.aliases.some((a) => before.includes(a)));
    const previous = this.seen.at(-2);
    if (previous !== undefined && !/[。！？；]/u.test(before) && !knownBefore) {
      const sentences = splitSentences(previous);
      const last = this.unreadDoerIn(previous.slice(sentences.at(-1)?.start ?? 0));
      if (last) return last;
    }
    // `……，米粉店老板娘钱月娥正招呼客人进店。她说，`, `……的背包客NAME是在网上看到这里的。她说，`: in a paragraph
    // that names no one the article knows before the pronoun, what reads as a full name (a surname and two
    // characters) right before a word of doing, 是 or 一边, after whatever words tell who they are (a word
    // for a person, or any word of up to three characters after 的: `……的老街坊NAME一边……`), is someone the pronoun may mean: never for sure the
    // one named in an earlier paragraph.
    if (!knownBefore) {
      for (const m of before.matchAll(new RegExp(`(?<=[\\p{Script=Han}])(${SURNAME}[\\p{Script=Han}]{2})(?=${DOING}|是|一边)`, 'gu'))) {
        const name = m[1]!;
        if (isNotName(name) || isNotName(name.slice(0, 2)) || NOT_IN_GIVEN_NAME.test(name.slice(1)) || PLACE_ENDING.test(name)) continue;
        if (!/(?:娘|嫂|婶|姐|妹|哥|弟|叔|伯|爷|奶|婆|人|员|长|板|主|工|农|户|匠|师|生|手|家|夫|妇|女|男|子|客)$/u.test(before.slice(0, m.index)) && !/的[\p{Script=Han}]{1,3}$/u.test(before.slice(0, m.index))) continue;
        return name;
      }
    }
    // `校长顿珠次旦早早站在门口。他说，`: after a post, a name whose first character is no common surname
    // (read as someone only when the article credits words to it), right before a word of doing: a
    // `他`/`她` after it may be them, never for sure the one named before.
    for (const m of before.matchAll(new RegExp(`${POST}(?=\\p{Script=Han})`, 'gu'))) {
      const rest = before.slice(m.index + m[0].length);
      if (new RegExp(`^(?:${SURNAME}|[${WORD_SURNAMES}]|${VERB}|${CLAUSE_VERB})`, 'u').test(rest) || this.people.some((p) => p.name.length >= 2 && rest.startsWith(p.name))) continue;
      const name = new RegExp(`^(\\p{Script=Han}{2,4}?)(?=[早也还又都就正在把从往朝将已蹲站坐走领带望看指])`, 'u').exec(rest)?.[1];
      if (name && !UNNAME_CHARS.test(name) && !isNotName(name) && !isNotName(name.slice(0, 2)) && !POSTS.some((p) => name.includes(p))) return name;
    }
    return false;
  }

  /**
   * `傍晚，和春生把船拴在柳树上。`, `六十八岁的和春生收好了渔网。`: a clause that opens with what reads as a
   * full name (a surname, even one that is mostly a word, and two characters; after an age, a post or
   * a trade at most) right before a word of doing (`把`, `在`, `收好了`), of no one read as a person:
   * a `他`/`她` after it may mean that person, never for sure the one named before (nor the byline's reporter).
   */
  private unreadDoerIn(text: string): string | null {
    for (const m of text.matchAll(UNREAD_DOER)) {
      const name = m[1]!;
      if (isNotName(name) || isNotName(name.slice(0, 2)) || /[我你他她它们的了是在这那有个一不也都就还要把被让给对从到些么年月日天]/u.test(name.slice(1)) || /[市县区省镇乡村局院校所队站部厅处社会巷路街河山湖江桥]$/u.test(name)) continue;
      // `钟远峰还在灯下……。他说，` where the text knows only a `钟师傅`: the same person, named in full at last.
      const surname = surnameOf(name);
      if (this.people.some((p) => p.aliasOnly && p.name.startsWith(surname))) continue;
      if (!this.people.some((p) => p.name === name || p.aliases.includes(name) || name.startsWith(p.name))) return name;
    }
    return null;
  }

  /** `记者问`, `本报记者赵一帆说`: the reporter speaking (not `告诉记者`, which is the reporter listening). */
  private reporters(text: string): Candidate[] {
    const reporter = this.people.find((p) => p.reporter) ?? null;
    const found: Candidate[] = [];
    for (const match of text.matchAll(new RegExp(`(?:本报)?记者(?=${VERB})`, 'gu'))) {
      if (OBJECT_MARKER.test(text.slice(0, match.index)) || /告诉$|接受$/u.test(text.slice(0, match.index))) continue;
      const start = match.index;
      const person = reporter ?? { name: REPORTER_WORD, title: REPORTER_WORD, aliases: [], gender: null, reporter: true, aliasOnly: false };
      found.push({ start, end: start + match[0].length, priority: 4, resolve: () => ({ start, end: start + match[0].length, as: match[0], via: 'reporter', referent: { kind: 'person', person } }) });
    }
    return found;
  }

  /**
   * `张桂兰说`, `据王磊介绍`, `白若溪笑着回忆`: a name without a post, at a clause start, right before a
   * speech verb, or before one of a few words of manner (`笑着`, `感慨地`, `又`) and the verb.
   */
  private namesBeforeVerbs(text: string): Candidate[] {
    const found: Candidate[] = [];
    const pattern = new RegExp(`(?<=^|[，,。！？；：:、\\s”」${MASK}]|据|在)(${SURNAME}[\\p{Script=Han}]{1,2}?)(?=${MANNER}?(?:${CLAUSE_VERB}|${VERB})|看来)`, 'gu');
    for (const match of text.matchAll(pattern)) {
      const name = match[1]!;
      if (isNotName(name)) continue;
      const start = match.index;
      found.push({ start, end: start + name.length, priority: 0, resolve: () => this.nameMention(name, start, this.introduce(name, null, null)) });
    }
    // `在一家事务所工作的符小棠说`, `做文员的NAME说`: a three-character name after what someone does for
    // a living (`工作的`, `上班的`, `做……的`), right before a speech verb (never `刚种下的甘草地说`).
    for (const match of text.matchAll(new RegExp(`(?<=(?:工作|上班|任职|就职|就读|打工|[做当][\\p{Script=Han}]{1,4})的)(${SURNAME}[\\p{Script=Han}]{2})(?=${MANNER}?(?:${VERB}))`, 'gu'))) {
      const name = match[1]!;
      if (isNotName(name) || POSTS.some((p) => name.endsWith(p))) continue;
      const start = match.index;
      found.push({ start, end: start + name.length, priority: 0, resolve: () => this.nameMention(name, start, this.introduce(name, null, null)) });
    }
    // `他的妻子欧阳秀琴说`, `她的儿子NAME回忆`: a name right after a word of kin, right before a speech
    // verb, is the relative's, of the gender the word gives (a `她` after it may be them); a few words may
    // come between when the verb opens a quotation (`我师父陈有福在世时常说：“……”`).
    for (const match of text.matchAll(new RegExp(`(?<=${KIN})(?:(${SURNAME}[\\p{Script=Han}]{1,2}?)(?=${MANNER}?(?:${VERB}))|(${SURNAME}[\\p{Script=Han}]{2})(?=[^，,。！？；“”「」]{1,6}?(?:${VERB})[:：]\\s*[“「]))`, 'gu'))) {
      const name = match[1] ?? match[2]!;
      if (isNotName(name) || POSTS.some((p) => name.endsWith(p))) continue;
      const kin = KIN_WORDS.find((k) => text.slice(0, match.index).endsWith(k))!;
      const gender: Gender = FEMALE_KIN.has(kin) ? 'female' : MALE_KIN.has(kin) ? 'male' : null;
      const start = match.index;
      found.push({ start, end: start + name.length, priority: 0, resolve: () => this.nameMention(name, start, this.introduce(name, null, gender)) });
    }
    return found;
  }
}

/** Words of kin before a relative's name (`妻子`, `老伴`), and the gender some of them give. */
const KIN_WORDS = ['妻子', '丈夫', '爱人', '老伴', '母亲', '父亲', '女儿', '儿子', '儿媳', '女婿', '孙女', '孙子', '姐姐', '妹妹', '哥哥', '弟弟', '爷爷', '奶奶', '外公', '外婆', '师父', '师傅', '徒弟'];
const KIN = `(?:${KIN_WORDS.join('|')})`;
const FEMALE_KIN = new Set(['妻子', '母亲', '女儿', '儿媳', '孙女', '姐姐', '妹妹', '奶奶', '外婆']);
const MALE_KIN = new Set(['丈夫', '父亲', '儿子', '女婿', '孙子', '哥哥', '弟弟', '爷爷', '外公']);

function isNotName(name: string): boolean {
  return NOT_NAMES.has(name.slice(0, 2)) || ALIAS_SHAPED.test(name);
}

/** `李女士`, `马处长`, `老马`: words that name a person by surname, read as an alias, not a full name. */
const ALIAS_SHAPED = new RegExp(`^(?:${SURNAME}${POST_MODIFIER}(?:${POST}|${ADDRESS})|[老小]${SURNAME})$`, 'u');

function genderOf(words: string | null): Gender {
  if (!words) return null;
  if (FEMALE_WORDS.test(words)) return 'female';
  if (MALE_WORDS.test(words)) return 'male';
  return null;
}

/** Words that may follow a name (`马建国说`, `李红在`, `王刚和`): where a name after a post ends. */
const AFTER_NAME = new RegExp(`^(?:${VERB}|${CLAUSE_VERB}|${ADDRESS}|有一?句|常说|老人|长期|一直|多年|常年|从事|近年|带领|负责|主持|正在|刚刚|今年|现年|已经|[在对向也还则就的是和与、等带正已从把将曾自给跟同所指笑一今去每又都接告]|[^\\p{Script=Han}]|$)`, 'u');
const AFTER_NAME_STRONG = new RegExp(`^(?:${VERB}|${CLAUSE_VERB})`, 'u');

/** The name (two or three characters) that starts at `start`, after a post (`处长马建国说`). */
function nameAfterPost(text: string, start: number): string | null {
  // `教授上官婉清表示`: a two-character surname makes the name one character longer.
  const extra = COMPOUND_SURNAME.test(text.slice(start)) ? 1 : 0;
  if (extra) {
    const four = text.slice(start, start + 4);
    const three = text.slice(start, start + 3);
    if (/^[\p{Script=Han}]{4}$/u.test(four) && AFTER_NAME.test(text.slice(start + 4))) return four;
    if (/^[\p{Script=Han}]{3}$/u.test(three) && AFTER_NAME.test(text.slice(start + 3))) return three;
    return null;
  }
  const two = text.slice(start, start + 2);
  const three = text.slice(start, start + 3);
  if (!/^[\p{Script=Han}]{2}$/u.test(two) || isNotName(two)) return null;
  if (AFTER_NAME_STRONG.test(text.slice(start + 2))) return two;
  if (/^[\p{Script=Han}]{3}$/u.test(three) && AFTER_NAME.test(text.slice(start + 3))) return three;
  if (AFTER_NAME.test(text.slice(start + 2))) return two;
  return null;
}

/**
 * The post printed before a name (`市水务局排水处处长`): back to a clause break, from the last
 * `的`/`了`/`是` on, without a leading preposition (`据`, `在`).
 */
function titleBefore(text: string, end: number): string | null {
  let from = end;
  while (from > 0 && end - from < 30 && /[\p{Script=Han}A-Za-z0-9·]/u.test(text[from - 1]!)) from--;
  let title = text.slice(from, end);
  const cut = Math.max(title.lastIndexOf('的'), title.lastIndexOf('了'), title.lastIndexOf('是'));
  if (cut >= 0) title = title.slice(cut + 1);
  // `处长马建国和虚构大学教授马丽`: the post of the second name starts after the joining word
  // (but `住房和城乡建设局` is one organisation: no post before its `和`).
  const join = Math.max(...[...'和与及、'].map((w) => title.lastIndexOf(w)));
  if (join > 0 && POSTS.some((post) => title.slice(0, join).includes(post))) title = title.slice(join + 1);
  // `张伟（右）和城东社区卫生服务中心主任张丽`: a joining word is no part of the post.
  title = title.replace(/^(?:据|在|由|经|对|向|和|与|及|以及|同|记者|采访|见到|找到)+/u, '');
  return title === '' ? null : title;
}

/** The post inside brackets after a name (`（女，68岁，退休教师）` → `退休教师`), or null. */
function titleInBrackets(inside: string): string | null {
  const parts = inside.split(/[，,、；;]/u).map((s) => s.trim()).filter((s) => s !== '' && !/^[男女]$/u.test(s) && !/^\d+岁$/u.test(s));
  const title = parts.find((p) => POSTS.some((post) => p.includes(post)) || /(?:大学|学院|研究院|研究所|公司|集团|局|厅|委|中心|医院|协会|合作社)/u.test(p));
  return title ?? null;
}

// ---------------------------------------------------------------------------------------------
// Quotations
// ---------------------------------------------------------------------------------------------

interface Attribution {
  mention: Mention;
  placement: 'before' | 'after' | 'colon' | 'inherited';
}

/** A quotation, possibly running over several paragraphs (each opens with “, only the last closes). */
interface QuoteGroup {
  attribution: Attribution | null;
  segments: number;
}

interface Quotation {
  /** Index of the opening mark. */
  open: number;
  /** Index of the closing mark, or null when the quotation runs on into the next paragraph. */
  close: number | null;
  contentStart: number;
  contentEnd: number;
  group: QuoteGroup;
  /** True when this paragraph carries on a quotation opened in an earlier one. */
  continued: boolean;
}

/** The quotations of a paragraph, and the quotation that runs on into the next one, if any. */
function scanQuotations(text: string, carry: QuoteGroup | null): { quotations: Quotation[]; runsOn: QuoteGroup | null } {
  const quotations: Quotation[] = [];
  const firstMark = text.search(/\S/u);
  let carrying = carry && firstMark >= 0 && OPEN_MARKS.includes(text[firstMark]!) ? carry : null;
  let depth = 0;
  let current: Quotation | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (OPEN_MARKS.includes(ch)) {
      if (depth === 0) {
        const group = carrying ?? { attribution: null, segments: 0 };
        group.segments++;
        current = { open: i, close: null, contentStart: i + 1, contentEnd: text.length, group, continued: carrying !== null };
        carrying = null;
      }
      depth++;
    } else if (CLOSE_MARKS.includes(ch) && depth > 0) {
      depth--;
      if (depth === 0 && current) {
        current.close = i;
        current.contentEnd = i;
        quotations.push(current);
        current = null;
      }
    }
  }
  if (current) {
    let end = text.length;
    while (end > current.contentStart && /\s/u.test(text[end - 1]!)) end--;
    current.contentEnd = end;
    quotations.push(current);
    return { quotations, runsOn: current.group };
  }
  return { quotations, runsOn: null };
}

/** The paragraph's text with quoted words masked (marks kept), offsets unchanged. */
function maskQuotations(text: string, quotations: readonly Quotation[]): string {
  const chars = [...text.split('')];
  for (const q of quotations) for (let i = q.contentStart; i < q.contentEnd; i++) chars[i] = MASK;
  return chars.join('');
}

/** `他回头答了一句“`, `她笑着说了一声“`: a verb of saying and the count of what was said. */
const SAID_ONCE = '(?:了?一(?:句|声))?';
/** `说得很形象`, `讲得很直白`: how well the words were put, between the verb and them. */
const SAID_HOW = '(?:得(?:很|特别|挺|最|更)?[\\p{Script=Han}]{1,3})?';
const LEAD_AFTER_NAME = new RegExp(`^${BETWEEN}${VERB}${SAID_ONCE}${SAID_HOW}\\s*[：:，,]?\\s*$`, 'u');
const LEAD_COLON = /^\s*[：:]\s*$/u;
/** `指出“`, `指着一处说：“`, `望着远处一片刚种下的甘草地说：“`, `并强调，“`: a last clause that is a verb of saying with no subject. */
// Only adverbs or a `…着…` before the verb: `大家说` has a subject of its own.
const LEAD_WITHOUT_SUBJECT = new RegExp(`^\\s*(?:并|还|又|随即|接着|同时|便|就|也)?(?:[\\p{Script=Han}]{1,2}着[^，,。！？；“”]{0,12}?)?(?:[\\p{Script=Han}]{1,4}地)?${VERB}\\s*[：:，,]?\\s*$`, 'u');
/** `记者问张丽：“`: a verb, the person spoken to, a colon. */
const LEAD_VERB_OBJECT = new RegExp(`^${BETWEEN}${VERB}[\\p{Script=Han}]{1,6}[：:]\\s*$`, 'u');
const LEAD_WITHOUT_NAME = new RegExp(`^[\\s，,]*(?:(?:接着|随后|又|还|并|再)[^。！？；!?;“”]{0,6}?)?${VERB}\\s*[：:，,]?\\s*$`, 'u');
const TAIL_AFTER_NAME = new RegExp(`^${BETWEEN}${VERB}(?=[。！？!?，,：:；;“「]|\\s*$)`, 'u');

/**
 * The mention a lead credits (`马建国说：“`, `马建国：“`), scanning back from the opening mark; or,
 * when the verb has a clause of its own with no subject (`马建国翻开图纸，指着一处说：“`,
 * `习近平总书记在……时，……，指出“`), the subject that opens the sentence.
 */
function leadAttribution(text: string, open: number, leadStart: number, mentions: readonly Mention[]): Attribution | null {
  const inLead = mentions.filter((m) => m.start >= leadStart && m.end <= open && !OBJECT_MARKER.test(text.slice(leadStart, m.start)));
  const last = inLead.at(-1);
  if (!last) return null;
  const between = text.slice(last.end, open);
  if (LEAD_COLON.test(between)) return { mention: last, placement: 'colon' };
  if (LEAD_AFTER_NAME.test(between) || LEAD_VERB_OBJECT.test(between)) return { mention: last, placement: 'before' };
  const first = inLead[0]!;
  const clauseStart = Math.max(text.lastIndexOf('，', open - 1), text.lastIndexOf(',', open - 1)) + 1;
  // The name opens the sentence: nothing before it but a date (`2024年1月31日,`) or its post.
  const before = text.slice(leadStart, first.start);
  const opensSentence = /^[\s\d年月日上下午晚早今昨前后，,]*$/u.test(before) || (!/[，,]/u.test(before) && POSTS.some((post) => before.endsWith(post)));
  if (clauseStart > last.end && opensSentence && LEAD_WITHOUT_SUBJECT.test(text.slice(clauseStart, open))) return { mention: first, placement: 'before' };
  return null;
}

/** `本报讯`, `本报东礁11月20日电`, `新华社北京3月5日电`: a news lead's dateline, before its first sentence. */
const NEWS_DATELINE = /^\s*(?:本报讯|(?:本报|新华社|中新社)[\p{Script=Han}]{0,8}[0-9０-９]{1,2}月[0-9０-９]{1,2}日电)\s*$/u;
/** A sentence that ends with its verb of saying (`……一边对记者这样说。`): whose words came before it. */
const SAYS_AT_SENTENCE_END = /(?:这样|如此|如是)?(?:说|讲|说道|感慨道?)[。！!]$/u;

/** The mention a tail credits (`”马建国说。`, `”，他补充道。`), right after the closing mark. */
function tailAttribution(text: string, close: number, mentions: readonly Mention[]): Attribution | null {
  let at = close + 1;
  while (at < text.length && /[\s，,]/u.test(text[at]!)) at++;
  // `”市水务局排水处处长马建国说。`: a post may stand between the mark and the name.
  const m = mentions.find((x) => x.start >= at && x.start - at <= 30 && /^[\p{Script=Han}A-Za-z0-9·]*$/u.test(text.slice(at, x.start)));
  if (!m) return null;
  return TAIL_AFTER_NAME.test(text.slice(m.end)) ? { mention: m, placement: 'after' } : null;
}

/** `……正如习近平总书记所说，‘……’`: the person a speaker quotes inside their own quotation. */
function quotingIn(content: string): { person: string; honorific: string } | undefined {
  const inner = [...INNER_OPEN_MARKS].map((m) => content.indexOf(m)).filter((i) => i >= 0);
  for (const open of inner.sort((a, b) => a - b)) {
    const leadStart = Math.max(...['。', '！', '？', '；'].map((mark) => content.lastIndexOf(mark, open) + 1));
    const lead = content.slice(leadStart, open);
    // Any name here, not only common surnames: the honorific says it is a person (`习近平总书记`).
    const pattern = new RegExp(`([\\p{Script=Han}]{2,3}?)(${alternation([...HONORIFICS, ...POSTS])})[^。！？；‘’]{0,12}?(?:所说|所讲|所言|指出|强调|说过|说|讲|要求)[，,：:]?\\s*$`, 'u');
    const match = pattern.exec(lead);
    if (match) return { person: match[1]!, honorific: match[2]! };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Clauses of speech without quotation marks
// ---------------------------------------------------------------------------------------------

interface Clause {
  start: number;
  end: number;
  attribution: Attribution;
}

/** `提醒广大老年朋友，`, `叮嘱家长们：`: a verb of warning and the people warned, then the words. */
const WARNS_PEOPLE = '(?:提醒|告诫|叮嘱|嘱咐|奉劝|劝告)[^，,。！？；;：:“”「」]{0,10}?(?:朋友|们|家长|市民|群众|老人|老年人|游客|居民|大家|读者|消费者|网友|乘客|司机|学生|孩子|公众|村民)';
const CLAUSE_AFTER_NAME = new RegExp(`^${BETWEEN}(?:${CLAUSE_VERB}\\s*[，,：:]|${WARNS_PEOPLE}\\s*[，,：:]|${CLAUSE_VERB_DIRECT}(?![了的过着得]))\\s*`, 'u');
/** `并表示，……`, `还指出，……`: a sentence that carries on the words of the one before, with no subject. */
const CARRIES_ON = new RegExp(`^\\s*(?:并|还|同时|也|又|并且)${CLAUSE_VERB}\\s*[，,：:]\\s*`, 'u');

/** `收起无人机，望着满山的茶树说，`: a clause or two of the subject's doing, then a verb of saying with no subject of its own. */
const GESTURE_THEN_SAYS = new RegExp(`^(?:[^。！？；;!?“”「」，,]{1,20}[，,]){1,2}\\s*(?:并|还|又|随即|接着|同时|便|就|也)?(?:[\\p{Script=Han}]{1,2}着[^，,。！？；;“”「」]{0,12}?)?${CLAUSE_VERB}\\s*[，,]\\s*`, 'u');

/** `马建国认为，……。`: the clause after the verb, to the sentence end, is the person's words. */
function clausesOf(masked: string, mentions: readonly Mention[]): Clause[] {
  const clauses: Clause[] = [];
  let previous: Clause | null = null;
  for (const sentence of splitSentences(masked)) {
    const text = masked.slice(sentence.start, sentence.end);
    let found: Clause | null = null;
    const inSentence = mentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end);
    for (const [k, m] of inSentence.entries()) {
      if (OBJECT_MARKER.test(masked.slice(sentence.start, m.start))) continue;
      const after = masked.slice(m.end, sentence.end);
      // `龙启顺收起无人机，望着满山的茶树说，他打算……`: the name opens the sentence, a later clause is a
      // verb of saying with no subject of its own; what follows it is the name's.
      const opens = k === 0 && /^[\s\d年月日上下午晚早今昨前后，,]*$/u.test(masked.slice(sentence.start, m.start));
      const verb = CLAUSE_AFTER_NAME.exec(after) ?? (opens ? GESTURE_THEN_SAYS.exec(after) : null);
      if (!verb) continue;
      // Another name between this one and the verb is the verb's subject.
      const next = inSentence[k + 1];
      if (next && next.start < m.end + verb[0].length) continue;
      // Words that open a quotation right after the verb are the quotation's, not a clause; a
      // later name of the sentence may still open one (`“……”叶小棠说，“……”她表示，……`).
      if (OPEN_MARKS.includes(masked[m.end + verb[0].length] ?? '')) continue;
      found = { start: m.end + verb[0].length, end: sentence.end, attribution: { mention: m, placement: 'before' } };
      break;
    }
    const carried: Attribution | null = previous === null ? null : (previous as Clause).attribution;
    if (!found && carried) {
      const carry = CARRIES_ON.exec(text);
      if (carry) found = { start: sentence.start + carry[0].length, end: sentence.end, attribution: { ...carried, placement: 'inherited' } };
    }
    if (found) {
      while (found.end > found.start && /[。！？!?；;…\s]/u.test(masked[found.end - 1]!)) found.end--;
      // Words that open a quotation right after the verb are the quotation's, not a clause.
      if (OPEN_MARKS.includes(masked[found.start] ?? '')) found = null;
    }
    if (found && hanCount(masked.slice(found.start, found.end).replaceAll(MASK, '字')) < MIN_CLAUSE_CHARS) found = null;
    if (found) clauses.push(found);
    previous = found;
  }
  return clauses;
}

// ---------------------------------------------------------------------------------------------
// The paragraph's speaker
// ---------------------------------------------------------------------------------------------

/**
 * True when a sentence of `text` says `name` holds `post`: `牛长庚是……合作社的理事长`,
 * `牛长庚担任合作社理事长`, `牛长庚现任……站长`.
 */
function statesPost(text: string, name: string, post: string): boolean {
  const escaped = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  return new RegExp(`${escaped(name)}(?:是|为|现任|担任|任)[^。！？；]{0,30}?${escaped(post)}${NOT_POST_END}`, 'u').test(text);
}

function hanCount(text: string): number {
  return (text.match(/[\p{Script=Han}\p{L}\p{N}]/gu) ?? []).length;
}

function confidenceOf(mention: Mention, placement: Attribution['placement'], marked: boolean, continued: boolean): number {
  let c = mention.via === 'reporter' ? CONFIDENCE.reporter : CONFIDENCE[mention.via === 'alias' ? 'alias' : mention.via === 'pronoun' ? 'pronoun' : 'name'];
  if (!marked) c *= UNMARKED_FACTOR;
  if (placement === 'colon') c *= COLON_FACTOR;
  if (placement === 'inherited') c *= INHERITED_FACTOR;
  if (continued) c *= CONTINUED_FACTOR;
  return Math.round(c * 100) / 100;
}

function methodOf(mention: Mention, placement: Attribution['placement']): SpeechMethod {
  if (mention.via === 'pronoun') return 'pronoun';
  if (mention.via === 'alias') return 'alias';
  if (placement === 'colon') return 'colon-lead';
  return placement === 'after' ? 'verb-after' : 'verb-before';
}

/** Why a mention names nobody for sure, in English. */
function unresolvedReason(mention: Mention): string | null {
  const r = mention.referent;
  if (r.kind === 'ambiguous') return `${mention.as} may be any of ${r.candidates.map((c) => c.name).join(', ')}`;
  if (r.kind === 'unresolved') return r.unread ? `${mention.as} may mean ${r.unread}, told of just before it but not read as a person` : `${mention.as} refers to nobody named before it`;
  return null;
}

interface ParagraphReading {
  text: string;
  quotations: Quotation[];
  clauses: Clause[];
}

/** `我叫易帆`, `大家都喊我易老师`: the speaker giving their own name or what others call them. */
const SELF_NAMING = /(?:我(?:叫|是|姓)|(?:叫|喊|称|管)我(?:为|作|叫)?)$/u;

/**
 * `她毫不犹豫地说：“当老师，像易老师那样……”`, credited to 易帆: words that tell of the one they are
 * credited to in the third person (their full name, an alias the text gave them, or their surname and
 * their post or a form of address), outside a quotation inside them and not after `我叫`, `叫我`, are
 * hardly theirs: whoever the text means, the credit is wrong or unproven. The words that told of them, or null.
 */
function toldOfAsOther(words: string, person: PersonRecord, people: readonly PersonRecord[]): string | null {
  // `管他叫“柴站长”`: a quoted name is what they are called, no words of theirs.
  if (person.reporter || hanCount(words) < MIN_CLAUSE_CHARS + 2) return null;
  const outer = words.replace(/[‘『][^’』]*[’』]/gu, (m) => MASK.repeat(m.length));
  const surname = surnameOf(person.name);
  // A surname and a post or a form of address tells of them only when no one else the article knows
  // has that surname (`冉爷爷` in a 冉 grandchild's words is the grandfather), nor a form of the other gender.
  const alone = !people.some((p) => p !== person && !p.reporter && p.name.startsWith(surname));
  const posts = alone ? [...ADDRESS_WORDS, ...POSTS.filter((p) => (person.title ?? '').includes(p) || person.aliases.some((a) => a.endsWith(p)))].filter((p) => !person.gender || !genderOf(p) || genderOf(p) === person.gender) : [];
  const forms = [person.name, ...person.aliases, ...posts.map((p) => surname + p)].filter((f) => f.length >= 2);
  for (const form of forms) {
    for (let at = outer.indexOf(form); at >= 0; at = outer.indexOf(form, at + 1)) {
      // `易帆老师` is the full name; `易老师` after `像`, `跟`, `和`, `找`… is someone the words tell of.
      if (form !== person.name && outer.startsWith(person.name, at)) continue;
      if (!SELF_NAMING.test(outer.slice(0, at))) return form;
    }
  }
  return null;
}

function decideParagraph(reading: ParagraphReading, reporters: ReadonlySet<string>, people: readonly PersonRecord[]): ReportParagraphSpeech {
  const { text } = reading;
  const spans: SpeechSpan[] = [];
  const unattributed: UnattributedSpan[] = [];
  // Quotations credited in their own right (to someone, or to an alias the text leaves open).
  const attributedQuotations = reading.quotations.filter((q) => q.group.attribution !== null);

  const clauses = reading.clauses.map((c) => ({ ...c }));
  // A clause stops where a quotation credited to someone in its own right begins (`马建国说，村民张桂兰告诉他：“……”`).
  for (const clause of clauses) {
    for (const q of attributedQuotations) {
      if (q.open < clause.start || q.open >= clause.end) continue;
      const lead = q.group.attribution!.mention;
      // `他说，他最大的心愿是……，“……”`: a quotation credited to the clause's own speaker ends the clause
      // where it opens, not at the name or pronoun inside the clause that credits it.
      const same = lead.referent.kind === 'person' && clause.attribution.mention.referent.kind === 'person' && lead.referent.person === clause.attribution.mention.referent.person;
      clause.end = Math.min(clause.end, !same && lead.start >= clause.start && lead.start < q.open ? lead.start : q.open);
    }
    while (clause.end > clause.start && /[\s，,：:；;。]/u.test(text[clause.end - 1]!)) clause.end--;
  }

  for (const clause of clauses) {
    if (clause.end <= clause.start) continue;
    const { mention, placement } = clause.attribution;
    const why = unresolvedReason(mention);
    if (why) {
      unattributed.push({ start: clause.start, end: clause.end, reason: why });
      continue;
    }
    if (mention.referent.kind !== 'person') continue;
    // The words a clause reports run to the end of a quotation inside it at most (narration may follow it in the sentence).
    const closing = text.slice(clause.start, clause.end).search(/[”」]/u);
    const self = toldOfAsOther(text.slice(clause.start, closing < 0 ? clause.end : clause.start + closing), mention.referent.person, people);
    if (self) {
      unattributed.push({ start: clause.start, end: clause.end, reason: `the words tell of ${self} in the third person, so they are hardly ${mention.referent.person.name}'s, credited by ${mention.as}` });
      continue;
    }
    spans.push({ start: clause.start, end: clause.end, speaker: mention.referent.person.name, method: methodOf(mention, placement), confidence: confidenceOf(mention, placement, false, false), marked: false, as: mention.as });
  }

  for (const q of reading.quotations) {
    const attribution = q.group.attribution;
    // A lone mark (`“` with nothing after it) quotes no words.
    if (q.contentEnd <= q.contentStart) continue;
    const inClause = clauses.some((c) => c.start <= q.open && q.contentEnd <= c.end);
    if (!attribution) {
      const content = text.slice(q.contentStart, q.contentEnd);
      const isTerm = q.group.segments === 1 && hanCount(content) <= MAX_TERM_CHARS && !/[。！？!?；;，,]/u.test(content);
      if (isTerm || inClause) continue;
      unattributed.push({ start: q.contentStart, end: q.contentEnd, reason: 'quotation with no speaker named before or after it' });
      continue;
    }
    const why = unresolvedReason(attribution.mention);
    if (why) {
      unattributed.push({ start: q.contentStart, end: q.contentEnd, reason: why });
      continue;
    }
    if (attribution.mention.referent.kind !== 'person') continue;
    const self = toldOfAsOther(text.slice(q.contentStart, q.contentEnd), attribution.mention.referent.person, people);
    if (self) {
      unattributed.push({ start: q.contentStart, end: q.contentEnd, reason: `the words tell of ${self} in the third person, so they are hardly ${attribution.mention.referent.person.name}'s, credited by ${attribution.mention.as}` });
      continue;
    }
    const quoting = quotingIn(text.slice(q.contentStart, q.contentEnd));
    spans.push({
      start: q.contentStart,
      end: q.contentEnd,
      speaker: attribution.mention.referent.person.name,
      method: methodOf(attribution.mention, attribution.placement),
      confidence: confidenceOf(attribution.mention, attribution.placement, true, q.continued),
      marked: true,
      as: attribution.mention.as,
      ...(quoting ? { quoting } : {}),
    });
  }

  spans.sort((a, b) => a.start - b.start);
  // Never overlap: an earlier span keeps its words (defensive; the rules above keep them apart).
  const kept: SpeechSpan[] = [];
  for (const s of spans) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  const open: UnattributedSpan[] = [];
  for (const u of unattributed.sort((a, b) => a.start - b.start)) {
    if (![...kept, ...open].some((k) => u.start < k.end && k.start < u.end)) open.push(u);
  }
  unattributed.splice(0, unattributed.length, ...open);

  const total = Math.max(1, hanCount(text));
  const share = new Map<string, number>();
  for (const s of kept) {
    share.set(s.speaker, (share.get(s.speaker) ?? 0) + hanCount(text.slice(s.start, s.end)) / total);
  }
  const doubtful = unattributed.reduce((sum, u) => sum + hanCount(text.slice(u.start, u.end)), 0) / total;
  const [main, mainShare] = [...share.entries()].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];

  if (main !== null && mainShare >= MAIN_CONTENT_SHARE && !reporters.has(main)) {
    const own = kept.filter((s) => s.speaker === main);
    const confidence = Math.min(...own.map((s) => s.confidence));
    const first = own[0]!;
    const narration = narrationAround(reading, [...kept, ...unattributed]);
    return {
      speaker: main,
      method: 'quotation',
      confidence,
      spans: kept,
      unattributed,
      reason: `${Math.round(mainShare * 100)}% of the paragraph is ${main}'s words, credited by ${first.method} (${first.as})`,
      ...(narration.length > 0 ? { narration } : {}),
    };
  }
  if (doubtful >= MAIN_CONTENT_SHARE || (doubtful >= 1 / 3 && mainShare < MAIN_CONTENT_SHARE)) {
    return { speaker: null, method: 'unattributed', confidence: 0, spans: kept, unattributed, reason: `speech whose speaker the text leaves open: ${unattributed[0]!.reason}` };
  }
  const plain = kept.length === 0 && unattributed.length === 0 && reading.quotations.length === 0;
  return {
    speaker: null,
    method: 'narration',
    confidence: plain ? 0.9 : 0.8,
    spans: kept,
    unattributed,
    reason: kept.length > 0 ? `narration with ${kept.length} span(s) of speech making up ${Math.round(mainShare * 100)}% or less` : 'narration: no speech credited to anyone',
  };
}

/**
 * The sentences of a paragraph that hold no speech (`speech`: its spans, credited or open) and no
 * quotation but a term, with words enough to say something: the reporter's narration. A sentence
 * is read with quoted words masked, so that a full stop inside a quotation ends none.
 */
function narrationAround(reading: ParagraphReading, speech: ReadonlyArray<{ start: number; end: number }>): Array<{ start: number; end: number }> {
  const { text, quotations } = reading;
  const masked = maskQuotations(text, quotations);
  const found: Array<{ start: number; end: number }> = [];
  for (const sentence of splitSentences(masked)) {
    let { start, end } = sentence;
    while (start < end && /\s/u.test(text[start]!)) start++;
    while (end > start && /[\s。！？!?；;…]/u.test(text[end - 1]!)) end--;
    if (hanCount(text.slice(start, end)) < MIN_CLAUSE_CHARS) continue;
    if (speech.some((s) => s.start < sentence.end && sentence.start < s.end)) continue;
    // A quotation in it is a term (`“选项走班”`); anything longer is someone's words, nobody's narration.
    const quoted = quotations.filter((q) => q.open < sentence.end && sentence.start <= (q.close ?? text.length));
    if (quoted.some((q) => q.close === null || hanCount(text.slice(q.contentStart, q.contentEnd)) > MAX_TERM_CHARS || /[。！？!?；;，,]/u.test(text.slice(q.contentStart, q.contentEnd)))) continue;
    found.push({ start, end });
  }
  return found;
}

/** A name's surname: its first two characters for a two-character surname (`欧阳`), else its first. */
function surnameOf(name: string): string {
  return COMPOUND_SURNAME.test(name) ? name.slice(0, 2) : name.slice(0, 1);
}

/** The person a credit names, or null when it names nobody for sure. */
function personOf(attribution: Attribution | null): PersonRecord | null {
  return attribution?.mention.referent.kind === 'person' ? attribution.mention.referent.person : null;
}

/** `说起往事，`, `谈起这片湿地，`: a phrase of what the talk turns to, between someone's words and their name. */
const TALK_TURNS_TO = /^\s*(?:说起|谈起|提起|讲起|聊起|说到|谈到|提到|讲到|聊到)[^。！？；;，,“”「」]{1,10}[，,]\s*$/u;
/** `站在满是淤泥的村道上，`: where someone stands or sits, between their words and their name and speech verb. */
const SCENE_BEFORE_NAME = /^\s*(?:站|坐|蹲|走)在[^。！？；;，,“”「」]{1,14}[，,]\s*$/u;

/**
 * Quotations the text credits by their neighbours, not by a verb of their own: a quotation that
 * stands as a sentence after someone's credited words in the same paragraph, nobody else named in
 * between (`邵处长表示，……。“我们的目标是……”`), is theirs; a quotation that opens a paragraph and
 * is followed by a sentence introducing someone whose words the paragraph then credits
 * (`“……。”家住青石巷的卢桂芳今年67岁。她告诉记者，……`) is theirs. Credited as inherited (less sure).
 */
function creditFromNeighbours(masked: string, quotations: readonly Quotation[], clauses: readonly Clause[], mentions: readonly Mention[], text: string): void {
  const credits = [
    ...quotations.filter((q) => q.close !== null && personOf(q.group.attribution)).map((q) => ({ end: q.close! + 1, attribution: q.group.attribution! })),
    ...clauses.filter((c) => personOf(c.attribution)).map((c) => ({ end: c.end, attribution: c.attribution })),
  ];
  for (const q of quotations) {
    if (q.group.attribution || q.continued || q.close === null) continue;
    // `本报讯 “……”`: the news lead's dateline opens the paragraph, no sentence of its own.
    const before = masked.slice(0, q.open).trimEnd().replace(NEWS_DATELINE, '');
    const opensSentence = before === '' || /[。！？!?；;”」]$/u.test(before);
    // `“……”25岁的杨思雨一边演示，一边……`: the person right after the words, their subject.
    const after = masked.slice(q.close + 1);
    const next = mentions.find((m) => m.start > q.close!);
    if (next && (next.via === 'name' || next.via === 'alias') && next.referent.kind === 'person' && !next.referent.person.reporter) {
      const gap = masked.slice(q.close + 1, next.start);
      // `“……。”说起往事，符某有些不好意思。`: words about the talk (`说起往事`, `谈起这事`) before the name.
      // `“……。”站在满是淤泥的村道上，邝局长说，……`: where they stand, then the name and a verb of saying.
      const scene = SCENE_BEFORE_NAME.test(gap) && new RegExp(`^${MANNER}?(?:${VERB})`, 'u').test(masked.slice(next.end));
      if ((/^\s*(?:(?:今年)?(?:\d{1,3}|[一二三四五六七八九十]{1,3})岁的)?$/u.test(gap) || TALK_TURNS_TO.test(gap) || scene) && !/^的/u.test(masked.slice(next.end)) && !/^[。！？!?]/u.test(after)) {
        q.group.attribution = { mention: next, placement: 'inherited' };
        continue;
      }
    }
    if (!opensSentence) {
      // `在她的记忆里，……，“……”。`: a quotation ending a sentence that names only someone the paragraph credits.
      const sentenceStart = Math.max(...[...'。！？!?；;'].map((mark) => masked.lastIndexOf(mark, q.open - 1) + 1));
      const inSentence = mentions.filter((m) => m.start >= sentenceStart && m.end <= q.open);
      const people = new Set(inSentence.map((m) => (m.referent.kind === 'person' ? m.referent.person : null)));
      const person = inSentence.length > 0 && people.size === 1 ? [...people][0] : null;
      const ends = /^[\s”」]*(?:[。！？!?；;]|$)/u.test(masked.slice(q.close + 1));
      // `NAME收起无人机，望着满山的茶树说，他打算……，“……”。`: the name opens the sentence and a later clause
      // of it is a verb of saying with no subject of its own (a gesture before it at most).
      const opener = inSentence[0];
      const says =
        opener !== undefined &&
        /^[\s\d年月日上下午晚早今昨前后，,]*$/u.test(masked.slice(sentenceStart, opener.start)) &&
        masked.slice(opener.end, q.open).split(/[，,]/u).slice(1).some((clause) => LEAD_WITHOUT_SUBJECT.test(clause));
      if (person && !person.reporter && ends && (says || credits.some((c) => personOf(c.attribution) === person))) {
        q.group.attribution = { mention: says ? opener! : inSentence.at(-1)!, placement: 'inherited' };
      }
      continue;
    }
    const prior = credits.filter((c) => c.end <= q.open).sort((a, b) => b.end - a.end)[0];
    if (prior) {
      const person = personOf(prior.attribution)!;
      const between = mentions.filter((m) => m.start >= prior.end && m.end <= q.open);
      // `温景和告诉记者，……是他的导师严正松。“严先生……跟我说过……”`: someone else named in between whom
      // the words themselves tell of in the third person (by name, alias, or surname and a post) is
      // no speaker of them: the words go on being those of the person credited.
      const words = text.slice(q.contentStart, q.contentEnd);
      const toldOfInWords = (other: PersonRecord) => other !== person && !other.reporter && (words.includes(other.name) || other.aliases.some((a) => words.includes(a)) || new RegExp(`${surnameOf(other.name)}${POST_MODIFIER}(?:${POST}|${ADDRESS})`, 'u').test(words));
      if (!person.reporter && between.every((m) => m.referent.kind === 'person' && (m.referent.person === person || toldOfInWords(m.referent.person)))) {
        q.group.attribution = { ...prior.attribution, placement: 'inherited' };
        continue;
      }
    }
    if (before !== '') continue;
    const sentenceEnd = masked.slice(q.close + 1).search(/[。！？!?；;]/u);
    const end = sentenceEnd < 0 ? masked.length : q.close + 1 + sentenceEnd;
    const first = mentions.find((m) => m.start > q.close! && m.start < end);
    if (!first || (first.via !== 'name' && first.via !== 'alias') || first.referent.kind !== 'person') continue;
    // `“……”在老祠堂里，六十八岁的传承人NAME一边刨着木板，一边对记者这样说。`: the sentence after the
    // words names one person (besides the reporter) and ends with a verb of saying: the words are theirs.
    const told = mentions.filter((m) => m.start > q.close! && m.start < end);
    const tellers = new Set(told.flatMap((m) => (m.referent.kind === 'person' && !m.referent.person.reporter ? [m.referent.person] : [])));
    const sentence = masked.slice(q.close + 1, end + 1);
    if (tellers.size === 1 && told.every((m) => m.referent.kind === 'person') && !/[“「]/u.test(sentence) && SAYS_AT_SENTENCE_END.test(sentence)) {
      q.group.attribution = { mention: first, placement: 'inherited' };
      continue;
    }
    const introduced = first.referent.person;
    if (introduced.reporter || !credits.some((c) => personOf(c.attribution) === introduced)) continue;
    q.group.attribution = { mention: first, placement: 'inherited' };
  }
}

/** A sentence that sets a scene (`上午十点，……`, `随后，……`): the reporter's narration, whoever spoke around it. */
const SCENE_OPENING = /^\s*(?:[上下中]午|傍晚|清晨|早上|晚上|凌晨|当天|当晚|随后|此时|这时|眼下|记者|[0-9０-９一二三四五六七八九十两]+(?:点|时))/u;
/** At most this many sentences between two credits of one person are carried on as theirs. */
const MAX_CARRIED_SENTENCES = 3;

/**
 * `杜某介绍，这次采用了新技术。工人们给每块砖编号。他说：“……”`: sentences framed by one person's
 * reported words (a clause after a verb such as 介绍, 表示) and their next words in the same paragraph
 * (credited by 他/她, their name or alias), naming no one, quoting nothing but a term and setting no
 * scene, carry on the account of the first: theirs (inherited, less sure), never the reporter's.
 */
function carriedBetween(masked: string, quotations: readonly Quotation[], clauses: readonly Clause[], mentions: readonly Mention[]): Clause[] {
  const carried: Clause[] = [];
  const sentences = splitSentences(masked);
  const credits = [
    ...clauses.map((c) => ({ at: c.start, attribution: c.attribution })),
    ...quotations.filter((q) => q.group.attribution !== null && !q.continued).map((q) => ({ at: q.open, attribution: q.group.attribution! })),
  ].sort((a, b) => a.at - b.at);
  for (const clause of clauses) {
    const person = clause.attribution.placement === 'before' ? personOf(clause.attribution) : null;
    if (!person || person.reporter) continue;
    const next = credits.find((c) => c.at >= clause.end);
    if (!next || personOf(next.attribution) !== person || next.attribution.placement !== 'before') continue;
    const lead = next.attribution.mention;
    const leadSentence = sentences.find((s) => s.start <= lead.start && lead.start < s.end);
    if (!leadSentence) continue;
    const gap = sentences.filter((s) => s.start >= clause.end && s.end <= leadSentence.start);
    if (gap.length === 0 || gap.length > MAX_CARRIED_SENTENCES) continue;
    const from = gap[0]!.start;
    const to = gap.at(-1)!.end;
    if (mentions.some((m) => m.start < to && m.end > from)) continue;
    const quotedInGap = quotations.filter((q) => q.open < to && (q.close ?? masked.length) >= from);
    if (quotedInGap.some((q) => q.group.attribution !== null || hanCount(masked.slice(q.contentStart, q.contentEnd).replaceAll(MASK, '字')) > MAX_TERM_CHARS)) continue;
    if (gap.some((s) => SCENE_OPENING.test(masked.slice(s.start, s.end)))) continue;
    for (const s of gap) {
      const start = s.start + (masked.slice(s.start, s.end).length - masked.slice(s.start, s.end).trimStart().length);
      if (hanCount(masked.slice(start, s.end).replaceAll(MASK, '字')) >= MIN_CLAUSE_CHARS) carried.push({ start, end: s.end, attribution: { mention: clause.attribution.mention, placement: 'inherited' } });
    }
  }
  return carried;
}

/**
 * Who says each paragraph of a news feature, and whom it quotes.
 *
 * @example
 * attributeReportSpeech(['市水务局排水处处长马建国说：“今年汛期前，全市新建了三座泵站。”'], { byline: ['赵一帆'] })
 * // paragraphs[0]: { speaker: '马建国', method: 'quotation', spans: [{ method: 'verb-before', … }] }
 */
export function attributeReportSpeech(paragraphs: readonly string[], options: ReportSpeechOptions): ReportSpeechResult {
  // A first reading learns the full names the article introduces; the second knows them from the start.
  const whole = paragraphs.join('\n');
  const introduced = readParagraphs(paragraphs, new PeopleDirectory(options.byline, [], whole)).directory.people.filter((p) => !p.reporter && !p.aliasOnly).map((p) => p.name);
  const { directory, readings } = readParagraphs(paragraphs, new PeopleDirectory(options.byline, introduced, whole));
  const reporters = new Set([REPORTER_WORD, ...options.byline.map((n) => n.trim())]);
  return {
    paragraphs: readings.map((r) => decideParagraph(r, reporters, directory.people)),
    people: directory.people.filter((p) => !p.reporter).map((p) => ({ name: p.name, title: p.title, aliases: [...p.aliases] })),
  };
}

/** The quotations and clauses of every paragraph, with whom the text credits, in order. */
function readParagraphs(paragraphs: readonly string[], directory: PeopleDirectory): { directory: PeopleDirectory; readings: ParagraphReading[] } {
  const readings: ParagraphReading[] = [];
  let carry: QuoteGroup | null = null;
  for (const text of paragraphs) {
    const { quotations, runsOn } = scanQuotations(text, carry);
    carry = runsOn;
    const masked = maskQuotations(text, quotations);
    const mentions = directory.read(masked);
    let previous: Quotation | null = null;
    for (const q of quotations) {
      const leadStart = Math.max(previous ? (previous.close ?? q.open) + 1 : 0, ...[...'。！？；!?;'].map((mark) => masked.lastIndexOf(mark, q.open - 1) + 1));
      if (!q.continued) {
        const lead = leadAttribution(masked, q.open, leadStart, mentions);
        if (lead) q.group.attribution = lead;
        else {
          const before: Attribution | null = previous?.group.attribution ?? null;
          const previousClose = previous?.close ?? null;
          if (before && previousClose !== null) {
            // `马建国说：“A。”接着又说：“B。”` and `“A。”“B。”`: the next quotation of the same voice.
            const gap = masked.slice(previousClose + 1, q.open);
            const noName = !mentions.some((m) => m.start > previousClose && m.end <= q.open);
            if (noName && (/^[\s，,]*$/u.test(gap) || LEAD_WITHOUT_NAME.test(gap))) q.group.attribution = { ...before, placement: 'inherited' };
          }
        }
      }
      if (q.close !== null && !q.group.attribution) q.group.attribution = tailAttribution(masked, q.close, mentions);
      previous = q;
    }
    const clauses = clausesOf(masked, mentions);
    creditFromNeighbours(masked, quotations, clauses, mentions, text);
    clauses.push(...carriedBetween(masked, quotations, clauses, mentions));
    readings.push({ text, quotations, clauses });
  }
  return { directory, readings };
}
