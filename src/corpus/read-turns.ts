import type { ArticleParagraph, ArticleSection } from './article.js';
import { CorpusError } from './article.js';
import { COMPOUND_SURNAMES } from './compound-surnames.js';
import type { ArticleDoubt, Attribution } from './attribution.js';
import { findQuotedSpans } from './find-quoted-spans.js';
import { readGuestEntry, readGuestLine, readGuestListLabel, type GuestEntry } from './guest-list.js';
import { BYLINE, CLOSING_CREDIT, DATE_LINE, INLINE_EDITORS_NOTE, NEWS_LEAD, PARAGRAPH_END, type ParagraphKind } from './interview-layout.js';
import type { LayoutDescription, LayoutReading } from './layouts.js';
import { parseTitle, POSITION_WORDS, type PersonProfile } from './person-profile.js';
import { attributeQuotedSpeech, isTurn, quotesInTurn, quotesOf, type ReportSpeech } from './read-report.js';
import { dateIn } from './read-roundtable.js';
import { ANY_HEADING, type RawParagraph } from './source-lines.js';
import { EDITOR_NAME, UNATTRIBUTED_NAME, type Speaker, type SpeakerRole } from './speakers.js';
import { FACT_WORDS, isColumnTag, isCreditsLine, isSurnameLabel, looksLikePersonName, readCreditLine, readTurnLabel, REPORTERS_NOTES_WORDS, simplifiedView, surnameAndTitle, type Credit, type TurnLabel } from './turn-label.js';

/**
 * Labelled turns, learnt from the article: a label (in the styles the layout reads) starts a turn
 * when it is a role word the layout reads (`主持人`, `问`, `答`, `解说`) or a person the article
 * introduces (a guest list, a lead, the host's opening words, a byline), or one that recurs as a
 * label or carries a title. Any other label is unknown: its paragraph is unattributed and doubted,
 * and never continues the turn before it.
 */

