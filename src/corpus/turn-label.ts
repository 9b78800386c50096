import * as OpenCC from 'opencc-js';
import { COMPOUND_SURNAMES } from './compound-surnames.js';
import { readGuestListLabel } from './guest-list.js';
import { DEGREES, POSITION_WORDS } from './person-profile.js';

/**
 * Turn labels in any style a paper, a site or a broadcaster prints them: `NAME：`, `NAME:`, `NAME :`,
 * `【NAME】`, `NAME（title）：`, `NAME教授：`, `主持人 NAME :`, `问：`, `答：`, `记者：`, `解说：`, a role
 * as a label (`省教育厅厅长：`), in Simplified or Traditional characters. This file reads the shape of
 * one label; which labels an article really uses is learnt from the article (`read-turns.ts`).
 */

/** How a label is printed. */
export type LabelStyle = 'colon' | 'bracket' | 'alone';

/** A label at the start of a paragraph. */
export interface TurnLabel {
  /** Where the label (and the space after it) ends in the paragraph's text. */
  end: number;
  /** The label as printed, without brackets or colon (`李娜（某大学教授）`). */
  printed: string;
  /** A person's name, as printed (`李娜`), or null for a role word or a role label. */
  name: string | null;
  /** A role word (`主持人`, `问`, `答`, `记者`, `解说`), in Simplified characters, or null. */
  roleWord: string | null;
  /** A title printed with the name (`某大学教授`, `教授`), or a role label itself (`省教育厅厅长`). */
  title: string | null;
  /** True for a role label (`省教育厅厅长`): a post, not a name. */
  isRole: boolean;
  style: LabelStyle;
  /** True for `【NAME】`. */
  bracketed: boolean;
  /** True for someone of the audience under a nickname (`网友“青石巷”`): `name` is the nickname, `title` the word (`网友`). */
  audience?: boolean;
}

