/**
 * The layout of the newspaper interview genre, as the parser reads it: an editor's note under its
 * label, a headline and a kicker, a guest list of `NAME:title` lines, the host's line, numbered parts,
 * and `NAME:` turns. Everything the code knows about how such an article is printed lives here;
 * what this particular article says (its title, its people) is read from the text, not written here.
 */

/** The label above the editor's note. */
export const EDITORS_NOTE_LABEL = '编者按';
/** The label above the guest list. */
export const GUEST_LIST_LABEL = '嘉宾简介';
/** The label above the host's line (`本报记者 秦睿`), and the label of the host's turns (`主持人:`). */
export const HOST_LABEL = '主持人';

/** `1 发展新质生产力,青海何以可为?`, or a lone `2` whose heading follows on the next line. */
export const SECTION_HEADING = /^([1-9])(?:\s+(\S.{0,60}))?$/u;
/** A lone section number, its heading on the next line. */
export const LONE_SECTION_NUMBER = /^[1-9]$/u;
/** `NAME:` or `NAME：` opening a turn or a guest line: two to four Han characters and a colon. */
export const TURN_LABEL = /^([\p{Script=Han}]{2,4})[:：]\s*/u;

/** Characters that end a paragraph for real; a long line ending otherwise was cut by a page break. */
export const PARAGRAPH_END = /[。！？!?；;…”」』"）)：:]$/u;
/** A prose line is long; headings, guest lines and labels are short. */
export const MIN_PROSE_LENGTH = 40;

/**
 * Titles written after a quoted person's name (`习近平总书记……指出“…”`): the parser reads the person
 * and the honorific from the text, so an answer can say `引用习近平总书记的论述` for this article and
 * the right words for another.
 */
export const HONORIFICS = ['总书记', '主席', '总理', '委员长', '同志', '书记', '省长', '部长', '院士', '教授'] as const;

/**
 * Speech verbs that, right before an opening quotation mark, make the marks a quotation of words
 * rather than a term in quotes (`“新质生产力”`, `“四地”`).
 */
export const SPEECH_VERBS = ['指出', '强调', '提出', '表示', '要求', '说', '讲'] as const;

/**
 * The byline of an ordinary report (`本报记者 张三`, `本报记者 张三 李四`): the desk, then the
 * reporters' names, another desk's after them (`本报记者 NAME 本报通讯员 NAME`: the first name is
 * the reporter's), perhaps the credit of what they did after them (`■本报记者 NAME 文/图`), or `文/` before them and the photographer's credit after (`文/本报记者 NAME\u3000图/本报记者 NAME`: the first is the reporter); a paper may print its own name for 本报 (`晨报记者 NAME`). A report has no guest list; its paragraphs are its author's. Some papers print a
 * box before it (`□本报记者 NAME`): the mark of the byline, never a heading's.
 * `特约记者 NAME`: a special correspondent signs the byline the same way.
 * `来源：岚山日报 记者 NAME`: the source paper printed before the desk; `记者 NAME 发自PLACE`: where the reporter filed
 * from, after the names — neither is a name, and the reporter is the first name between them.
 * `临川日报全媒体记者 NAME`, `某县融媒体中心记者 NAME`, `某电视台记者 NAME`: a paper's all-media desk, a county media centre or a
 * station signs for its reporter as 本报 does; `【本报记者 NAME】`: the byline printed in brackets.
 */
export const BYLINE = /^(?:[□■◇◆【]\s*)?(?:来源\s*[:：]\s*[\p{Script=Han}]{2,12}\s+)?(?:文\s*[/／]\s*)?(本报(?:全媒体|融媒体)?记者|本报特约记者|特约记者|本报通讯员|记者|[\p{Script=Han}]{1,5}报(?:全媒体|融媒体)?(?:特约)?记者|[\p{Script=Han}]{1,10}(?:融媒体中心|新闻中心|电视台|广播电台|广播电视台|通讯社|新闻网)(?:全媒体|融媒体)?记者)\s+([\p{Script=Han}]{2,4}(?:[\s、]+(?:(?:本报)?(?:特约)?(?:记者|通讯员)|实习生)?\s*(?!发自)[\p{Script=Han}]{2,4})*)(?:\s+(?:文\s*[/／]\s*图|图\s*[/／]\s*文|摄影?|报道))?(?:\s+发自\s*[\p{Script=Han}]{1,10})?(?:\s+图\s*[/／]\s*(?:本报)?(?:摄影)?(?:记者)?\s*[\p{Script=Han}]{2,4})?\s*】?$/u;
/**
 * The paper's note on the line of its label: `编者按：……`, or a bracketed label with the note right after it
 * (`【编者按】今年7月……`), wherever the front matter prints it (above the headline or under the byline).
 */
export const INLINE_EDITORS_NOTE = /^(?:[【[]?(?:编者按|编者注|编者的话)[】\]]?\s*[:：]|【(?:编者按|编者注|编者的话)】)\s*\S/u;
/**
 * `（记者 邬晴 文/图）`, `（本报记者 NAME）`, `（本报记者NAME整理）`: a credit line closing the piece (what the
 * reporter did, `整理`, `采写`, is no part of the name), naming its reporter (the
 * one who asks as `记者`/`问` when no byline above names them).
 */
export const CLOSING_CREDIT = /^[（(]\s*(?:本报)?(?:特约)?记者\s*((?:(?!整理|记录|采写|撰文|执笔|报道)[\p{Script=Han}]){2,4})(?:[\s、]+[\p{Script=Han}]{2,4})*?\s*(?:文\s*[/／]\s*图|图\s*[/／]\s*文|文|摄|报道|整理记录|整理|记录|采写|撰文|执笔)?\s*[)）]$/u;
/** `本报讯`, `本报东礁11月20日电`, `新华社北京3月5日电`: a news lead's opening, never a headline. */
export const NEWS_LEAD = /^(?:本报讯|(?:本报|新华社|中新社)[\p{Script=Han}]{0,8}[0-9０-９]{1,2}月[0-9０-９]{1,2}日电)/u;
/** `本报讯（记者 阮清 通讯员 巫一楠）`: a news lead that credits its reporter in brackets right after its opening (the first is the reporter's). */
export const NEWS_LEAD_CREDIT = /^(?:本报讯|(?:本报|新华社|中新社)[\p{Script=Han}]{0,8}[0-9０-９]{1,2}月[0-9０-９]{1,2}日电)\s*[（(]\s*(?:本报)?(?:特约)?记者\s*([\p{Script=Han}]{2,4}?)(?=[\s、）)]|通讯员)/u;
/** A date line in the front matter (`2024年3月5日`), read as the article's date. */
export const DATE_LINE = /^(\d{4})年(\d{1,2})月(\d{1,2})日/u;

/** What a paragraph is, in the layout of the genre. */
export type ParagraphKind =
  /** The editor's note, under its label. */
  | 'editors-note'
  /** The article's title. */
  | 'headline'
  /** A short line under the title (`实践·探索·对话`). */
  | 'kicker'
  /** A label (`编者按`, `嘉宾简介`, `主持人`) or a numbered part's heading. */
  | 'heading'
  /** `NAME:title` in the guest list. */
  | 'guest-entry'
  /** The host's line under its label (`本报记者 秦睿`). */
  | 'host-entry'
  /** A paragraph of the host's turn. */
  | 'host-question'
  /** A paragraph of an expert's turn. */
  | 'expert-turn'
  /** A paragraph of an ordinary report's body (no guest list): its author's, or the paper's. */
  | 'report'
  /** The lead of an interview or a Q&A, before the first turn: the reporter's words. */
  | 'lead'
  /** A broadcast's narration (`解说：`): the programme's words. */
  | 'narration'
  /** A paragraph whose speaker could not be decided: nobody's words. */
  | 'unattributed';

/**
 * The paragraphs whose words are someone's say on a topic: not the headings, the headline, the line
 * under it or a guest-list line, which name things and people.
 */
export const SPOKEN_KINDS: ReadonlySet<ParagraphKind> = new Set<ParagraphKind>(['editors-note', 'host-question', 'expert-turn', 'report', 'lead', 'narration']);