/** A short line of the front matter naming the host (`主持人：王芳`, `主持人 王芳`, `本期主持 温若溪` (any space), `采访人：李明`), perhaps with their post in brackets (`主持人：NAME（本报社会新闻部记者）`). */
const HOST_LINE = /^(?:(?:本期|本场|本次|本节目|栏目|节目)?主持人?|主播|(?:主持)?采访人?|采访主持|记者|本报记者)\s*[:：]?\s*(?:本报特约记者|本报记者|记者)?\s*([\p{Script=Han}]{2,4})(?:\s*[（(][^（）()，,。]{1,20}[)）])?$/u;
/** `某大学教授张三`: a post, then a name of two or three characters, then a pause or a verb. */
const POSTS = [...POSITION_WORDS, '校长', '总监', '会长', '理事长', '行长', '馆长', '站长', '社长', '市长', '县长', '区长', '镇长', '乡长', '省长', '负责人', '传承人', '创始人', '创办人', '专家', '学者', '嘉宾', '老师', '博士', '厨师长', '厨师', '营养师', '医生', '医师', '护士', '律师', '技师', '设计师', '队长', '厂长', '店长', '村长', '主编', '教练', '画家', '作家', '书法家', '艺术家', '演员', '歌手', '手艺人'];
/** A paragraph that is only a short line ending in a colon, no sentence inside it (`向导 某某某：`): a label's shape. */
const UNREAD_LABEL_LINE = /^[^，,。！？!?；;“”"]{2,24}[:：]$/u;
/** Forms of address after a surname (`汪师傅`, `曹老师`): no post, so they call the one person of that surname. */
const ADDRESS_ONLY = ['师傅', '老师', '先生', '女士', '阿姨', '大姐', '大哥', '博士'];
// `主任欧阳青山`: a two-character surname and a given name of two are four characters, one name.
/** `的摆渡人钟长林`, `的护林员NAME`: a trade (one to three characters of no function word, and 人, 员 or 匠, after 的) before a name, as a post is. */
const TRADE = '(?<=的)(?:(?![是有和与及的在了都多也就还把被给对])[\\p{Script=Han}]){1,3}?(?:人|员|匠)(?![和与及])';
const INTRODUCED = new RegExp(`(${POSTS.join('|')}|${TRADE})(?:是|为|[:：])?((?:${COMPOUND_SURNAMES.join('|')})[\\p{Script=Han}]{2}(?=[，。、,（(\\s和与及])|[\\p{Script=Han}]{2,3}?)(?=[，。、,（(\\s和与及就对等]|先生|女士|表示|认为|说|介绍|指出|做客|接受|今年|现年)`, 'gu');
/** `文／柯蓝`, `文/NAME`: a byline naming who wrote the piece, the one who asks and narrates. */
const WRITER_LINE = /^文\s*[/／]\s*([\p{Script=Han}]{2,4})$/u;
/** `本报记者唐斐走进……`, `本报记者贺云帆专访了……`: the reporter who asks, named in the lead. */
const LEAD_REPORTER = /(?:本报|本台|本刊)记者([\p{Script=Han}]{2,3}?)(?=走进|走访|专访|采访|来到|赶到|前往|深入|探访|连线|拜访|对|与|和|同|在|于|近日|日前|[，,、])/u;
/**
 * Who a lead says was interviewed: `与马德胜进行了交流`, `与……科长马德胜进行了对话`, `马德胜接受了本报记者专访`, `专访了……馆长沈明远`.
 * A name is kept only when it looks like one and the article names them again outside the lead.
 */
const INTERVIEWED = [
  /(?:与|同|和|对)([\p{Script=Han}]{2,3}?)(?:进行|展开|面对面|聊)/gu,
  // `与东湖区民政局养老服务科科长NAME进行了对话`: a post between 与 and the name.
  /(?:与|同|和)[^，。；、与和同]{0,24}?(?:长|员|师|任|授|家|者|医|生)([\p{Script=Han}]{2,3}?)(?:进行|展开|面对面)/gu,
  /([\p{Script=Han}]{2,3}?)接受了?(?:本报|本台|本刊)?(?:记者)?的?(?:专访|采访)/gu,
  /(?:专访|采访)了?[^，。；、]{0,20}?(?:长|员|师|任|授|家|人|者|医|生)([\p{Script=Han}]{2,3}?)(?=[，。；、]|$)/gu,
];

/** `采访了A、B和C`: the list of whom a lead says was interviewed, up to the end of its clause (`采访了A、B，又……`: a comma ends it too). */
const INTERVIEWED_LIST = /(?:专访|采访)了([^，。；]{2,80})(?=[，。；]|$)/gu;
function interviewedIn(text: string, raws: readonly RawParagraph[]): string[] {
  const view = simplifiedView(text);
  const others = raws.map((p) => simplifiedView(p.text)).filter((t) => t !== view).join('\n');
  const names: string[] = [];
  // `采访了……局长骆志鹏、……研究员聂晓雯和……护林员包永福`: everyone the list after 采访了 names by post and name.
  for (const m of view.matchAll(INTERVIEWED_LIST)) {
    for (const part of m[1]!.split(/、|以及|和|及|与/u)) {
      const name = /(?:长|员|师|傅|匠|任|授|家|人|者|医|生)([\p{Script=Han}]{2,3})$/u.exec(part)?.[1];
      if (name && looksLikePersonName(name) && others.includes(name) && !names.includes(name)) names.push(name);
    }
  }
  for (const pattern of INTERVIEWED) {
    for (const m of view.matchAll(pattern)) {
      const name = m[1]!;
      if (looksLikePersonName(name) && others.includes(name) && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

/** `本期主持`, `主持人` alone on a line of the front matter: the heading of the host's line under it. */
const HOST_HEADING = /^(?:本期|本场|本次|本节目|栏目|节目)?主持人?$/u;

/** Role words of a host who may name themselves on air. */
const HOST_WORDS = ['主持人', '主播'];
/** `我是主持人林小禾。`, `我是本期主持人费霖。`, `我是许曼，`: a host naming themselves, the name right before a pause. */
const SELF_NAMED = /我是(?:本台|本节目|本期|本场|本次|今天的?)?(?:节目)?(?:的)?(?:主持人|主播)?([\p{Script=Han}]{2,3})(?=[。，,！!；;]|$)/gu;

/** `我是本期主持人……`: a host introducing themselves by name, whether or not the name is read. */
const SELF_INTRODUCED = /我是[^。！？!?，,]{0,8}(?:主持人|主播)[^。！？!?，,；;]{1,8}/u;

/** Characters that follow a two-character name rather than end a three-character one. */
const AFTER_SHORT_NAME = /^[做在是说表认指和与、，,。等也就来到为对将把从]/u;

/** Verbs of two characters that follow a name (`黃振宏介紹了…`, `李志强表示`): where a name ends. */
const VERB_AFTER_NAME = /^(?:介绍|表示|认为|指出|谈到|谈起|告诉|回忆|解释|坦言|强调|透露|补充|提到|接受|带领|带着|正在|已经)/u;
/** `局長NAME有自己的看法`: 有 right after three characters ends a name of three (never read as the third character of a name of two). */
const AFTER_FULL_NAME = /^有/u;
/** A courtesy after a name (`局長黃啟明先生`, `站長王芳女士`): where the name ends. */
const HONORIFIC_AFTER_NAME = /^(?:先生|女士|同志)/u;

/** True when some paragraph opens a sentence with these words (`和正榮坐在…`): a name, not the word `和`. */
function opensASentence(words: string, raws: readonly RawParagraph[]): boolean {
  return raws.some((p) => {
    const view = simplifiedView(p.text);
    for (let at = view.indexOf(words); at >= 0; at = view.indexOf(words, at + 1)) if (at === 0 || /[。！？；!?;]/u.test(view[at - 1]!)) return true;
    return false;
  });
}

/**
 * The one person the text names right after a post (`省教育廳廳長鄭文彬做客演播室` → `鄭文彬`,
 * `縣農業農村局局長黃振宏介紹了…` → `黃振宏`, `這位校長叫駱文斌` → `駱文斌`), as printed, or null when it names nobody or more than
 * one person so; `unread` when a name seems to follow the post somewhere but where it ends could not be told.
 */
function holderOf(post: string, raws: readonly RawParagraph[], tail = false): { holder: string | null; unread: boolean } {
  const postView = simplifiedView(post);
  const names = new Set<string>();
  let unread = false;
  for (const p of raws) {
    const view = simplifiedView(p.text);
    for (let at = view.indexOf(postView); at >= 0; at = view.indexOf(postView, at + 1)) {
      // `這位校長叫駱文斌`, `廳長名叫…`: the post's holder named after a verb of naming.
      const naming = /^(?:名叫|叫做|叫|是)/u.exec(view.slice(at + postView.length))?.[0] ?? '';
      const from = at + postView.length + naming.length;
      const three = view.slice(from, from + 3);
      // `兒科醫生和護士`: a word that follows a post (和, 与, 在…) opens no name, unless the text
      // opens a sentence with those three characters too (`老趕馬人和正榮，…` and `和正榮坐在…`): a surname.
      if (!/^[\p{Script=Han}]{3}$/u.test(three) || !looksLikePersonName(three)) continue;
      const wordFirst = AFTER_SHORT_NAME.test(three);
      if (wordFirst && !opensASentence(three, raws)) continue;
      const after = view.slice(from + 3);
      const length =
        AFTER_SHORT_NAME.test(three.slice(2)) || VERB_AFTER_NAME.test(view.slice(from + 2)) || HONORIFIC_AFTER_NAME.test(view.slice(from + 2)) ? 2 : AFTER_SHORT_NAME.test(after) || VERB_AFTER_NAME.test(after) || HONORIFIC_AFTER_NAME.test(after) || AFTER_FULL_NAME.test(after) || after === '' ? 3 : 0;
      if (length === 3 || (length === 2 && !wordFirst)) names.add(p.text.slice(from, from + length));
      else unread = true;
    }
  }
  // `渡輪船長：` for `船長陳永福`: a post the text never prints whole may name its holder by its last
  // two characters when they are a head's post (船长, 站长, 所长: one holder), that names one person
  // and no one could not be read; `年輕乘客：` is never the `老乘客` someone else was.
  if (names.size === 0 && !unread && postView.length >= 3 && !tail && /长$/u.test(postView)) return holderOf(post.slice(-2), raws, true);
  return { holder: names.size === 1 ? [...names][0]! : null, unread };
}

/**
 * A short line of the front matter that heads words of the paper's own, not the reporter's: an
 * editor's note (`编者按`, `编者的话`) or a profile (`受访者简介`, `人物简历`). A lead under it stays the editor's.
 */
const EDITORS_SECTION = /^[【[]?(?:编者按|编者注|编者的话|编辑手记|[\p{Script=Han}]{0,4}(?:简介|简历|档案))[】\]]?[:：]?$/u;

/** `播出日期：2025年1月9日`, `采访地点：…`: a line of when or where, never a turn (`FACT_LABEL`). */
const FACT_LINE = new RegExp(`^[\\p{Script=Han}]{0,4}(?:${FACT_WORDS.join('|')})\\s*[:：]`, 'u');

/**
 * A line the paper prints around the turns, no one's words: a parenthesized note or credit
 * (`（本报某地11月20日电）`, `（本版图片由……提供）`, `（记者 NAME 文/图）`) or a photo caption (`图：`, `图①：`, `图为：`, `（图）……`, `［图片说明：……］`).
 */
const PAPERS_LINE = /^(?:[（(][^（）()]{1,40}[)）]|(?:责任编辑|校对|本期编导)\s*[:：][^。！？]{0,40}|[[［【（(〔]\s*(?:图片?|照片)(?:说明)?[①-⑩0-9０-９]?\s*(?:[\]］】)）〕]|[:：]).*|图(?:为|[①-⑩0-9０-９一二三四五六七八九十])?\s*[:：].*|[（(]图[①-⑩0-9０-９一二三四五六七八九十]?[)）].*)$/u;
/**
 * `▲NAME在工作室里劈竹丝。（本报记者 NAME 摄）`: a photo caption, told by the photographer's credit at its
 * end, in brackets or after its last sentence (`图：……。本报记者 NAME 摄`), or inside the caption's own
 * brackets after its last sentence (`（图：……。NAME 摄）`); never a heading, a lead or more of a turn. The
 * name is the photographer's.
 */
const PHOTO_CREDIT = /(?:[（(]\s*(?:(?:本报)?(?:特约)?(?:记者|通讯员)\s*)?((?:(?!摄)[\p{Script=Han}]){2,4})\s*摄影?\s*[)）]|(?<=[。！])\s*(?:本报)?(?:特约)?(?:记者|通讯员)\s*((?:(?!摄)[\p{Script=Han}]){2,4})\s*摄影?|(?<=^[（(]\s*(?:图片?|照片)[①-⑩0-9０-９]?\s*[:：][^（）()]*[。！])\s*(?:(?:本报)?(?:特约)?(?:记者|通讯员)\s*)?((?:(?!摄)[\p{Script=Han}]){2,4})\s*摄影?\s*[)）])$/u;

/** The photographer a caption's credit names ({@link PHOTO_CREDIT}), or null. */
function photographerOf(text: string): string | null {
  const credit = PHOTO_CREDIT.exec(text);
  return credit ? (credit[1] ?? credit[2] ?? credit[3] ?? null) : null;
}
/** `〔图片〕……`, `图：……`, `（图为……）`: a photo caption. */
const CAPTION = /^(?:[[［【（(〔]\s*(?:图片?|照片)|图(?:为|[①-⑩0-9０-９一二三四五六七八九十])?\s*[:：])/u;
/** `整理：NAME`, `文字整理：本网记者\u3000NAME`, `（整理：NAME）`: a line crediting one person with writing the record up. */
const WRITTEN_UP_LINE = /^[（(]?\s*(?:文字整理|记录整理|采访整理|整理)\s*[:：]\s*(?:(?:本[报网台]|本站)?(?:特约)?记者\s*)?([\p{Script=Han}]{2,4})\s*[)）]?$/du;
/** `（本台记者 NAME 摄像 NAME 报道）`: a programme's closing credit naming the one reporter who filed the report (and perhaps the camera). */
const REPORTED_BY = /^[（(]\s*((?:本台|本报|本站)?(?:特约)?记者)\s*((?:(?!摄像|摄影|报道)[\p{Script=Han}]){2,4})(?:\s+(?:摄像|摄影|剪辑)\s*[\p{Script=Han}]{2,4})*\s*报道\s*[)）]$/du;
/** `湯泉鎮`, `梅林村`, `青屿岛`: how a place's name ends, never a person's label. */
const PLACE_LABEL_END = /[镇村乡县市区省岛湾寨屯]$/u;
/** `【圆桌】`, `【访谈】`: a column's tag printed above the headline. */
const COLUMN_TAG = /^【[^】]{1,6}】$/u;

/**
 * `傍晚六点，……`, `采访结束时已是傍晚，……`, `临别时，……`: a paragraph that opens by setting the time of the
 * scene, or the interview's end, as a reporter closes the piece after the last turn.
 */
const CLOSING_SCENE = /^(?:采访[^，。]{0,3}结束|临别|临走|告别|离开|[上下中]午|傍晚|黄昏|清晨|早上|晚上|夜里|深夜|凌晨|当晚|次日)[^，,。！？“”]{0,8}[，,]/u;

/** The heading of a list of profiles (`人物简介`, `受访者简介`, `简历`), apart from a guest list's (`访谈嘉宾`, `嘉宾简介`). */
const PROFILE_LIST = /^(?:人物简介|受访者|简历)/u;

/** Words of someone speaking for themselves: a paragraph holding them outside quotations is no narrator's. */
const FIRST_PERSON = /我|咱/u;
/** 记者 in the third person (`带记者走进`, `记者看到`): the narrator telling of themselves as a reporter does. */
const REPORTER_TOLD_OF = /(?:带|告诉|对|向|给|请|陪|领着|送)记者|记者(?:看到|了解到|注意到|来到|走进|离开|再次|又|跟着|跟随|随)/u;
/** A closing quotation mark followed by 他说/她说: words credited by a narrator. */
const CREDITED_AFTER = /[”」](?:[，,])?[他她](?:笑着|又)?(?:说|表示|补充)/u;

/**
 * Whether an unlabelled paragraph after `speaker`'s answer is a narrator's telling of them rather than
 * more of their answer: outside its quotations it has no 我 and tells of the speaker by name, of 记者
 * in the third person, or credits words with 他说/她说 or to someone the lead quoted (`龙启明说，`).
 */
function narratesAbout(text: string, speaker: string, reported: ReadonlySet<string>): boolean {
  const outside = simplifiedView(text).replace(/“[^”]*”|「[^」]*」|『[^』]*』/gu, '“”');
  if (FIRST_PERSON.test(outside)) return false;
  const credits = [...reported].some((name) => new RegExp(`${simplifiedView(name)}(?:笑着|又)?(?:说|表示|回忆|告诉)`, 'u').test(outside));
  return outside.includes(simplifiedView(speaker)) || REPORTER_TOLD_OF.test(outside) || CREDITED_AFTER.test(outside) || credits;
}

/** `【记者手记】`, `（记者手记）`, `采访后记：`: the heading of the reporter's notes after the turns, with or without the notes on its line. */
const REPORTERS_NOTES = new RegExp(`^(?:[■▲◆●★□◇]\\s*|\\*\\*|__)?[【[（(]?(?:${REPORTERS_NOTES_WORDS.join('|')})[】\\]）)]?(?:\\*\\*|__)?[:：]?(?:\\*\\*|__)?\\s*`, 'u');

/** `■阅读提示`, `【导读】`: the heading of the lead printed under it, front matter, never a topic of the turns. */
const LEAD_GUIDE = /^(?:[■▲◆●★□◇]\s*)?[【[]?(?:阅读提示|核心提示|内容提要|提要|导读|导语)[】\]]?[:：]?$/u;

/** The word after a byline's names that credits the writing-up of a record (`本报记者 NAME 整理`). */
const COMPILED_BY = /^(?:整理|记录|整理记录)$/u;
/**
 * The credit lines (`readCreditLine`) naming who wrote the record up: `采访整理：NAME`, `采访整理：本报记者 NAME`,
 * `整理：NAME` (the writing-up), or `采访人：NAME`, `访谈人：NAME` alone (the one person who interviewed and wrote it up);
 * on a line of several credits (`口述：NAME\u3000\u3000采访：NAME\u3000\u3000整理：NAME`) the writing-up's name, not the interviewer's.
 */
const WROTE_UP = /^(?:采访整理|整理|记录整理|采写)$/u;
const INTERVIEWED_BY = /^(?:采访|访谈|采访人|访谈人)$/u;
/** The one name a line's credits give for words `words` match, or null (none, or several names). */
function creditedFor(credits: readonly Credit[], words: RegExp): string | null {
  const names = credits.filter((c) => c.words.some((w) => words.test(w))).flatMap((c) => c.names);
  return names.length === 1 ? names[0]! : null;
}
/** `（本文根据2024年3月两次访谈录音整理，经口述者审阅。）`: a note in brackets on how the record was written up. */
const RECORD_NOTE = /^[（(]\s*(?:本文|全文|以上(?:内容|文字)?)(?:根据|据|系|由)[^（）()]*整理[^（）()]*[)）]$/u;

/** `（记者注：……）`, `（编者注：……）`: a note on the record wholly in brackets, the reporter's or the paper's. */
const BRACKETED_NOTE = /^[（(]\s*(记者注|记者按|编者注|编者按|编注|编者附记)\s*[:：][^（）()]*(?:[（(][^（）()]*[)）][^（）()]*)*[)）]$/u;

/** `（……）`: a line wholly in brackets. */
const BRACKETED_LINE = /^[（(][^（）()]+[)）]$/u;

/** Characters that make a short line a sentence rather than a topic line. */
const SENTENCE_END = /[。！？!?；;…]$/u;

interface Turn {
  speaker: string;
  role: SpeakerRole;
  kind: ParagraphKind;
  /** Why every paragraph of this turn is doubted, when it is. */
  doubt?: string;
  /** Why the paragraphs that continue this turn (not its labelled one) are doubted, when they are. */
  continuationDoubt?: string;
}

/**
 * Whether the first line, though it opens with a label, is the headline (`青屿岛：从“靠海吃海”到“养海护海”`,
 * `【田野週報】山坡上的滴灌：雲溪縣茶園抗旱記`): a short line with no full stop whose label is no role word
 * and no name that labels any other paragraph.
 */
function isHeadlineLabel(labels: readonly (TurnLabel | null)[], raws: readonly RawParagraph[]): boolean {
  const first = labels[0];
  const text = raws[0]?.text ?? '';
  if (!first || first.roleWord !== null || raws.length < 2 || text.length > 40 || /[。；;]/u.test(text)) return false;
  if (first.name === null && !first.isRole) return false;
  // `NAME：把小剧场搬进老厂房` over `本报记者 NAME`: a byline sits under a headline, never under a turn.
  const next = raws[1]!.text.trim();
  if (!/[。？！?!]$/u.test(text.trim()) && next.length <= 30 && BYLINE.test(next)) return true;
  return !labels.some((l, i) => i > 0 && l !== null && l.printed === first.printed);
}

/** `厂长NAME和女儿NAME`, `他的妻子NAME，`: a word of kin before a name introduces that person as a post does. */
const KIN_INTRODUCED = /(女儿|儿子|妻子|丈夫|爱人|老伴|父亲|母亲|孙女|孙子|徒弟)([\p{Script=Han}]{2,3}?)(?=[，。、,（(\s和与及])/gu;

/** The people a prose paragraph introduces by post and name (`特邀某大学教授张三和…`), or by a word of kin (`和女儿NAME`). */
export function introducedPeople(text: string): string[] {
  const view = simplifiedView(text);
  // `本报记者在棋社对他……`: what follows a post must look like a name (a surname first) to be someone.
  return [...view.matchAll(INTRODUCED), ...view.matchAll(KIN_INTRODUCED)].filter((m) => looksLikePersonName(m[2]!)).map((m) => {
    const at = m.index + m[0].length - m[2]!.length;
    return text.slice(at, at + m[2]!.length);
  });
}

/** `达瓦次仁，1975年出生于…`, `石磊，男，…`: under a profile heading, a sentence opening with a name, a comma and a birth, sex or post. */
const PROFILED = /(?:^|[。；;])\s*([\p{Script=Han}]{2,4})[，,]\s*(?=[0-9０-９]{4}年|[男女][，,]|现任|曾任|[^，。]{0,12}(?:出生|生于|人[，,。]))/gu;
/** `【人物简介】NAME，1985年生，……`: a profile heading in brackets with the profile on its line. */
const INLINE_PROFILE = /^[【[](?:人物简介|嘉宾简介|嘉宾介绍|受访者简介)[】\]]\s*(.+)$/u;
function profiledPeople(text: string): string[] {
  const view = simplifiedView(text);
  return [...view.matchAll(PROFILED)].map((m) => {
    const at = m.index + m[0].lastIndexOf(m[1]!);
    return text.slice(at, at + m[1]!.length);
  });
}

/** `老蓝`, `小谭`: 老 or 小 and a surname, how people call someone. */
const FAMILIAR_LABEL = /^[老小]([\p{Script=Han}])$/u;
/** Words of that shape that call no one (`老师`, `小区`, `老乡`, `小时`). */
const NOT_FAMILIAR = new Set(['老师', '老乡', '老家', '老板', '小区', '小时', '小学', '小组', '小姐', '小计', '小结']);

/** How a question calls someone by surname (`何总`, `苗店长`, `罗师傅`): a title of one to three characters after it. */
const ADDRESS_TITLE = /^[\p{Script=Han}]{0,2}[总董工长师傅任理授士生监姐哥]$/u;

/**
 * The one of `people` a question calls by name before its first comma (`何总，先聊聊…`, `史蒂文，您是…`,
 * `苗店长，…`): the full name, its first part (a name of foreign descent), or a surname and a title
 * that only one of them has; null when it calls no one or more than one could be meant.
 */
export function addressedIn(question: string, people: readonly string[]): string | null {
  const called = /^([^，,。？！?!：:\s]{2,6})[，,]/u.exec(simplifiedView(question).trim())?.[1];
  if (!called) return null;
  const exact = people.filter((p) => simplifiedView(p) === called || simplifiedView(p).split(/[·・•‧]/u)[0] === called);
  if (exact.length > 0) return exact.length === 1 ? exact[0]! : null;
  // `蒙老，…` (a surname and 老, for an elder), `老蓝，…`, `小阮，…` (老 or 小 before a surname): the one
  // person of that surname, as a surname and a title is.
  const familiar = FAMILIAR_LABEL.exec(called)?.[1] ?? (/^[\p{Script=Han}]老$/u.test(called) ? called[0]! : null);
  if (familiar !== null && looksLikePersonName(familiar)) {
    const ofSurname = people.filter((p) => simplifiedView(p)[0] === familiar);
    return ofSurname.length === 1 ? ofSurname[0]! : null;
  }
  if (!looksLikePersonName(called) || !ADDRESS_TITLE.test(called.slice(1))) return null;
  const bySurname = people.filter((p) => simplifiedView(p)[0] === called[0]);
  return bySurname.length === 1 ? bySurname[0]! : null;
}

/** A title at the end of the words a question opens with (`村支书，`, `研究员，`): it calls someone. */
const NAME_SUFFIX_AT_END = /(?:长|员|师|傅|匠|任|授|家|书记|老板|经理|主管|医生|先生|女士|同学|阿姨|大姐|大哥)$/u;

/**
 * A question put to one person as `您`/`你` (`您平时的研究工作是怎么开展的？`), never to several
 * (`你们`, `各位`, `三位`, `大家`): when it calls no one by name, it asks the one who just answered.
 */
export function asksTheOneAnswering(question: string): boolean {
  const view = simplifiedView(question);
  // `司马师傅，您……`: it calls someone before its first comma, whom we could not tell: not a follow-up.
  const called = /^([^，,。？！?!：:\s]{2,6})[，,]/u.exec(view.trim())?.[1];
  if (called && (looksLikePersonName(called) || ADDRESS_TITLE.test(called.slice(1)) || NAME_SUFFIX_AT_END.test(called) || FAMILIAR_LABEL.test(called))) return false;
  return /[您你](?!们)/u.test(view) && !/你们|您们|各位|大家|诸位|[两二三四五六几多]位/u.test(view);
}

/**
 * `两年前，南溪市……。` under a guest list: a sentence that opens with two or three characters and a comma,
 * no surname first, is the lead after the list, not a guest's profile (`NAME，1965年生，……`).
 */
function listEndsAt(text: string): boolean {
  const entry = readGuestEntry(text);
  return entry !== null && /^[^，,\s\u3000]{2,3}[，,]/u.test(text.trim()) && !looksLikePersonName(entry.name) && text.length > 40 && SENTENCE_END.test(text.trim());
}

/** `对她进行了专访`, `采访了他`, `与她聊了聊`: the lead says the reporter interviewed the one it spoke of. */
const INTERVIEWED_PRONOUN = /(?:对|与|和|同|向)[他她](?:进行了?|做了|作了|展开了?)?(?:一次)?(?:专访|采访|访谈|对话|聊)|(?:专访|采访|访问)了?[他她](?![们])/u;
/**
 * `柯静怡，1993年出生，……。日前，记者……对她进行了专访。`: a lead that opens by profiling one person
 * (a name, a comma, a birth, a sex or a post) and says the reporter interviewed 他/她 introduces them.
 */
function profiledInterviewee(text: string): string[] {
  const view = simplifiedView(text).trim();
  const first = profiledPeople(view).filter((name) => view.startsWith(name) && looksLikePersonName(name));
  return first.length === 1 && INTERVIEWED_PRONOUN.test(view) ? first : [];
}

/** `（记者 NAME 文/图）`, or the same credit printed out of brackets as a byline (`本报记者 NAME NAME 文/图`). */
function closingCredit(text: string): RegExpExecArray | null {
  return CLOSING_CREDIT.exec(text) ?? (BYLINE.test(text) && !/^[□■◇◆]/u.test(text) ? CLOSING_CREDIT.exec(`（${text.replace(/^文\s*[/／]\s*/u, '')}）`) : null);
}

/** `——访枫林社区老年象棋社社长冯守仁`: a kicker naming whom the piece interviews, by post and name, at its end. */
const INTERVIEW_KICKER = /^[—－-]{0,2}\s*(?:专访|访|访问|对话)/u;
export function kickerInterviewee(text: string): string[] {
  const view = simplifiedView(text).trim();
  if (!INTERVIEW_KICKER.test(view)) return [];
  return introducedPeople(`${text.trim()}。`);
}

/**
 * Reads an article of labelled turns with the layout's labels.
 *
 * @throws {CorpusError} when no label of the layout opens any paragraph (not this layout).
 */
export function readTurns(layout: LayoutDescription, raws: RawParagraph[]): LayoutReading {
  const labels = raws.map((p): TurnLabel | null => {
    const label = readTurnLabel(p.text, { printedAlone: p.labelAlone === true });
    if (!label) return null;
    return layout.labelStyles.includes(label.bracketed ? 'bracket' : 'colon') ? label : null;
  });
  // `青屿岛：从“靠海吃海”到“养海护海”`, `【田野週報】山坡上的滴灌：…`: a first line that is a headline, not a turn.
  if (isHeadlineLabel(labels, raws)) labels[0] = null;
  // `電視專題《……》第三十七期` over `湯泉鎮：一口溫泉「泡」活一座老鎮`: under a short unlabelled line (the programme's
  // or the column's name), a second line of a headline's shape, ending in no sentence's stop, whose label is a
  // place's name (ending as a town's, a village's, an island's does) or no one's (no surname first), is the headline.
  const placeOrNoOne = (l: TurnLabel | null | undefined) => l?.name != null && (PLACE_LABEL_END.test(simplifiedView(l.name)) || !looksLikePersonName(l.name));
  const secondHeadline =
    labels[0] === null && labels[1]?.style === 'colon' && placeOrNoOne(labels[1]) && raws.length > 2 && raws[0]!.text.trim().length <= 40 && !SENTENCE_END.test(raws[0]!.text.trim()) && !/[。！？!?…]$/u.test(raws[1]!.text.trim()) && isHeadlineLabel(labels.slice(1), raws.slice(1));
  if (secondHeadline) labels[1] = null;
  // `【节目文稿】`, `【圆桌】` under the headline: a tag of the column or the script, before any label, is no one's label.
  for (const [i, l] of labels.entries()) {
    if (!l) continue;
    if (!isColumnTag(l)) break;
    labels[i] = null;
  }
  // `■ 改线：从“跑得快”到“看得见”`, twice or more: short marked lines with no sentence end whose label
  // labels nothing else are the topics of the piece, no one's turns.
  const topicShaped = (i: number) => {
    const l = labels[i];
    const text = raws[i]!.text.trim();
    return l !== null && l !== undefined && /^[■□◆◇]/u.test(text) && text.length <= 30 && !/[。！？!?]/u.test(text) && labels.filter((o) => o?.printed === l.printed).length === 1;
  };
  const topics = raws.map((_, i) => i).filter(topicShaped);
  if (topics.length >= 2) for (const i of topics) labels[i] = null;
  const roleOf = (word: string | null) =>
    word === null ? null : layout.hostWords.includes(word) ? 'host' : layout.answerWords.includes(word) ? 'answer' : layout.narrationWords.includes(word) ? 'narration' : word === '编者' ? 'editor' : null;
  if (!labels.some((l) => l && (l.name !== null || roleOf(l.roleWord) !== null))) throw new CorpusError(`no turn label of the ${layout.name} layout`);

  // Front matter: everything before the first heading or the first label the layout reads.
  // `□本报记者 NAME`: a byline under a box mark is no heading.
  const isHeading = (i: number) => i > 0 && labels[i] === null && ANY_HEADING.test(simplifiedView(raws[i]!.text)) && raws[i]!.text.length <= 60 && !BYLINE.test(raws[i]!.text) && !PHOTO_CREDIT.test(raws[i]!.text.trim()) && !LEAD_GUIDE.test(simplifiedView(raws[i]!.text).trim());
  const firstLabel = labels.findIndex((l, i) => l !== null && (roleOf(l.roleWord) !== null || l.name !== null || l.isRole) && !isHostLine(raws[i]!.text) && !inGuestList(i));
  const firstHeading = raws.findIndex((_, i) => isHeading(i));
  const firstTurn = firstHeading >= 0 && (firstLabel < 0 || firstHeading < firstLabel) ? firstHeading : firstLabel;
  function inGuestList(i: number): boolean {
    if (!readGuestEntry(raws[i]!.text)) return false;
    for (let j = i - 1; j >= 0; j--) {
      if (readGuestListLabel(raws[j]!.text)) return true;
      if (!readGuestEntry(raws[j]!.text) || isHostLine(raws[j]!.text)) return false;
    }
    return false;
  }
  const guests = new Map<string, string>();
  const introduced = new Set<string>();
  let host: { name: string; title: string } | null = null;
  let kicker: string | null = null;
  /** `本报记者 NAME 整理` over turns the host asks under the role word: who wrote the record up, whose the lead and the narration are. */
  let compiledBy: string | null = null;
  /** `本报记者 NAME 整理` over turns NAME asks as 记者: the byline's reporter wrote the record up too. */
  let hostCompiles = false;
  const frontKinds = new Map<number, ParagraphKind>();
  /** The paper's own name, from a byline that prints it for 本报 (`晨报记者 NAME` → `晨报`). */
  let paperName: string | null = null;
  let inList = false;
  /** Leads printed under an editor's note or a profile heading: the paper's words. */
  const editorsLeads = new Set<number>();
  let underEditor = false;
  /** Front-matter lines in prose on a list's or a note's label line (`简历：NAME，…。`, `说明：本文根据…。`). */
  const profileProse = new Set<number>();
  /** Entries of a list printed under a profile's heading (`人物简介`), not a guest list's (`访谈嘉宾`). */
  const profileEntries = new Set<number>();
  let profileList = false;
  const frontEnd = firstTurn < 0 ? raws.length : firstTurn;
  // The host's turns labelled by the role word (`主持人：`), not by 记者 or 问.
  const hostSpeaksAsRole = labels.some((l) => l !== null && l.name === null && HOST_WORDS.includes(l.roleWord ?? '') && roleOf(l.roleWord) === 'host');
  // The headline is the first line, or the first short line under a column's tag (`【圆桌】`).
  // `本报讯 “……”`: a piece that opens with its news lead has no headline in the text.
  const headlineAt = secondHeadline ? 1 : NEWS_LEAD.test(raws[0]?.text ?? '') ? -1 : COLUMN_TAG.test(raws[0]?.text ?? '') ? raws.findIndex((p, i) => i > 0 && i < frontEnd && p.text.length <= 40 && !SENTENCE_END.test(p.text) && !INLINE_EDITORS_NOTE.test(simplifiedView(p.text))) : 0;
  for (let i = 0; i < frontEnd; i++) {
    const text = raws[i]!.text;
    const listLabel = readGuestListLabel(text);
    const writer = WRITER_LINE.exec(simplifiedView(text).trim());
    const byline = BYLINE.exec(text) ?? HOST_LINE.exec(hostLineView(text)) ?? writer;
    // `本期主持` over `NAME\u3000本报健康新闻部主任`: the host's heading, then their name and post on the next line.
    const hostUnder = HOST_HEADING.test(simplifiedView(text).trim()) && i + 1 < frontEnd ? readGuestEntry(raws[i + 1]!.text) : null;
    if (hostUnder && looksLikePersonName(hostUnder.name) && !BYLINE.test(raws[i + 1]!.text)) {
      inList = false;
      host ??= { name: hostUnder.name, title: '主持人' };
      frontKinds.set(i, 'heading');
      frontKinds.set(i + 1, 'host-entry');
      i++;
      continue;
    }
    if (byline && text.length <= 30) {
      inList = false;
      const names = (byline.length > 2 ? byline[2]! : byline[1]!).split(/[\s、]+/u);
      // `本报记者 NAME 整理`: who wrote the record up, not who hosts it: the `主持人：` turns stay the role's.
      if (names.length > 1 && COMPILED_BY.test(names.at(-1)!) && hostSpeaksAsRole) {
        if (byline.length > 2 && looksLikePersonName(names[0]!)) compiledBy ??= names[0]!;
        frontKinds.set(i, 'kicker');
        continue;
      }
      if (names.length > 1 && COMPILED_BY.test(names.at(-1)!)) {
        names.pop();
        if (!host) hostCompiles = true;
      }
      host ??= { name: names[0]!, title: byline.length > 2 ? byline[1]! : writer ? '记者' : '主持人' };
      // `晨报记者 NAME`: the paper names itself, and may label its reporter's questions so (`晨报：`).
      const desk = byline.length > 2 ? /^(.+报)(?:特约)?记者$/u.exec(byline[1]!) : null;
      if (desk && desk[1] !== '本报') paperName ??= desk[1]!;
      frontKinds.set(i, 'host-entry');
    } else if (isCreditsLine(text)) {
      // `口述：NAME\u3000\u3000采访：NAME\u3000\u3000整理：NAME`: a line of the piece's credits, the paper's; whom it credits with
      // the telling (`口述`, `受访人`) is introduced, whom with the interview or the writing-up is read below.
      inList = false;
      for (const name of readCreditLine(text).filter((c) => c.words.some((w) => /^(?:口述|受访人)$/u.test(w))).flatMap((c) => c.names)) if (looksLikePersonName(name)) introduced.add(name);
      frontKinds.set(i, 'kicker');
    } else if (listLabel) {
      inList = true;
      profileList = PROFILE_LIST.test(simplifiedView(text).trim());
      for (const g of readGuestLine(listLabel.rest)) guests.set(g.name, g.title);
      // `简历：NAME，1953年生于…。现居…。`: a profile in sentences on its label's line, prose someone wrote.
      if (listLabel.rest.length >= 30 && SENTENCE_END.test(listLabel.rest.trim())) profileProse.add(i);
      frontKinds.set(i, 'heading');
    } else if (inList && readGuestEntry(text) && !listEndsAt(text)) {
      const g = readGuestEntry(text)!;
      guests.set(g.name, g.title);
      if (profileList) profileEntries.add(i);
      // `简历` then `NAME，1951年生，……。退休后……。`: a profile in sentences under its heading, prose someone wrote.
      if (text.length >= 30 && SENTENCE_END.test(text.trim())) profileProse.add(i);
      frontKinds.set(i, 'guest-entry');
    } else if (LEAD_GUIDE.test(simplifiedView(text).trim())) {
      // `■阅读提示`: the heading of the lead under it, no topic of the turns.
      inList = false;
      frontKinds.set(i, 'heading');
    } else if (INLINE_EDITORS_NOTE.test(simplifiedView(text))) {
      // `编者按：近年来……`: the paper's note, printed on the label's line; whom it says the paper
      // interviewed (`采访了……站长NAME和……NAME`) are introduced as a lead's would be.
      inList = false;
      for (const name of introducedPeople(text)) introduced.add(name);
      for (const name of interviewedIn(text, raws)) introduced.add(name);
      frontKinds.set(i, 'editors-note');
    } else if (i === headlineAt) {
      // `“把书架搬到菜市场门口”——访……馆长NAME`: a headline whose kicker after the dash names whom the piece interviews.
      const dash = /[—－]{1,2}\s*(?=专访|访|访问|对话)/u.exec(simplifiedView(text));
      if (dash && dash.index > 0) for (const name of kickerInterviewee(text.slice(dash.index))) introduced.add(name);
      frontKinds.set(i, 'headline');
    } else if (i === 0 && headlineAt >= 0) {
      // `【圆桌】`: the column's tag above the headline.
      frontKinds.set(i, 'kicker');
    } else if ((PAPERS_LINE.test(text.trim()) && !CLOSING_CREDIT.test(text.trim())) || PHOTO_CREDIT.test(text.trim())) {
      // `[图]…… 本报记者 NAME 摄`: a photo caption in the front matter, the paper's, never the lead.
      // `（本文根据……录音整理。）`: a note on the record, in brackets, prose its compiler wrote.
      if (RECORD_NOTE.test(simplifiedView(text).trim())) profileProse.add(i);
      inList = false;
      frontKinds.set(i, 'kicker');
    } else if (FACT_LINE.test(simplifiedView(text))) {
      // `播出时间：2024年3月8日 9:00—10:00 城市之声`: when and where it was printed or aired, the paper's.
      // `说明：本文根据两次访谈的录音整理，……。`: a note on the record in sentences, prose its compiler wrote.
      if (/^说明\s*[:：]/u.test(simplifiedView(text).trim()) && text.length >= 30 && SENTENCE_END.test(text.trim())) profileProse.add(i);
      inList = false;
      frontKinds.set(i, 'kicker');
    } else if ((text.length <= 30 || (INTERVIEW_KICKER.test(simplifiedView(text)) && text.length <= 60)) && !SENTENCE_END.test(text)) {
      // `——对话……NAME、……NAME和……NAME`: a kicker naming whom the piece talks to, however long.
      inList = false;
      if (!DATE_LINE.test(text) && !COLUMN_TAG.test(text)) kicker ??= text;
      for (const name of kickerInterviewee(text)) introduced.add(name);
      underEditor = EDITORS_SECTION.test(simplifiedView(text).trim());
      frontKinds.set(i, 'kicker');
    } else {
      // `人物简介` then `达瓦次仁，1975年出生于…。石磊，…`: a profile in prose, each sentence opening with whom it profiles.
      if (inList) for (const name of profiledPeople(text)) introduced.add(name);
      // `【人物简介】苏某，1985年生，…`: a profile printed on its bracketed heading's own line.
      const profile = INLINE_PROFILE.exec(simplifiedView(text).trim());
      if (profile) for (const name of profiledPeople(text.trim().slice(profile[0].length - profile[1]!.length))) introduced.add(name);
      inList = false;
      for (const name of introducedPeople(text)) introduced.add(name);
      for (const name of interviewedIn(text, raws)) introduced.add(name);
      for (const name of profiledInterviewee(text)) introduced.add(name);
      const reporter = LEAD_REPORTER.exec(simplifiedView(text));
      if (reporter && looksLikePersonName(reporter[1]!)) host ??= { name: text.slice(reporter.index + reporter[0].length - reporter[1]!.length, reporter.index + reporter[0].length), title: '本报记者' };
      if (underEditor) editorsLeads.add(i);
      frontKinds.set(i, 'lead');
    }
  }
  // `（记者 NAME 文/图）` after the last turn: the reporter no byline above named.
  const lastLabel = labels.findLastIndex((l) => l !== null);
  for (let i = lastLabel + 1; i < raws.length && lastLabel >= 0; i++) {
    const credit = closingCredit(raws[i]!.text.trim());
    // `（本报记者 NAME 整理）`: who wrote the record up, not who hosts it, when the `主持人：` turns are the role's.
    const compiled = credit !== null && COMPILED_BY.test(credit[0].replace(/[)）]$/u, '').trim().split(/[\s、]+/u).at(-1)!);
    if (credit && looksLikePersonName(credit[1]!) && !(compiled && hostSpeaksAsRole)) host ??= { name: credit[1]!, title: '记者' };
  }
  // A named host label (`主持人 王芳`) names the host.
  for (const l of labels) if (l && roleOf(l.roleWord) === 'host' && l.name) host ??= { name: l.name, title: l.roleWord! };
  // A host who names themselves in their own turns (`我是主持人林小禾。`, `我是许曼。`): the one name they give.
  if (!host) {
    const named = new Map<string, string>();
    for (const [i, l] of labels.entries()) {
      if (!l || l.name !== null || !HOST_WORDS.includes(l.roleWord ?? '') || roleOf(l.roleWord) !== 'host') continue;
      const text = raws[i]!.text;
      for (const m of simplifiedView(text).matchAll(SELF_NAMED)) {
        const at = m.index + m[0].length - m[1]!.length;
        if (looksLikePersonName(m[1]!)) named.set(m[1]!, text.slice(at, at + m[1]!.length));
      }
    }
    if (named.size === 1) host = { name: [...named.values()][0]!, title: '主持人' };
  }
  // Hosts who hand over mid-way under the same label (`我是主持人甲。` … `我是乙，接下来由我陪大家。`):
  // each host's turns run from the one where they name themselves to the next host's; the host turns
  // before the first self-naming stay the role's, no name.
  const hostFrom = new Map<number, string>();
  if (!host) {
    for (const [i, l] of labels.entries()) {
      if (!l || l.name !== null || !HOST_WORDS.includes(l.roleWord ?? '') || roleOf(l.roleWord) !== 'host') continue;
      const text = raws[i]!.text;
      const names = [...simplifiedView(text).matchAll(SELF_NAMED)].filter((m) => looksLikePersonName(m[1]!)).map((m) => {
        const at = m.index + m[0].length - m[1]!.length;
        return text.slice(at, at + m[1]!.length);
      });
      if (new Set(names).size === 1) hostFrom.set(i, names[0]!);
      else if (names.length > 0) hostFrom.set(i, '');
    }
    // A name given in the last host turn (`我是乙，明晚再见。`) signs off: a host who hands over has turns
    // after it. Signing off as someone other than the host then speaking, or giving two names in one
    // turn, leaves every host turn to the role word.
    const froms = [...hostFrom.keys()];
    const lastHostTurn = labels.findLastIndex((l) => l !== null && l.name === null && HOST_WORDS.includes(l.roleWord ?? '') && roleOf(l.roleWord) === 'host');
    const last = froms.at(-1);
    const signsOffOther = last !== undefined && froms.length > 1 && last === lastHostTurn && hostFrom.get(last) !== hostFrom.get(froms.at(-2)!);
    if (signsOffOther || [...hostFrom.values()].includes('') || new Set(hostFrom.values()).size < 2) hostFrom.clear();
  }
  const handedHostAt = (i: number): string | null => {
    let name: string | null = null;
    for (const [from, who] of hostFrom) if (from <= i) name = who;
    return name;
  };
  const labelCounts = new Map<string, number>();
  for (const l of labels) if (l?.name) labelCounts.set(l.name, (labelCounts.get(l.name) ?? 0) + 1);
  // The host's opening words introduce guests too.
  // Their words after the label: `记者：莫教授，……` is the post of the one asking, then whom they call, no introduction.
  // A question that calls in full someone a label names (`记者：蒲晓禾，你……`) introduces them; by surname and title (`莫教授，`), no one.
  for (const [i, l] of labels.entries()) {
    if (!l || roleOf(l.roleWord) !== 'host') continue;
    const words = raws[i]!.text.slice(l.end).trim();
    for (const name of introducedPeople(words)) introduced.add(name);
    const called = /^([\p{Script=Han}]{2,4})[，,]/u.exec(words)?.[1];
    if (called && looksLikePersonName(called) && surnameAndTitle(called) === null && labels.some((o) => o?.name === called)) introduced.add(called);
  }
  /** The name in the words of another paragraph (after its label, if any): the article speaks of them. */
  const mentionedElsewhere = (name: string, i: number) => {
    const view = simplifiedView(name);
    return raws.some((r, k) => k !== i && simplifiedView(r.text).slice(labels[k]?.end ?? 0).includes(view));
  };
  /** `嚮導 扎西次仁：` where another paragraph says `嚮導扎西次仁`: the article names them with the label's title. */
  const namedWithTitle = (l: TurnLabel, i: number) => {
    if (l.title === null || l.name === null || l.name.length < 2) return false;
    const named = simplifiedView(l.title) + simplifiedView(l.name);
    return raws.some((r, k) => k !== i && simplifiedView(r.text).slice(labels[k]?.end ?? 0).includes(named));
  };
  // A name the article introduces is a speaker; one learnt only from the label's shape must look like a name.
  const knownName = (l: TurnLabel, i: number) =>
    guests.has(l.name!) ||
    introduced.has(l.name!) ||
    quotedInLead.has(l.name!) ||
    l.name === host?.name ||
    namedWithTitle(l, i) ||
    (((labelCounts.get(l.name!) ?? 0) >= 2 || l.title !== null || raws[i]!.labelAlone === true) && looksLikePersonName(l.name!));
  /** Everyone the article names in full but the label `name`: its guests, the people introduced, other labels' names, and the host when asked. */
  const namedInFull = (name: string, withHost: boolean): string[] => [
    ...new Set([...guests.keys(), ...introduced, ...labels.flatMap((l, k) => (l?.name && l.name !== name && l.name.length >= 2 && !isSurnameLabel(l.name) && knownName(l, k) ? [l.name] : [])), ...(withHost && host ? [host.name] : [])]),
  ];
  /** Everyone of a surname-and-title label's surname whom the article names in full (a guest, someone introduced, another label's name). */
  const namesakesOf = (name: string): string[] => {
    const alias = surnameAndTitle(name);
    if (!alias) return [];
    return namedInFull(name, false).filter((p) => p !== host?.name && p.length >= 2 && simplifiedView(p)[0] === alias.surname && surnameAndTitle(p) === null);
  };
  /**
   * The person a surname-and-title label (`程教授`) calls: the one person of that surname the article
   * names in full (a guest, someone introduced, another label's name) whose title holds that title,
   * or null when there is none or more than one.
   */
  const aliasOf = (name: string): string | null => {
    const alias = surnameAndTitle(name);
    if (!alias) return null;
    const people = namesakesOf(name);
    if (people.length !== 1) return null;
    const person = people[0]!;
    // `汪师傅`, `曹老师`: a form of address, no post, calls the one person of that surname.
    if (ADDRESS_ONLY.includes(alias.title)) return person;
    const titlesOf = [guests.get(person) ?? '', ...labels.filter((l) => l?.name === person).map((l) => l!.title ?? '')].map(simplifiedView);
    // `校长邓建文`, `邓建文校长` in the text: the article names them with that title.
    const view = simplifiedView(person);
    const namedSo = raws.some((r, k) => labels[k]?.name !== name && (simplifiedView(r.text).includes(alias.title + view) || simplifiedView(r.text).includes(view + alias.title)));
    // `易所长：（笑）大家都习惯叫我易所长，……`: the label's own turn says its speaker is called so; the one
    // person of that surname the article names in full is then whom it calls, whatever post the text gave them.
    const calledSo = new RegExp(`(?:叫|称呼?|喊)我${simplifiedView(name)}`, 'u');
    const callsSelfSo = raws.some((r, k) => labels[k]?.name === name && calledSo.test(simplifiedView(r.text).slice(labels[k]!.end)));
    return namedSo || callsSelfSo || titlesOf.some((t) => t.includes(alias.title)) ? person : null;
  };
  /** The one person named in full (a guest, someone introduced, another label's name, the host) whose given name a two-character label is, or null. */
  const givenNameOf = (name: string): string | null => {
    const view = simplifiedView(name);
    if (!/^[\p{Script=Han}]{2}$/u.test(view) || guests.has(name) || introduced.has(name)) return null;
    const people = namedInFull(name, true).filter((p) => {
      const full = simplifiedView(p);
      return full !== view && full.endsWith(view) && full.length - view.length <= 2 && looksLikePersonName(p) && surnameAndTitle(p) === null;
    });
    return people.length === 1 ? people[0]! : null;
  };
  /**
   * `柯：`, `杜：`: a label of a surname alone is the one person of that surname the article names in full (a
   * guest, someone introduced, another label's name, the host); two or none: null (the label is doubted).
   */
  const surnameLabelOf = (name: string): string | null => {
    const view = simplifiedView(name);
    if (!isSurnameLabel(name)) return null;
    // `欧阳：` for 欧阳蕾: a two-character surname calls one whose name opens with it; `欧：` never does.
    const compound = view.length === 2;
    const people = namedInFull(name, true).filter((p) => {
      const full = simplifiedView(p);
      return full.length > view.length && full.startsWith(view) && looksLikePersonName(p) && surnameAndTitle(p) === null && compound === COMPOUND_SURNAMES.some((c) => full.startsWith(c));
    });
    return people.length === 1 ? people[0]! : null;
  };
  /**
   * `老蓝：`, `小谭：`: 老 or 小 before a surname, the way people call someone. The text may say whom it calls
   * so (`……的蓝志远……，村里人都叫他老蓝`, `……的谭文博，大家叫他小谭`): the person of that surname it names last
   * before those words, even one no other rule reads; else the one person of that surname the article
   * names in full. Two of that surname and no such words, or none: null (the label is doubted).
   */
  const familiarOf = (name: string): string | null => {
    const view = simplifiedView(name);
    const surname = FAMILIAR_LABEL.exec(view)?.[1];
    if (!surname || !looksLikePersonName(surname) || NOT_FAMILIAR.has(view)) return null;
    const people = namedInFull(name, true).filter((p) => {
      const full = simplifiedView(p);
      return full.length >= 3 && full[0] === surname && surnameAndTitle(p) === null && !FAMILIAR_LABEL.test(full);
    });
    const calledSo = new RegExp(`(?:叫|称|喊)[他她]?[“"「]?${view}(?![\\p{Script=Han}])`, 'u');
    for (const r of raws) {
      const text = simplifiedView(r.text);
      const said = calledSo.exec(text);
      if (!said) continue;
      const before = text.slice(0, said.index);
      const last = people.map((p) => [p, before.lastIndexOf(simplifiedView(p))] as const).filter(([, at]) => at >= 0).sort((a, b) => b[1] - a[1])[0];
      if (last) return last[0];
      // A name no rule reads (`五十九岁的船工NAME在这里…`): the surname's last three characters in the sentence that says so.
      const sentenceStart = Math.max(...['。', '！', '？', '；'].map((c) => before.lastIndexOf(c))) + 1;
      // Else the last such name closed by a comma or a stop before those words in the paragraph (`乡邮员NAME，…。山里人都叫他“老麦”`).
      const inSentence = [...before.slice(sentenceStart).matchAll(new RegExp(`${surname}[\\p{Script=Han}]{2}`, 'gu'))].at(-1);
      const closed = [...before.matchAll(new RegExp(`${surname}[\\p{Script=Han}]{2}(?=[，,。；;（(])`, 'gu'))].at(-1);
      const at = inSentence ? sentenceStart + inSentence.index : closed ? closed.index : -1;
      // `王家村`, `谭家湾`: a place or a unit, never the name.
      if (at < 0 || /[的了在是和与把被这那个不也都就还要给对从到们他她我你]/u.test(before.slice(at + 1, at + 3)) || /[家村镇乡县市区局院校所队站部厅处社会巷路街河山湖江桥湾坪屯寨]$/u.test(before.slice(at, at + 3))) return null;
      return r.text.slice(at, at + 3);
    }
    return people.length === 1 ? people[0]! : null;
  };
  // The lead is a report of its own (`“……”杨思雨说。`): whose words each of its paragraphs holds.
  const leadIds = [...frontKinds].filter(([, kind]) => kind === 'lead').map(([i]) => i);
  const leadSpeech = new Map(
    attributeQuotedSpeech(
      leadIds.map((i) => raws[i]!.text),
      host ? { name: host.name, title: host.title } : null,
    ).map((speech, k) => [leadIds[k]!, speech]),
  );
  // Someone the lead quotes by name is someone the article introduces: their label is theirs.
  const quotedInLead = new Set([...leadSpeech.values()].flatMap((speech) => (speech.speeches ?? []).filter((s) => s.method !== 'narration').map((s) => s.speaker)));
  const hostName = host?.name ?? null;
  // The reporter the lead names (`本报记者贺晴就此专访了…`) asks; they are never an interviewee.
  const interviewees = [...new Set([...guests.keys(), ...introduced])].filter((name) => name !== hostName);
  const soleInterviewee = interviewees.length === 1 ? interviewees[0]! : null;
  // Who answers: the interviewees, and anyone an answer's label names (`答（苗蕾）：`).
  const answerers = [...new Set([...interviewees, ...labels.flatMap((l) => (l && roleOf(l.roleWord) === 'answer' && l.name !== null && surnameAndTitle(l.name) === null ? [l.name] : []))])];
  // `问：…` then `NAME：…` for several people: whoever answers under a label of their own full name
  // answers too, so a bare `答：` among them is not the one interviewee the lead happens to read.
  const labelledAnswerers = [
    ...new Set(labels.flatMap((l) => (l && l.name !== null && l.roleWord === null && !l.isRole && !l.audience && l.name !== hostName && looksLikePersonName(l.name) && surnameAndTitle(l.name) === null ? [l.name] : []))),
  ];
  const anyAnswerers = [...new Set([...answerers, ...labelledAnswerers])];
  /** The text of the last question asked, after its label. */
  let lastAsked: string | null = null;
  /** Who gave the last answer, or null when no one could be told. */
  let lastAnswerer: string | null = null;
  // A Q&A or a reporter's interview whose questions are the reporter's with no name (`问：`, `记者：`)
  // and no byline: the lead is the reporter's narration too, not the paper's.
  const askers = new Set(labels.filter((l) => l && l.name === null && roleOf(l.roleWord) === 'host').map((l) => (l!.roleWord === '问' || l!.roleWord === 'Q' ? '记者' : l!.printed)));
  const unnamedReporter = hostName === null && (layout.genre === 'qa' || layout.genre === 'interview') && askers.size === 1 && /^(?:本报)?记者$/u.test([...askers][0]!) ? [...askers][0]! : null;

  const paragraphs: ArticleParagraph[] = [];
  const sections: ArticleSection[] = [];
  const doubts: ArticleDoubt[] = [];
  const titles = new Map<string, string>(guests);
  let section = '';
  let sectionNumber = 0;
  let turn: Turn | null = null;
  // In the reporter's notes (`记者手记`), where the reporter writes `我` of themselves.
  let inNotes = false;
  const push = (p: RawParagraph, who: Turn, attribution: Attribution, labelEnd = 0, speech?: ReportSpeech) => {
    const title = speech ? speech.title : who.role === 'host' ? (host?.title ?? null) : who.role === 'expert' || who.role === 'author' ? (titles.get(who.speaker) ?? null) : null;
    paragraphs.push({
      id: paragraphs.length,
      speaker: who.speaker,
      role: who.role,
      title,
      section,
      sectionNumber,
      kind: who.kind,
      text: p.text,
      labelEnd,
      quotes: speech ? quotesOf(p.text, who.speaker, who.role, speech.speeches ?? []) : who.role === 'editor' || who.role === 'unattributed' ? [] : isTurn(who.kind) ? quotesInTurn(p.text, who.speaker, labelEnd) : findQuotedSpans(p.text),
      sourceLines: p.sourceLines,
      attribution,
      ...(speech?.speeches ? { speeches: speech.speeches } : {}),
      ...(speech?.openSpeeches ? { openSpeeches: speech.openSpeeches } : {}),
    });
  };
  /** A paragraph of narration read as a report (`attributeQuotedSpeech`): its quotations their speakers', the rest the narrator's. */
  const pushNarrated = (p: RawParagraph, read: ReportSpeech, narrator: Turn, where: string) => {
    // The narration around someone's words is the narrator's.
    const speech: ReportSpeech = read.speeches ? { ...read, speeches: read.speeches.map((s) => (s.method === 'narration' ? { ...s, speaker: narrator.speaker } : s)) } : read;
    if (speech.role === 'quoted' || speech.role === 'unattributed') {
      const id = paragraphs.length;
      if (speech.role === 'unattributed') doubts.push({ reason: 'no-speaker', paragraph: id, message: `no speaker could be decided for this paragraph of ${where}${speech.attribution.label ? ` (it opens with "${speech.attribution.label}")` : ''}` });
      else if (speech.openSpeeches) doubts.push({ reason: 'open-speech', paragraph: id, message: `the paragraph holds words whose speaker the text leaves open (${speech.openSpeeches[0]!.reason})` });
      push(p, { speaker: speech.speaker, role: speech.role, kind: narrator.kind }, speech.attribution, 0, speech);
    } else {
      if (speech.openSpeeches) doubts.push({ reason: 'open-speech', paragraph: paragraphs.length, message: `the paragraph holds words whose speaker the text leaves open (${speech.openSpeeches[0]!.reason})` });
      push(p, narrator, { method: narrator.speaker === hostName ? 'byline' : 'narration', confidence: 0.8 }, 0, { ...speech, title: narrator.speaker === hostName ? (host?.title ?? null) : null });
    }
  };
  // Who narrates the text outside the turns: the reporter the byline or the lead names, or the one who asks as 记者.
  const reporter: Turn | null = compiledBy ? { speaker: compiledBy, role: 'host', kind: 'lead' } : hostName ? { speaker: hostName, role: 'host', kind: 'lead' } : unnamedReporter ? { speaker: unnamedReporter, role: 'host', kind: 'lead' } : null;
  /** A paragraph read as the reporter's narration, the lead's people known (`narratorSaysI`: 我 is the reporter, as in their notes). */
  const readAsReporter = (text: string, narrator: Turn, narratorSaysI: boolean): ReportSpeech =>
    attributeQuotedSpeech([...leadIds.map((k) => raws[k]!.text), text], { name: narrator.speaker, title: host?.title ?? narrator.speaker }, { narratorSaysI }).at(-1)!;
  // `▲新赛道穿过老街，……会不会影响成绩？` right before an answer's label (`陶永年：`): a question marked, not
  // labelled, the reporter's. Only when two or more so placed ask (end in ？); one that does not is doubted.
  const markedBeforeAnswer = raws
    .map((_, i) => i)
    .filter((i) => {
      const next = labels[i + 1];
      return i >= frontEnd && labels[i] === null && /^[▲△]\s*\S/u.test(raws[i]!.text.trim()) && !PHOTO_CREDIT.test(raws[i]!.text.trim()) && next !== null && next !== undefined && next.name !== null && next.name !== hostName && roleOf(next.roleWord) !== 'host';
    });
  const asksMarked = (i: number) => /[？?]$/u.test(raws[i]!.text.trim());
  const markedQuestions = new Set(reporter && markedBeforeAnswer.filter(asksMarked).length >= 2 ? markedBeforeAnswer : []);
  // `采访整理：NAME` over a record whose questions NAME's own label asks: the one who wrote the record up,
  // whose words its preamble (`简历：…。`) is, as a lead is its reporter's. `口述：NAME\u3000\u3000采访：NAME\u3000\u3000整理：NAME`:
  // a line of several credits names the one who wrote it up (`整理`) apart from the one who asks (`采访`), whose
  // own label asks the questions: the writing-up's name is the compiler's, the interview's the `interviewer`.
  const creditLines = hostName === null ? [...frontKinds].filter(([, kind]) => kind === 'kicker').map(([i]) => readCreditLine(raws[i]!.text)) : [];
  const labelsTurns = (name: string | null): name is string => name !== null && (labelCounts.get(name) ?? 0) > 0 && looksLikePersonName(name);
  /** The one a line of several credits says asked (`采访：NAME`), whose own label asks the questions: a host, apart from any compiler. */
  const interviewer = creditLines.map((credits) => (credits.length > 1 ? creditedFor(credits, INTERVIEWED_BY) : null)).find(labelsTurns) ?? null;
  const compiler =
    creditLines.flatMap((credits) => {
      const name = creditedFor(credits, WROTE_UP) ?? (credits.length === 1 ? creditedFor(credits, INTERVIEWED_BY) : null);
      const asks = credits.length > 1 && creditedFor(credits, INTERVIEWED_BY) === interviewer && interviewer !== null;
      return name !== null && looksLikePersonName(name) && (labelsTurns(name) || asks) ? [name] : [];
    })[0] ?? null;
  // `本集撰稿、解說：NAME\u3000\u3000編導：NAME`: a credits line (anywhere, on no label's line) that names the one person
  // who writes and voices the programme's narration: whose the `解说：` turns are, by the word the line credits them with.
  const voicedBy = new Map<string, { name: string; printed: string }>();
  for (const word of layout.narrationWords) {
    const credits = raws.flatMap((r, i) => (labels[i] === null ? readCreditLine(r.text) : [])).filter((c) => c.words.includes(word));
    const names = [...new Set(credits.flatMap((c) => c.names))];
    if (names.length === 1 && looksLikePersonName(names[0]!)) voicedBy.set(word, { name: names[0]!, printed: credits[0]!.printed });
  }
  // `（本台記者 NAME 攝像 NAME 報道）` closing a programme: the one reporter who filed the report voices its
  // narration (`解說：`), when no credits line names anyone for it.
  const reportedBy = raws.flatMap((r, i) => {
    const text = r.text.trim();
    const m = labels[i] === null ? REPORTED_BY.exec(simplifiedView(text)) : null;
    return m ? [{ name: text.slice(...m.indices![2]!), printed: text.slice(...m.indices![1]!) }] : [];
  });
  if (reportedBy.length === 1 && looksLikePersonName(reportedBy[0]!.name)) for (const word of layout.narrationWords) if (!voicedBy.has(word)) voicedBy.set(word, reportedBy[0]!);
  // `記者：NAME` in the front matter over a programme whose studio host a label names apart (`主持人 NAME :`): the
  // reporter who filed the report voices its narration (`解說：`), when nothing above names anyone for it.
  const studioHosts = new Set(labels.flatMap((l) => (l && l.name !== null && l.roleWord !== null && HOST_WORDS.includes(l.roleWord) && roleOf(l.roleWord) === 'host' ? [l.name] : [])));
  const reporterCredit = [...frontKinds].some(([k, kind]) => kind === 'host-entry' && /^(?:本[报台])?记者\s*[:：]?\s*[\p{Script=Han}]{2,4}$/u.test(simplifiedView(raws[k]!.text.trim())));
  if (host && hostName !== null && reporterCredit && studioHosts.size === 1 && !studioHosts.has(hostName) && !labels.some((l) => l?.name === hostName) && looksLikePersonName(hostName))
    for (const word of layout.narrationWords) if (!voicedBy.has(word)) voicedBy.set(word, { name: hostName, printed: '记者' });
  /** The one person a line of its own credits with writing the record up (`整理：NAME`, `（整理：NAME）`), wherever printed. */
  const writtenUpNames = [...new Set(raws.flatMap((r, i) => {
    const text = r.text.trim();
    const m = labels[i] ? null : WRITTEN_UP_LINE.exec(simplifiedView(text));
    return m && looksLikePersonName(m[1]!) ? [text.slice(...m.indices![1]!)] : [];
  }))];
  const soleWriter = writtenUpNames.length === 1 ? writtenUpNames[0]! : null;
  /** `主持人 NAME :` once, then plain `主持人：`: the host that label named, not the byline's reporter. */
  const namedHostBefore = (i: number, roleWord: string | null): string | null => {
    if (roleWord === null) return null;
    const named = labels.slice(0, i).filter((l) => l !== null && l.roleWord === roleWord && l.name !== null).map((l) => l!.name!);
    return new Set(named).size === 1 ? named[0]! : null;
  };
  // `这时，年轻队员邬小军摘下面罩，接过了话头。`: a paragraph with no label and no 我 outside quotations that
  // names, by a name that looks like one, whoever the next label names: the reporter introducing the next speaker.
  // `（此时NAME的老伴NAME端着茶进来，听到这里插了话。）` between the turns of a record its compiler names (no
  // byline): a bracketed line that so introduces the next speaker is the compiler's narration, as it is a reporter's.
  const recordNarrator: Turn | null = reporter ?? (compiler !== null ? { speaker: compiler, role: 'host', kind: 'lead' } : null);
  const introducesNext = new Set<number>();
  if (recordNarrator) {
    for (const [i, p] of raws.entries()) {
      const next = labels[i + 1];
      if (labels[i] || frontKinds.has(i) || !next?.name || next.roleWord !== null || !looksLikePersonName(next.name)) continue;
      if (!reporter && !BRACKETED_LINE.test(p.text.trim())) continue;
      const outside = simplifiedView(p.text).replace(/“[^”]*”|「[^」]*」|『[^』]*』/gu, '“”');
      if (FIRST_PERSON.test(outside) || !outside.includes(simplifiedView(next.name))) continue;
      introducesNext.add(i);
      introduced.add(next.name);
    }
  }
  // `说到这里，老蓝低下头摆弄茶杯。` after the last turn: a clause opening with someone who speaks under a
  // label of their own (`老蓝：`), no 我 outside quotations: the reporter telling of them, not more of the turn.
  const labelledNames = [...new Set(labels.flatMap((l) => (l?.name && l.roleWord === null && !l.isRole ? [simplifiedView(l.name)] : [])))];
  // `傍晚六点，邮车回到支局，……`, `采访结束时，对讲机里又传来呼叫：……`: after the last turn, a paragraph that
  // opens by setting the scene's time (or the interview's end), no 我 outside quotations: the reporter's
  // closing narration, whoever (and whether anyone) it tells of.
  /** `（NAME从……取出……。）`: a bracketed sentence opening with someone a label names, no 我, no credit or caption in it. */
  const tellsOfLabelled = (text: string): boolean => {
    const inner = simplifiedView(text.trim()).slice(1, -1).trim();
    if (inner.length < 8 || !/[。！]$/u.test(inner) || FIRST_PERSON.test(inner) || /[:：]/u.test(inner) || PHOTO_CREDIT.test(text.trim())) return false;
    return labelledNames.some((name) => inner.startsWith(name));
  };
  const tellsOfSpeaker = (text: string): boolean => {
    const outside = simplifiedView(text).replace(/“[^”]*”|「[^」]*」|『[^』]*』/gu, '“”');
    if (FIRST_PERSON.test(outside)) return false;
    return CLOSING_SCENE.test(outside.trim()) || labelledNames.some((name) => new RegExp(`(?:^|[，,。；;！？])${name}(?![\\p{Script=Han}]?[：:])`, 'u').test(outside));
  };
  // A byline's reporter who asks the questions (not a host under `主持人：`): who writes the profile over them.
  const reporterWrites = hostName !== null && host !== null && /记者/u.test(host.title) && !hostSpeaksAsRole;
  const editor = (kind: ParagraphKind): Turn => ({ speaker: EDITOR_NAME, role: 'editor', kind });
  const nobody: Turn = { speaker: UNATTRIBUTED_NAME, role: 'unattributed', kind: 'unattributed' };
  const front: Attribution = { method: 'front-matter', confidence: 1 };
  for (const [i, p] of raws.entries()) {
    const frontKind = frontKinds.get(i);
    if (frontKind) {
      if (frontKind === 'guest-entry' && compiler !== null && profileProse.has(i)) {
        // `龙某某，1951年生，……。`: a profile in sentences over a record its compiler names, the compiler's words about
        // the interviewee, never the interviewee's own.
        push(p, { speaker: compiler, role: 'host', kind: 'lead' }, { method: 'narration', confidence: 0.8 });
      } else if (frontKind === 'guest-entry' && profileEntries.has(i) && reporterWrites) {
        // `人物简介` then `NAME（……队长，……指导员，从事……十二年）` over the questions of a reporter a byline signs:
        // the reporter's words about the interviewee, as the lead is, never the interviewee's own.
        push(p, { speaker: hostName!, role: 'host', kind: 'lead' }, { method: 'byline', confidence: 0.8 });
      } else if (frontKind === 'guest-entry') {
        const g: GuestEntry = readGuestEntry(p.text)!;
        push(p, { speaker: g.name, role: 'expert', kind: 'guest-entry' }, front);
      } else if (frontKind === 'host-entry') push(p, { speaker: host!.name, role: 'host', kind: 'host-entry' }, front);
      else if (frontKind === 'lead') {
        // Whoever tells the record tells its lead (`reporter`: who wrote it up, `本报记者 NAME 整理`, before the
        // host; with no byline, the compiler, `本文根据NAME与……的谈话录音整理而成`); a lead the paper signs
        // stays the paper's unless a byline names the reporter.
        const narrator: Turn = (editorsLeads.has(i) ? (compiledBy ?? hostName ? reporter : null) : recordNarrator) ?? editor('lead');
        pushNarrated(p, leadSpeech.get(i)!, narrator, 'the lead');
      } else if (frontKind === 'editors-note' && soleWriter !== null && soleWriter === hostName) {
        // `编者按：……` over a record whose host a credit names as the one who wrote it up too (`主持人：NAME` …
        // `（整理：NAME）`): the note is that compiler's words, as the record is.
        push(p, { speaker: soleWriter, role: 'host', kind: 'editors-note' }, { method: 'narration', confidence: 0.8 });
      } else if ((frontKind === 'heading' || frontKind === 'kicker') && compiler !== null && profileProse.has(i)) {
        push(p, { speaker: compiler, role: 'host', kind: 'lead' }, { method: 'narration', confidence: 0.8 });
      } else if (frontKind === 'kicker' && hostName !== null && photographerOf(p.text.trim()) === hostName) {
        // `▲……（本报记者 NAME 摄）`: a caption under the reporter's own photo is the reporter's.
        push(p, { speaker: hostName, role: 'host', kind: 'host-entry' }, front);
      } else push(p, editor(frontKind), front);
      continue;
    }
    const label = labels[i];
    // A label after the notes (a turn printed after them) ends them.
    if (label) inNotes = false;
    const notes = label ? null : REPORTERS_NOTES.exec(simplifiedView(p.text));
    if (notes) {
      // `【记者手记】采访结束时，……`: the reporter's notes, in the narration of the byline's (or the lead's)
      // reporter, never more of the last answer; with no reporter named, no one's and doubted.
      if (!reporter) {
        doubts.push({ reason: 'no-speaker', paragraph: paragraphs.length, message: `the reporter's notes ("${notes[0].trim()}") follow, and no reporter is named to narrate them` });
        push(p, nobody, { method: 'unattributed', confidence: 0 });
        turn = nobody;
      } else if (notes[0].length === p.text.length) {
        push(p, editor('heading'), front);
        turn = reporter;
      } else {
        const read = readAsReporter(p.text, reporter, true);
        pushNarrated(p, read, reporter, "the reporter's notes");
        turn = reporter;
      }
      inNotes = reporter !== null;
      continue;
    }
    if (markedQuestions.has(i)) {
      if (!asksMarked(i)) doubts.push({ reason: 'no-speaker', paragraph: paragraphs.length, message: `a marked paragraph before an answer that asks nothing: read as ${reporter!.speaker}'s question` });
      turn = { speaker: reporter!.speaker, role: 'host', kind: 'host-question' };
      lastAsked = p.text.trim().slice(1).trim();
      push(p, turn, { method: 'label', confidence: 0.9, label: p.text.trim()[0]! });
      continue;
    }
    if (isHeading(i)) {
      sections.push({ number: sections.length + 1, name: p.text.replace(ANY_HEADING, (m) => (/^[1-9一二三四五六七八九十（第]/u.test(m) ? '' : m.replace(/^[■▲◆●★□◇]\s*/u, ''))).trim() || p.text });
      sectionNumber = sections.length;
      section = sections.at(-1)!.name;
      turn = null;
      inNotes = false;
      push(p, editor('heading'), front);
      continue;
    }
    if (label) {
      const role = roleOf(label.roleWord);
      const printed = { label: label.printed };
      let who: Turn | null = null;
      let confidence = 1;
      if (host && label.name !== null && label.roleWord === null && label.title === null && (label.name === paperName || label.name === '本报')) {
        // `晨报：……`, `本报：……`: the paper asks, in the words of the reporter its byline names.
        who = { speaker: host.name, role: 'host', kind: 'host-question' };
      } else if (label.audience && label.name !== null) {
        // `网友“青石巷”：……`: a question from the audience, theirs under the nickname they give.
        who = { speaker: label.name, role: 'quoted', kind: 'host-question' };
      } else if (role === 'host' || (label.name !== null && (label.name === hostName || label.name === compiler || label.name === interviewer))) {
        who = { speaker: label.name ?? namedHostBefore(i, label.roleWord) ?? hostName ?? handedHostAt(i) ?? (label.roleWord === '问' || label.roleWord === 'Q' ? '记者' : label.printed), role: 'host', kind: 'host-question' };
      } else if (role === 'narration' && voicedBy.has(label.roleWord!)) {
        // `解說：` under a credits line naming who writes and voices it (`本集撰稿、解說：NAME`): that writer's words.
        const voice = voicedBy.get(label.roleWord!)!;
        who = { speaker: voice.name, role: 'author', kind: 'narration' };
        titles.set(voice.name, voice.printed);
      } else if (role === 'narration') {
        // The programme's narrator, named by the role word (`解说`), no one credited with it: the programme's words, no person's.
        who = { speaker: label.roleWord!, role: 'editor', kind: 'narration' };
      } else if (role === 'editor') {
        who = editor('narration');
      } else if (role === 'answer') {
        // `答（沈明远）：`, `沈明远答：`: the label names who answers; `程教授答：` the one person the
        // article names so (else no one: the answer is doubted, never credited to a surname and a title).
        if (label.name !== null && surnameAndTitle(label.name) !== null) {
          const person = aliasOf(label.name);
          if (person) who = { speaker: person, role: 'expert', kind: 'expert-turn' };
          else doubts.push({ reason: 'unknown-label', paragraph: paragraphs.length, message: `label "${label.printed}" names no one the article introduces` });
        } else if (label.name !== null) who = { speaker: label.name, role: 'expert', kind: 'expert-turn' };
        else if (anyAnswerers.length <= 1 && soleInterviewee) who = { speaker: soleInterviewee, role: 'expert', kind: 'expert-turn' };
        else {
          // Several people answer (the lead names them, or `答（NAME）：` labels do): a bare `答：` is
          // the one the question before it calls by name (`何总，…`, `史蒂文，…`), else no one's, and doubted.
          // `答（理事长杨秀兰）：`: a post, then the name of one who answers, in the brackets.
          const bracket = /[（(]([^（）()]+)[）)]$/u.exec(label.printed)?.[1];
          const named = bracket ? anyAnswerers.filter((a) => bracket.endsWith(a)) : [];
          const addressed = named.length === 1 ? named[0]! : bracket || lastAsked === null ? null : addressedIn(lastAsked, anyAnswerers);
          // `问：您平时的研究工作是怎么开展的？` right after an answer: a question to one `您` that calls no
          // one by name goes on asking the one who just answered. With no `您`, it may be anyone's: doubted.
          const followed: string | null = !addressed && !bracket && lastAsked !== null && lastAnswerer !== null && asksTheOneAnswering(lastAsked) ? lastAnswerer : null;
          if (addressed ?? followed) who = { speaker: (addressed ?? followed)!, role: 'expert', kind: 'expert-turn' };
          else
            doubts.push({
              reason: 'ambiguous-answer',
              paragraph: paragraphs.length,
              message: `"${label.printed}" answers, ${anyAnswerers.length} people answer in the article, and the question before it calls none of them by name`,
            });
        }
        confidence = 0.9;
      } else if (label.name !== null && !guests.has(label.name) && !introduced.has(label.name) && aliasOf(label.name) !== null) {
        // `程教授：` for 程书远, listed as 教授: the one person of that surname the article names with that title.
        who = { speaker: aliasOf(label.name)!, role: 'expert', kind: 'expert-turn' };
        confidence = 0.8;
      } else if (label.name !== null && !guests.has(label.name) && !introduced.has(label.name) && surnameAndTitle(label.name) !== null) {
        // `邓主任：`, `汪师傅：` that no one named in full answers to (none of that surname, more than
        // one, or one never given that post): a person the article calls only by surname and title,
        // however often the label recurs, is never credited by continuation of that guess: doubted.
        const namesakes = namesakesOf(label.name);
        // `黄立新：` on a first answer, then only `黄主任：`: the one person of that surname the article names in
        // full, whom the lead or a list introduces and who answers under that full name first, is whom the
        // shortened label calls, though never given that post, when no one else answers under a label of
        // their own (the talk is theirs and the reporter's); with anyone else answering, doubted as before.
        // A shortening, never an alternation: the full name labels no answer after the first short label.
        const fullAt = namesakes.length === 1 ? labels.map((l, k) => (l?.name === namesakes[0] ? k : -1)).filter((k) => k >= 0) : [];
        const shortAt = labels.findIndex((l) => l?.name === label.name);
        const person = fullAt.length > 0 && fullAt.every((k) => k < shortAt) && (introduced.has(namesakes[0]!) || guests.has(namesakes[0]!)) ? namesakes[0]! : null;
        const others = labels.filter((l) => l?.name && l.name !== person && l.name !== label.name && roleOf(l.roleWord) !== 'host' && l.name !== host?.name && !/^(?:本报)?记者$/u.test(l.name));
        if (person !== null && others.length === 0) {
          who = { speaker: person, role: 'expert', kind: 'expert-turn' };
          confidence = 0.8;
        } else {
          doubts.push({
            reason: 'unknown-label',
            paragraph: paragraphs.length,
            message: `label "${label.printed}" calls someone by surname and title, and the article names ${namesakes.length === 0 ? 'no one of that surname' : `${namesakes.join('、')} of that surname, never so`} in full`,
          });
        }
      } else if (label.name !== null && isSurnameLabel(label.name)) {
        // `柯：`, `杜：`: the one person of that surname the article names in full (see surnameLabelOf), else doubted.
        const person = surnameLabelOf(label.name);
        if (person !== null) {
          who = person === hostName || person === compiler || person === interviewer ? { speaker: person, role: 'host', kind: 'host-question' } : { speaker: person, role: 'expert', kind: 'expert-turn' };
          confidence = 0.8;
        } else doubts.push({ reason: 'unknown-label', paragraph: paragraphs.length, message: `label "${label.printed}" is a surname alone, and the article names no one or more than one of that surname in full` });
      } else if (label.name !== null && knownName(label, i)) {
        // A name learnt from one label's shape alone (no one introduces it, no other paragraph speaks of
        // them, it labels no other turn):
        // its own paragraph is theirs, but paragraphs after it with no label are unsure to be.
        const once = !guests.has(label.name) && !introduced.has(label.name) && !quotedInLead.has(label.name) && label.name !== host?.name && (labelCounts.get(label.name) ?? 0) < 2 && !mentionedElsewhere(label.name, i);
        who = { speaker: label.name, role: 'expert', kind: 'expert-turn', ...(once ? { continuationDoubt: `label "${label.printed}" names someone no one introduces, and labels no other turn` } : {}) };
        if (label.title && !titles.has(label.name)) titles.set(label.name, label.title);
        confidence = guests.has(label.name) || introduced.has(label.name) || (labelCounts.get(label.name) ?? 0) >= 2 ? 1 : 0.8;
      } else if (layout.name === 'broadcast-transcript' && label.name !== null && !looksLikePersonName(label.name) && holderOf(label.printed, raws).holder !== null) {
        // `碼頭站長：`, `渡輪船長：`: a label with no surname is a post, its speaker the one person the
        // text names with it (`碼頭站長梁淑芬`, `船長陳永福`); with no one so named (`老乘客：`) it stays unknown.
        const holder = holderOf(label.printed, raws).holder!;
        who = { speaker: holder, role: 'expert', kind: 'expert-turn' };
        titles.set(holder, label.printed);
        confidence = 0.8;
      } else if (label.isRole && layout.name === 'broadcast-transcript') {
        // `省教育厅厅长：`: the one person the text names with that post (`省教育厅厅长郑文彬`), or the post itself.
        const { holder, unread } = holderOf(label.printed, raws);
        // A post the text names someone with, whose name could not be read: the post, doubted with its turn.
        const doubt = holder === null && unread ? `label "${label.printed}" is a post the text names someone with, but whose name could not be read` : undefined;
        who = { speaker: holder ?? label.printed, role: 'expert', kind: 'expert-turn', ...(doubt ? { doubt } : {}) };
        titles.set(holder ?? label.printed, label.printed);
        confidence = holder ? 0.8 : 0.7;
      } else if (label.name !== null && familiarOf(label.name) !== null) {
        // `老蓝：`, `小谭：`: the one person the text calls so (see familiarOf).
        who = { speaker: familiarOf(label.name)!, role: 'expert', kind: 'expert-turn' };
        confidence = 0.8;
      } else if (label.name !== null && givenNameOf(label.name) !== null) {
        // `包一鸣：` then `一鸣：`: a label of a given name alone is the one person the article names in
        // full with that given name (a guest, someone introduced, another label's name); two or none: doubted.
        who = { speaker: givenNameOf(label.name)!, role: 'expert', kind: 'expert-turn' };
        confidence = 0.8;
      } else if (label.name !== null || label.isRole) {
        doubts.push({ reason: 'unknown-label', paragraph: paragraphs.length, message: `label "${label.printed}" names no one the article introduces` });
      }
      if (who?.kind === 'host-question') lastAsked = p.text.slice(label.end);
      if (role === 'answer') lastAnswerer = who?.speaker ?? null;
      if (who) {
        if (who.doubt) doubts.push({ reason: 'unknown-label', paragraph: paragraphs.length, message: who.doubt });
        // `我是本期特邀主持人小满姐姐。`: the host labelled by the role names themselves in words no rule
        // reads; their turns stay the role's, and the editor is told whose they may be.
        const unreadSelf = who.role === 'host' && label.name === null && HOST_WORDS.includes(label.roleWord ?? '') && !hostName && !hostFrom.has(i) ? SELF_INTRODUCED.exec(simplifiedView(p.text)) : null;
        if (unreadSelf) doubts.push({ reason: 'unknown-label', paragraph: paragraphs.length, message: `the host names themselves ("${unreadSelf[0]}") in words not read as a name: their turns are left to "${label.printed}"` });
        turn = who;
        push(p, who, { method: 'label', confidence, ...printed }, label.end);
        continue;
      }
      if (role === null && label.roleWord !== null && label.name === null) {
        // A role word this layout does not read (`旁白：` in a web transcript): no one's, and doubted.
        doubts.push({ reason: 'unknown-label', paragraph: paragraphs.length, message: `label "${label.printed}" is a role this layout does not read` });
      }
      if (who === null) {
        turn = nobody;
        push(p, nobody, { method: 'unattributed', confidence: 0, ...printed }, label.end);
        continue;
      }
    }
    const bracketedNote = label ? null : BRACKETED_NOTE.exec(simplifiedView(p.text).trim());
    if (bracketedNote && turn) {
      // `（记者注：据……统计，……。）` after an answer: the reporter's note on the record, in the narration of
      // the reporter the byline (or the lead) names, never more of the turn before it; `（编者注：……）` the
      // paper's; a reporter's note with no reporter named is no one's, and doubted.
      if (/^编/u.test(bracketedNote[1]!)) {
        push(p, editor('narration'), { method: 'narration', confidence: 0.9 });
        turn = editor('narration');
      } else if (reporter) {
        const read = readAsReporter(p.text, reporter, true);
        pushNarrated(p, read, reporter, "the reporter's note");
        turn = reporter;
      } else {
        doubts.push({ reason: 'no-speaker', paragraph: paragraphs.length, message: `a reporter's note ("${bracketedNote[1]}") after a turn, and no reporter is named to write it` });
        push(p, nobody, { method: 'unattributed', confidence: 0 });
        turn = nobody;
      }
      continue;
    }
    if (!label && turn && recordNarrator && introducesNext.has(i) && BRACKETED_LINE.test(p.text.trim())) {
      // `（此时NAME的老伴NAME端着茶进来，听到这里插了话。）`: a bracketed line between turns that introduces whom the
      // next label names is the narration of whoever tells the record (its reporter or compiler), never the paper's line.
      pushNarrated(p, readAsReporter(p.text, recordNarrator, false), recordNarrator, 'a bracketed narration between turns');
      turn = recordNarrator;
      continue;
    }
    const writtenUpBy = compiler ?? compiledBy ?? (hostCompiles ? hostName : null);
    if (!label && turn && writtenUpBy !== null && RECORD_NOTE.test(simplifiedView(p.text).trim())) {
      // `（本文根据……录音整理，经口述者审阅。）` after the turns of a record its compiler names (or a byline's
      // `本报记者 NAME 整理`): the compiler's note on how it was written up, as the `说明：` before the turns is,
      // never the paper's line or more of the turn.
      push(p, { speaker: writtenUpBy, role: 'host', kind: 'lead' }, { method: 'narration', confidence: 0.8 });
      continue;
    }
    if (!label && turn && reporter && BRACKETED_LINE.test(p.text.trim()) && tellsOfLabelled(p.text)) {
      // `（NAME从工具箱里取出……，放在桌上。）` between turns: a bracketed sentence that tells, in the third person,
      // of someone who speaks under a label of their own is the narration of the reporter the byline names,
      // never the paper's line.
      pushNarrated(p, readAsReporter(p.text, reporter, false), reporter, 'a bracketed narration between turns');
      turn = reporter;
      continue;
    }
    if (!label && isCreditsLine(p.text)) {
      // `本集撰稿、解說：NAME\u3000\u3000編導：NAME` past the front matter (under a line no rule reads): the piece's credits,
      // the paper's, never more of a turn.
      push(p, editor('kicker'), front);
      continue;
    }
    if (!label && turn && (PAPERS_LINE.test(p.text.trim()) || PHOTO_CREDIT.test(p.text.trim()) || (i > lastLabel && closingCredit(p.text.trim()) !== null))) {
      // `（记者 NAME 文/图）`, `（本报某地11月20日电）`, `图：……`, `▲……（本报记者 NAME 摄）`, and after the last
      // label `本报记者 NAME NAME 文/图` out of brackets: the paper's line, never more of the turn before it.
      const credited = closingCredit(p.text.trim())?.[1] ?? photographerOf(p.text.trim());
      if (credited && host && credited === host.name) push(p, { speaker: host.name, role: 'host', kind: 'host-entry' }, front);
      else if (!credited && soleWriter !== null && CAPTION.test(simplifiedView(p.text.trim()))) {
        // `〔图片〕……` with no photographer under a record one credit says its compiler wrote up (`文字整理：NAME`):
        // the compiler's caption, as the record is, never more of the turn before it.
        push(p, { speaker: soleWriter, role: 'host', kind: 'host-entry' }, { method: 'narration', confidence: 0.8 });
      } else push(p, editor('kicker'), front);
      continue;
    }
    if (turn && (turn.role === 'expert' || turn.kind === 'lead') && leadIds.length > 0 && (turn.kind === 'lead' || introducesNext.has(i) || narratesAbout(p.text, turn.speaker, quotedInLead) || (i > lastLabel && tellsOfSpeaker(p.text)))) {
      // `采访结束时，冯立本带记者走进…`: after the last answer, the reporter tells of the interviewee
      // again (no 我 outside quotations; the interviewee, 记者 or someone quoted, in the third person).
      if (reporter) {
        const read = readAsReporter(p.text, reporter, inNotes);
        pushNarrated(p, read, reporter, inNotes ? "the reporter's notes" : 'the narration after the turns');
        turn = reporter;
      } else {
        doubts.push({ reason: 'no-speaker', paragraph: paragraphs.length, message: 'a paragraph after a turn tells of its speaker in the third person, and no reporter is named to narrate it' });
        push(p, nobody, { method: 'unattributed', confidence: 0 });
        turn = nobody;
      }
    } else if (turn && EDITORS_SECTION.test(simplifiedView(p.text).trim())) {
      // `嘉宾简介：`, `编者的话` after the turns: a heading of the paper's own words, which go on under it.
      // `人物简介` after the turns of a piece a reporter signs (`记者 NAME`): the profile under it is the
      // reporter's prose, as the lead and the narration are; an editor's heading (`编者的话`) stays the paper's.
      push(p, editor('heading'), front);
      const profile = !/^[【[]?编/u.test(simplifiedView(p.text).trim());
      turn = profile && hostName !== null && host !== null && /记者/u.test(host.title) ? { speaker: hostName, role: 'host', kind: 'lead' } : editor('narration');
    } else if (turn && turn.role !== 'unattributed' && UNREAD_LABEL_LINE.test(simplifiedView(p.text).trim())) {
      // `嚮導 某某某：` alone, a shape no rule reads as a label: a line that hands the words under it to
      // someone, never more of the turn before it; it and the words under it are no one's, and doubted.
      doubts.push({ reason: 'unknown-label', paragraph: paragraphs.length, message: `"${p.text.trim()}" stands alone like a label no rule reads; the words under it are not the turn before it` });
      push(p, nobody, { method: 'unattributed', confidence: 0 });
      turn = nobody;
    } else if (turn && turn.role !== 'unattributed') {
      if (turn.doubt) doubts.push({ reason: 'unknown-label', paragraph: paragraphs.length, message: `${turn.doubt} (a paragraph of its turn)` });
      else if (turn.continuationDoubt) doubts.push({ reason: 'unknown-label', paragraph: paragraphs.length, message: `${turn.continuationDoubt}: a paragraph after it with no label of its own` });
      push(p, turn, { method: 'continuation', confidence: 0.9 });
    } else if (!turn && p.text.length <= 30 && !SENTENCE_END.test(p.text)) {
      // A topic line in bold, printed alone between turns.
      sections.push({ number: sections.length + 1, name: p.text });
      sectionNumber = sections.length;
      section = p.text;
      push(p, editor('heading'), front);
    } else {
      doubts.push({ reason: 'no-speaker', paragraph: paragraphs.length, message: turn ? 'a paragraph after an unknown label has no label of its own' : 'a paragraph after a heading has no label' });
      push(p, nobody, { method: 'unattributed', confidence: 0 });
    }
  }

  const speakers: Speaker[] = [];
  const add = (name: string, role: SpeakerRole, title: string | null, id: number) => {
    let speaker = speakers.find((s) => s.name === name);
    if (!speaker) speakers.push((speaker = { name, role, title: role === 'editor' ? null : title, paragraphs: [] }));
    // Someone quoted in the lead who then answers is an interviewee, with the answers' title.
    if (speaker.role === 'quoted' && role !== 'quoted') Object.assign(speaker, { role, title });
    if (!speaker.paragraphs.includes(id)) speaker.paragraphs.push(id);
  };
  for (const p of paragraphs) if (p.role !== 'unattributed') add(p.speaker, p.role, p.title, p.id);
  // The people quoted inside the lead's narration speak too (`NAME怎么看…` finds them).
  for (const p of paragraphs) for (const s of p.speeches ?? []) if (s.method !== 'narration' && s.speaker !== hostName && !speakers.some((k) => k.name === s.speaker)) add(s.speaker, 'quoted', null, p.id);
  for (const s of speakers) s.paragraphs.sort((a, b) => a - b);
  const order: SpeakerRole[] = ['editor', 'host', 'expert', 'author', 'quoted', 'unattributed'];
  speakers.sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  if (!speakers.some((s) => s.role === 'editor')) speakers.unshift({ name: EDITOR_NAME, role: 'editor', title: null, paragraphs: [] });
  const profileParagraph = (name: string) => paragraphs.find((p) => p.speaker === name && (p.kind === 'guest-entry' || p.kind === 'host-entry'))?.id ?? paragraphs.find((p) => p.speaker === name)?.id ?? 0;
  const people: PersonProfile[] = speakers
    .filter((s) => s.role === 'host' || s.role === 'expert' || s.role === 'author')
    .map((s) => ({ name: s.name, role: s.role === 'host' ? 'host' : s.role === 'author' ? 'author' : 'expert', title: s.title ?? '', ...parseTitle(s.title ?? ''), paragraph: profileParagraph(s.name) }));
  for (const name of guests.keys()) {
    if (!paragraphs.some((p) => p.speaker === name && p.kind === 'expert-turn')) doubts.push({ reason: 'silent-guest', paragraph: null, message: `guest "${name}" is listed and never speaks` });
  }
  const title = paragraphs.find((p) => p.kind === 'headline')?.text ?? paragraphs[0]?.text ?? '';
  return {
    title,
    date: dateIn(raws.slice(0, Math.max(firstTurn, 0))),
    kicker,
    paragraphs,
    speakers,
    sections,
    people,
    editorsNote: paragraphs.filter((p) => p.kind === 'editors-note').map((p) => p.id),
    interviewers: speakers.filter((s) => s.role === 'host').map((s) => s.name),
    interviewees: speakers.filter((s) => s.role === 'expert').map((s) => s.name),
    doubts: doubts.sort((a, b) => (a.paragraph ?? Infinity) - (b.paragraph ?? Infinity)),
  };
}

function isHostLine(text: string): boolean {
  return text.length <= 30 && HOST_LINE.test(hostLineView(text)) && !PARAGRAPH_END.test(text);
}

/** `主持人：卢  静`: a host line in Simplified characters, a two-character name padded to line up with a list closed up. */
function hostLineView(text: string): string {
  return simplifiedView(text).replace(/([:：]\s*[\p{Script=Han}])(?:\u3000| {1,2})([\p{Script=Han}])$/u, '$1$2');
}