/** `网友“青石巷”`, `读者「小满」`: a question from the audience, under the nickname in quotation marks. */
const AUDIENCE_LABEL = /^(网友|读者|听众|观众)\s*[“"「『]([^“”"「」『』]{1,16})[”"」』]$/u;

/** `热线听众 陈先生`, `听众王女士`: a caller or a reader, then a surname and a courtesy (no given name). */
const AUDIENCE_CALLER = /^((?:热线|来电)?(?:听众|观众)|网友|读者|市民|热线)\s*([\p{Script=Han}](?:先生|女士|阿姨|大爷|大妈|大姐|大哥|师傅))$/u;

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** Each character's Simplified form, once converted: OpenCC's converter is dear, a paragraph's characters repeat. */
const simplifiedChars = new Map<string, string>();
/** Most characters kept (every Han character the articles use fits many times over). */
const SIMPLIFIED_CHARS_LIMIT = 50_000;

/** Whole texts once viewed: reading an article looks at the same paragraphs again and again. */
const simplifiedTexts = new Map<string, string>();
const SIMPLIFIED_TEXTS_LIMIT = 4_000;

/** The text in Simplified characters, one character for one, so offsets stay those of the source. */
export function simplifiedView(text: string): string {
  const seen = simplifiedTexts.get(text);
  if (seen !== undefined) return seen;
  const view = convertToSimplified(text);
  if (simplifiedTexts.size >= SIMPLIFIED_TEXTS_LIMIT) simplifiedTexts.clear();
  simplifiedTexts.set(text, view);
  return view;
}

function convertToSimplified(text: string): string {
  let out = '';
  for (const ch of text) {
    // (Below U+2E80 no character has a Traditional form: ASCII, punctuation, full-width forms are as they are.)
    if (ch.charCodeAt(0) < 0x2e80) {
      out += ch;
      continue;
    }
    const known = simplifiedChars.get(ch);
    if (known !== undefined) {
      out += known;
      continue;
    }
    const c = toSimplified(ch);
    const converted = c.length === ch.length ? c : ch;
    if (simplifiedChars.size >= SIMPLIFIED_CHARS_LIMIT) simplifiedChars.clear();
    simplifiedChars.set(ch, converted);
    out += converted;
  }
  return out;
}

/**
 * Common surnames (in Simplified characters). A label learnt only from its shape (it recurs, carries
 * a title, or stands alone on its line) is taken for a person's name only when it opens with one:
 * `比如：`, `首先：` and `具体来说：` open paragraphs too, and are no one.
 */
const SURNAMES = new Set([
  ...'王李张刘陈阎杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤洪常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由上赖',
]);

/** True when a label's name opens with a common surname (`李娜`, `欧阳明`, `端木鸿`; not `比如`, `首先`). */
export function looksLikePersonName(name: string): boolean {
  const view = simplifiedView(name);
  return SURNAMES.has(view[0] ?? '') || (view.length > 2 && COMPOUND_SURNAMES.some((s) => view.startsWith(s)));
}

/** Role words that can stand as a label, longest first. */
export const LABEL_ROLE_WORDS = ['主持人', '本报记者', '记者', '主播', '解说', '旁白', '画外音', '编者', '问', '答', 'Q', 'A'] as const;
/** Honorifics and degrees printed after a name in a label (`王立群教授`, `陈静博士`). */
const NAME_SUFFIXES = [
  ...new Set([...POSITION_WORDS, ...DEGREES, '老师', '师傅', '先生', '女士', '阿姨', '大姐', '大哥', '院士', '专家', '嘉宾', '医生', '医师', '护士', '律师', '规划师', '设计师', '建筑师', '会计师', '总监', '馆长', '站长', '校长', '社长', '行长', '会长', '主编', '队长']),
].sort((a, b) => b.length - a.length);

/**
 * `程教授`, `黄医生`, `阎副主任`: a surname and a title, the way a text calls someone it names in full
 * elsewhere; null for anything else. The title is returned in Simplified characters.
 */
export function surnameAndTitle(label: string): { surname: string; title: string } | null {
  const view = simplifiedView(label);
  const title = view.slice(1);
  if (!looksLikePersonName(view) || !NAME_SUFFIXES.some((s) => title === s || title === `副${s}`)) return null;
  return { surname: view[0]!, title };
}

/** A head that qualifies a post (`省委`, `副`, `项目`): no one's name. */
const POST_HEAD = /[省市县区镇乡村委党部厅局处科股院所校队组办总副]|项目|工程|技术|行政|执行|首席/u;
const HAN_NAME = /^[\p{Script=Han}]{2,4}$/u;
/** `史蒂文·李`, `阿卜杜·热合曼`: a name of foreign descent in Han characters, its parts joined by a middle dot. */
const DOTTED_NAME = /^[\p{Script=Han}]{1,6}(?:[·・•‧][\p{Script=Han}]{1,6}){1,2}$/u;
/** `兒科`, `市局`: a department or a place before a title, no one's name (no surname, a unit's last character). */
function isDepartment(head: string): boolean {
  return !looksLikePersonName(head) && /[科局院部所厅处室站馆校队组委办司会团社台厂店村镇县市区省]$/u.test(simplifiedView(head));
}
/** How the name of a school, a hospital, a firm, a village ends (`石门小学`, `城南医院`, `石坪村`): a unit, never a person's name. */
const UNIT_NAME_END = /(?:小学|中学|大学|学校|学院|幼儿园|医院|卫生院|诊所|公司|集团|银行|合作社|中心|工厂|农场|林场|牧场|研究所|研究院|博物馆|图书馆|纪念馆|博物院|社区|村)$/u;
/**
 * `石門小學校長`, `石坪村主任`, `黄河局局长`: a head before a post that is a unit's name, even one that
 * opens with a surname (石, 黄): it names a school or a village, or ends in the post's own unit (`局`
 * then `局长`), so the label is a post, never a person called `石門小學`.
 */
function isUnitBeforePost(head: string, post: string): boolean {
  const view = simplifiedView(head);
  return view.length >= 3 && (UNIT_NAME_END.test(view) || (/[村镇乡县市区局厅处站馆校院所队厂社]$/u.test(view) && view.endsWith(post[0]!)));
}
/** What a label's text may not hold: sentence punctuation means prose, not a label. */
const NOT_IN_LABEL = /[，,。！？!?；;“”"、…《》]/u;
/** One character before a colon that heads a credit or a note (`文：NAME`, `图：…`, `注：…`), never a surname labelling a turn. */
const NOT_A_SURNAME_LABEL = /^[文图摄编注按附]$/u;

/** What a line of the front matter may be about (`播出时间：`, `播出频道：`, `本期话题：`, `采访地点：`, `记录整理：`, `访谈人：`, `说明：` a note on the record): a fact or a credit, not a speaker (`访谈人：NAME（unit）` credits the interviewer, whose turns their own name labels; `受访人：NAME` names the interviewee, whose turns their name labels); `编者按：` heads the paper's note. */
export const FACT_WORDS = ['时间', '日期', '时段', '地点', '来源', '栏目', '频道', '整理', '撰稿', '摄影', '访谈人', '受访人', '受访者', '责任编辑', '校对', '说明', '话题', '主题'] as const;
/**
 * Words a credits line credits someone with (`口述`, `采访`, `整理`, `撰稿`, `解说`, `编导`, `摄像`), in
 * Simplified characters: the work a person named after them did on the piece, never a label of a turn.
 */
export const CREDIT_WORDS = [
  ...['口述', '采访', '访谈', '整理', '采访整理', '记录整理', '文字整理', '记录', '采写', '撰稿', '撰文', '执笔', '文字', '解说', '旁白', '配音', '编导', '导演', '摄像', '摄影'],
  ...['编辑', '责任编辑', '剪辑', '制片', '制片人', '监制', '策划', '统筹', '主持人', '主持', '记者', '访谈人', '采访人', '受访人', '翻译', '校对'],
].sort((a, b) => b.length - a.length);

/** One credit of a credits line: the words it credits (`撰稿`, `解说`), as they read in Simplified characters and as printed (`撰稿、解說`), and the names, as printed. */
export interface Credit {
  words: string[];
  printed: string;
  names: string[];
}

/**
 * `整理：NAME`, `本集撰稿、解说：NAME`, `采访整理：本报记者 NAME`: one credit, its words (perhaps after 本集, 本期,
 * joined by 、 or /) and one name or several joined by 、 (perhaps after 记者), up to a space or the end.
 */
const CREDIT = new RegExp(
  `(?:本集|本期|本片|本文|本篇|本节目)?((?:${CREDIT_WORDS.join('|')})(?:[、/／](?:${CREDIT_WORDS.join('|')}))*)\\s*[:：]\\s*(?:(?:本报)?(?:特约)?记者\\s*)?([\\p{Script=Han}]{2,4}(?:、[\\p{Script=Han}]{2,4})*)(?=\\s|$)`,
  'uy',
);
/** The spaces between two credits of a line. */
const CREDIT_GAP = /\s*/uy;

/**
 * The credits a line is made of wholly (`口述：NAME\u3000\u3000采访：NAME\u3000\u3000整理：NAME`, `本集撰稿、解說：NAME\u3000\u3000編導：NAME`,
 * `采访整理：本报记者 NAME`), one credit a `WORDS：NAMES` pair, the pairs apart by spaces; [] for any other line.
 * The text may be Traditional; the names are as printed.
 */
export function readCreditLine(text: string): Credit[] {
  const source = text.trim();
  const view = simplifiedView(source);
  const credits: Credit[] = [];
  let at = 0;
  while (at < view.length) {
    CREDIT.lastIndex = at;
    const m = CREDIT.exec(view);
    if (!m) return [];
    const namesAt = m.index + m[0].length - m[2]!.length;
    const wordsAt = m.index + m[0].indexOf(m[1]!);
    credits.push({ words: m[1]!.split(/[、/／]/u), printed: source.slice(wordsAt, wordsAt + m[1]!.length), names: source.slice(namesAt, namesAt + m[2]!.length).split('、') });
    at = m.index + m[0].length;
    CREDIT_GAP.lastIndex = at;
    const space = CREDIT_GAP.exec(view)![0].length;
    if (space === 0 && at < view.length) return [];
    at += space;
  }
  return credits;
}

/** A line of two credits or more (`口述：NAME\u3000\u3000采访：NAME\u3000\u3000整理：NAME`): front matter, never a turn under its first word. */
export function isCreditsLine(text: string): boolean {
  return readCreditLine(text).length >= 2;
}

/** `记者手记`, `采访后记`: the heading of the reporter's notes after the turns, never a label (`记者` and a name `手记`). */
export const REPORTERS_NOTES_WORDS = ['记者手记', '采访手记', '采访后记', '记者后记', '采访札记'] as const;
/** `图：`, `图为：`, `图①：`: a photo caption, the paper's, never someone's label. */
const CAPTION_LABEL = /^[[［【（(]?\s*(?:图片?|照片)(?:为|说明|[①-⑩0-9０-９一二三四五六七八九十])?$/u;
/** `【导语】`, `导读：`, `核心提示：`: the heading of the lead printed on its line, the paper's, never a speaker's label. */
export const LEAD_GUIDE_WORDS = ['阅读提示', '核心提示', '内容提要', '提要', '导读', '导语'] as const;
const FACT_LABEL = new RegExp(`(?:${FACT_WORDS.join('|')})$|^(?:编者按|编者注|编者的话|编后|${REPORTERS_NOTES_WORDS.join('|')}|${LEAD_GUIDE_WORDS.join('|')})$`, 'u');

/** Reads the text of a label (no brackets, no colon) into name, role word and title, or null. */
function readLabelBody(body: string): Omit<TurnLabel, 'end' | 'style' | 'printed' | 'bracketed'> | null {
  const text = body.trim();
  const audience = AUDIENCE_LABEL.exec(text);
  if (audience) return { name: audience[2]!, roleWord: null, title: audience[1]!, isRole: false, audience: true };
  // `热线听众 陈先生`, `网友 王女士`: someone of the audience known by a surname and a courtesy, that is their name here.
  const caller = AUDIENCE_CALLER.exec(simplifiedView(text));
  if (caller && looksLikePersonName(caller[2]!)) return { name: text.slice(text.length - caller[2]!.length), roleWord: null, title: text.slice(0, caller[1]!.length), isRole: false, audience: true };
  // `邱铭（青年租户代表、软件工程师）`: a title in brackets may list posts;
  // `邝小川（沙河“护河志愿队”队长）`: a name in quotation marks inside the title too.
  // `田博（在福利院长大，现为汽车维修技师）`: a title in brackets may be a clause, its parts split by a comma.
  const outside = text.replace(/[（(][^（）()]*[）)]$/u, (m) => m.replace(/[、“”，,]/gu, ''));
  if (text === '' || text.length > 24 || NOT_IN_LABEL.test(outside) || readGuestListLabel(text) !== null || FACT_LABEL.test(text) || CAPTION_LABEL.test(simplifiedView(text))) return null;
  const role = LABEL_ROLE_WORDS.find((w) => text === w);
  if (role) return { name: null, roleWord: role, title: null, isRole: false };
  // `柯：`, `杜：`: a record that has named its people in full may label them by surname alone; a label
  // read-turns gives to the one person of that surname, or leaves doubted, never words going on the turn before.
  if (/^[\p{Script=Han}]$/u.test(text) && looksLikePersonName(text) && !NOT_A_SURNAME_LABEL.test(text)) return { name: text, roleWord: null, title: null, isRole: false };
  // `欧阳：`, `司马：`: a two-character surname alone labels the same way (read-turns: `isSurnameLabel`).
  if (COMPOUND_SURNAMES.some((c) => simplifiedView(text) === c)) return { name: text, roleWord: null, title: null, isRole: false };
  // `田文秀答`, `王立群教授答`: a Q&A with several interviewees labels each answer with the name and
  // `答`: the answer word, and the person the rest of the label names (a name that opens with a surname).
  const answered = /^(.{2,8}?)\s*答$/u.exec(text);
  if (answered) {
    const head = readLabelBody(answered[1]!);
    if (head && head.name !== null && head.roleWord === null && !head.isRole && looksLikePersonName(head.name)) return { ...head, roleWord: '答' };
  }
  // `主持人 王芳`, `记者 张三`: a role word and the name.
  const roleAndName = /^(主持人|主播|记者|本报记者)\s*([\p{Script=Han}]{2,4})$/u.exec(text);
  if (roleAndName) return { name: roleAndName[2]!, roleWord: roleAndName[1]!, title: null, isRole: false };
  // `李娜（某大学教授）`, `李娜(嘉宾)`; `主持人（王芳）`: the role, then the name.
  const bracketed = /^([\p{Script=Han}]{1,4})\s*[（(]([^（）()]{1,30})[）)]$/u.exec(text);
  if (bracketed) {
    const head = LABEL_ROLE_WORDS.find((w) => bracketed[1] === w);
    // `答（史蒂文·李）`: a name of foreign descent, its parts joined by a middle dot, is a name too.
    if (head) return HAN_NAME.test(bracketed[2]!) || DOTTED_NAME.test(bracketed[2]!) ? { name: bracketed[2]!, roleWord: head, title: null, isRole: false } : { name: null, roleWord: head, title: null, isRole: false };
    if (bracketed[1]!.length < 2) return null;
    return { name: bracketed[1]!, roleWord: null, title: bracketed[2]!, isRole: false };
  }
  // `鄉村教師 黃素梅`, `某大學城市規劃系教授 NAME`: a title (a unit and a post may make it long), a space, a name.
  const titled = /^([\p{Script=Han}]{2,16})\s+([\p{Script=Han}]{2,3})$/u.exec(text);
  if (titled && looksLikePersonName(titled[2]!) && !NAME_SUFFIXES.some((s) => titled[2]!.endsWith(s))) return { name: titled[2]!, roleWord: null, title: titled[1]!, isRole: false };
  // `王立群 教授`: a name, a space, an honorific.
  const spaced = /^([\p{Script=Han}]{2,3})\s+([\p{Script=Han}]{2,12})$/u.exec(text);
  if (spaced && NAME_SUFFIXES.some((s) => spaced[2]!.endsWith(s))) return { name: spaced[1]!, roleWord: null, title: spaced[2]!, isRole: false };
  // `钱\u3000岚`, `尤  青`: a two-character name padded with a full-width space (or one or two half-width
  // ones) to line up with three-character names, a surname first: the name, never words of the turn before.
  const padded = /^([\p{Script=Han}])(?:\u3000| {1,2})([\p{Script=Han}])$/u.exec(text);
  if (padded && looksLikePersonName(padded[1]!)) return { name: padded[1]! + padded[2]!, roleWord: null, title: null, isRole: false };
  if (!/^[\p{Script=Han}]+$/u.test(text)) return null;
  // `王立群教授`: a name of two or three characters and an honorific; a longer head is a post (`省教育厅厅长`).
  const suffix = NAME_SUFFIXES.find((s) => text.endsWith(s) && text.length > s.length);
  if (suffix) {
    // `符德明副局长`, `邬建华总规划师`: a modifier of the post (`副`, `常务`, `总`) belongs to the title, not the name.
    const modifier = /(?:副|常务|执行|首席|原|总)$/u.exec(text.slice(0, -suffix.length))?.[0] ?? '';
    const bare = text.slice(0, -suffix.length - modifier.length);
    if (modifier && bare.length >= 2 && bare.length <= 3 && looksLikePersonName(bare)) return { name: bare, roleWord: null, title: modifier + suffix, isRole: false };
    const head = text.slice(0, -suffix.length);
    if (isUnitBeforePost(head, suffix)) return { name: null, roleWord: null, title: text, isRole: true };
    // `兒科醫生`: a head that is no one's name (no surname) makes the label a post.
    if (head.length >= 2 && head.length <= 3 && !isDepartment(head)) return { name: head, roleWord: null, title: suffix, isRole: false };
    // `达瓦次仁队长`, `欧阳明远教授`: a four-character name (two-character surname, a name not of Han
    // descent) before a title; read-turns keeps it only for someone the article introduces.
    if (head.length === 4 && !isDepartment(head) && !POST_HEAD.test(simplifiedView(head))) return { name: head, roleWord: null, title: suffix, isRole: false };
    if (head.length >= 2) return { name: null, roleWord: null, title: text, isRole: true };
  }
  if (HAN_NAME.test(text)) return { name: text, roleWord: null, title: null, isRole: false };
  return null;
}

/** Words a post or a description of a person ends in (`传承人`, `老船工`, `护林员`, `种植大户`). */
const PERSON_END = /(?:人|者|员|师|长|家|手|匠|工|生|民|户|主|客|官|士|农|翁)$/u;

/**
 * `竹编传承人：`, `非遗项目传承人：` alone on their line: a post of five characters or more that no other
 * rule reads is still a label (a post, `isRole`), never words that go on the turn before it.
 */
function postAlone(body: string): Omit<TurnLabel, 'end' | 'style' | 'printed' | 'bracketed'> | null {
  const text = body.trim();
  if (!/^[\p{Script=Han}]{5,12}$/u.test(text) || !PERSON_END.test(text) || FACT_LABEL.test(text) || readGuestListLabel(text) !== null) return null;
  return { name: null, roleWord: null, title: text, isRole: true };
}

/**
 * `嚮導 扎西次仁：` alone on its line: a title, a space, then a name of two to four characters that
 * need not open with a common surname (a name not of Han descent). Only alone on its line is this a
 * label; read-turns keeps it only for someone the article names so.
 */
function titledNameAlone(body: string): Omit<TurnLabel, 'end' | 'style' | 'printed' | 'bracketed'> | null {
  const m = /^([\p{Script=Han}]{2,10})\s+([\p{Script=Han}]{2,4})$/u.exec(body.trim());
  if (!m || FACT_LABEL.test(m[1]!) || LABEL_ROLE_WORDS.some((w) => w === m[1])) return null;
  return { name: m[2]!, roleWord: null, title: m[1]!, isRole: false };
}

/**
 * `廚師長鍾大勇：`, `白石村小學校長鄭秋月：` alone on its line: a post (ending as posts end) run into a name of
 * three characters that opens with a common surname. Only alone on its line is this a label.
 */
function postThenNameAlone(body: string): Omit<TurnLabel, 'end' | 'style' | 'printed' | 'bracketed'> | null {
  const text = body.trim();
  const m = /^([\p{Script=Han}]{2,10}?(?:长|员|师|主任|书记|教授|医生|老师))([\p{Script=Han}]{3})$/u.exec(simplifiedView(text));
  if (!m || FACT_LABEL.test(m[1]!) || !looksLikePersonName(m[2]!) || LABEL_ROLE_WORDS.some((w) => w === m[1])) return null;
  return { name: m[2]!, roleWord: null, title: m[1]!, isRole: false };
}

/**
 * The turn label that opens a paragraph, or null. The text may be Traditional; offsets and the
 * printed name are the source's. `printedAlone`: the label stood on a line of its own in the source
 * (`RawParagraph.labelAlone`), where a long post is a label too (`竹编传承人：`).
 *
 * @example
 * readTurnLabel('李娜（某大学教授）：我认为……') // { name: '李娜', title: '某大学教授', end: 10, … }
 */
export function readTurnLabel(text: string, options: { printedAlone?: boolean } = {}): TurnLabel | null {
  // `口述：NAME\u3000\u3000采访：NAME\u3000\u3000整理：NAME`: several credits on one line, whoever each names, label no turn.
  if (isCreditsLine(text)) return null;
  const view = simplifiedView(text);
  // `●问：`, `■NAME：`, `▶记者：`, `**记者：**`, `**记者**：`: a mark before the label, or the label in
  // bold, is how the page prints it, never part of it.
  const mark = LABEL_MARK.exec(view)?.[0] ?? '';
  const bold = mark.startsWith('**') || mark.startsWith('__');
  const at = mark.length;
  const rest = view.slice(at);
  const bracket = /^【([^】]{1,24})】\s*/u.exec(rest);
  if (bracket) {
    const body = readLabelBody(bracket[1]!) ?? (options.printedAlone || rest.length === bracket[0].length ? postAlone(bracket[1]!) : null);
    if (!body) return null;
    return { ...body, ...printedOf(text, body, at + 1, bracket[1]!.length), end: at + bracket[0].length, style: rest.length === bracket[0].length ? 'alone' : 'bracket', bracketed: true };
  }
  const colon = (bold ? /^([^:：\n*_]{1,24}?)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*/u : /^([^:：\n]{1,24}?)\s*[:：]\s*/u).exec(rest);
  if (!colon) return null;
  // A bold mark opens a label only when it closes right around the colon (`**记者：**`, `**记者**：`).
  if (bold && !/(?:\*\*|__)\s*[:：]|[:：]\s*(?:\*\*|__)/u.test(colon[0])) return null;
  const alone = rest.length === colon[0].length;
  // `■谈入行：“我是被一本破书‘拐’进来的”`: after a mark, a topic and nothing but a short quotation on the
  // line is a topic line printed with its headline quote, never a turn.
  if (mark !== '' && !bold && /^[“「][^“”「」]{1,40}[”」]\s*$/u.test(rest.slice(colon[0].length))) return null;
  const body = readLabelBody(colon[1]!) ?? (options.printedAlone || alone ? (postAlone(colon[1]!) ?? titledNameAlone(colon[1]!) ?? postThenNameAlone(colon[1]!)) : null);
  if (!body) return null;
  return { ...body, ...printedOf(text, body, at, colon[1]!.trimEnd().length), end: at + colon[0].length, style: alone ? 'alone' : 'colon', bracketed: false };
}

/** A mark printed before a label (`●`, `■`, `◆`, `▶`, `★`, `○`) or the bold that opens one (`**`, `__`). */
const LABEL_MARK = /^(?:[●○◆◇■□▶►▷★☆◎◉•▪]\s*|\*\*|__)/u;

/** `【圆桌】`, `【访谈】`: a word in brackets alone on its line that is no role, post or person's name: a column's tag, no one's label. */
export function isColumnTag(label: TurnLabel): boolean {
  return label.style === 'alone' && label.bracketed && label.roleWord === null && !label.isRole && label.title === null && label.name !== null && !looksLikePersonName(label.name);
}

/** The printed label and name, sliced from the source so a Traditional name stays as printed. */
function printedOf(text: string, body: Omit<TurnLabel, 'end' | 'style' | 'printed' | 'bracketed'>, from: number, length: number): Pick<TurnLabel, 'printed' | 'name' | 'title'> {
  const printed = text.slice(from, from + length).trim();
  const nameAt = body.name === null ? -1 : simplifiedView(printed).indexOf(body.name);
  const name = body.name === null || nameAt < 0 ? body.name : printed.slice(nameAt, nameAt + body.name.length);
  return { printed, name, title: body.isRole ? printed : body.title };
}

/** `柯`, `欧阳`: a label that is a surname alone, of one character or a two-character surname. */
export function isSurnameLabel(name: string): boolean {
  const view = simplifiedView(name);
  return view.length === 1 || COMPOUND_SURNAMES.some((c) => view === c);
}
