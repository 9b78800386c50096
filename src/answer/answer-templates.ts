import { toDisplayText } from '../corpus/display-text.js';
import { ROLE_LABELS, ROLE_WORDS } from '../corpus/role-words.js';
import { numeralWord } from '../corpus/enumerated-points.js';
import type { SpeakerRole } from '../corpus/speakers.js';
import type { AnswerType } from '../retrieval/answer-type.js';
import type { AnswerWarning } from './answer-types.js';
import { DEFAULT_GENRE_WORDS, genreWords, type GenreWords } from './genre-words.js';
import type { Article } from '../corpus/parse-article.js';

/** What each kind of fact is called in an answer that says it is missing. */
const FACT_NAMES: Record<AnswerType, string> = {
  number: '具体数字',
  time: '具体时间',
  place: '具体地点',
  organisation: '具体的机构、企业或媒体名称',
  rank: '排名',
  members: '其中具体包括哪几项',
  summary: '总结或结论',
  mood: '对前景乐观或担忧的表态',
  dissent: '反对或质疑的表态',
  history: '个人经历',
  preference: '个人的偏好或立场',
  definition: '这一提法的定义',
};

/**
 * Every sentence the answerers write around the article's words, in Chinese: the one file to
 * change for new wording or a second language. Functions take plain values, never the article;
 * what the article and its people are called (访谈 or 报道, 嘉宾 or 受访者) comes from its genre's
 * words (`genre-words.ts`): {@link templatesOf} an article.
 */

/** Who said a quote, as an answer line introduces them. */
export interface SpeakerRef {
  speaker: string;
  role: SpeakerRole;
  title: string | null;
}

/** Text of the quote's sentence left out before and after it. */
export interface LeftOut {
  before: boolean;
  after: boolean;
}

const NOTHING_LEFT_OUT: LeftOut = { before: false, after: false };

/** `……“quote”……`: the quote in quotation marks, `……` outside them where text was left out. */
function marked(quote: string, leftOut: LeftOut): string {
  return `${leftOut.before ? '……' : ''}“${quote}”${leftOut.after ? '……' : ''}`;
}


function buildTemplates(w: GenreWords) {
  /** `主持人秦睿`; a host the article names only by role (`主持人：`, `问：`) is that role, not `主持人主持人`. */
  const asker = (host: string): string => (host === '' ? w.host : ROLE_WORDS.host.includes(host) ? host : `${w.host}${host}`);
  /**
   * `本报记者秦睿`: the host's title before the name, left out when it says no more than the role
   * (`主持人蘇曉雯`, not `主持人是主持人蘇曉雯`); null for a host the article names only by role.
   */
  const titledHost = (title: string | null, name: string): string | null => {
    if (name === '' || ROLE_WORDS.host.includes(name)) return null;
    return `${title && !ROLE_WORDS.host.includes(title) ? toDisplayText(title) : ''}${name}`;
  };
  /** A guest's title, left out when it only repeats the name (`省教育廳廳長` labelled by post). */
  const guestTitle = (name: string, title: string | null): string | null => (title && title !== name ? title : null);
  /** `在第2部分`, or `在访谈中` for the whole article. */
  const where = (section: number | null, suffix = ''): string => (section ? `在第${section}部分${suffix}` : `在${w.work}中`);
  return {
    /** `刘畅（青海省社会科学院经济研究所助理研究员）`, `主持人秦睿`, `编者按`. */
    speakerLabel(c: SpeakerRef): string {
      if (c.role === 'editor') return '编者按';
      // Nobody's words: the parser could not decide who says the paragraph.
      if (c.role === 'unattributed') return '一段说话人未能判定的文字';
      if (c.role === 'host') return asker(c.speaker);
      if (c.role === 'author') return `${c.title ?? ROLE_LABELS.author}${c.speaker}`;
      return c.title ? `${c.speaker}（${toDisplayText(c.title)}）` : c.speaker;
    },

    /**
     * The verb before a quote: `认为`, then `并指出` for the speaker's next quote. `quoting` is the
     * quoted person as the article calls them (`习近平总书记`), or null. `narrates` is true when the
     * quote is the speaker's account of someone's words (`3月5日,习近平总书记……强调……`): the speaker
     * 谈到 it, which is neither their view (认为) nor the words themselves (转述).
     */
    speechVerb(role: SpeakerRole, quoting: string | null, first: boolean, narrates = false): string {
      if (quoting) return first ? `转述${quoting}的话` : `并转述${quoting}的话`;
      if (role === 'host') return first ? '在提问中谈到' : '还谈到';
      if (role === 'editor' || role === 'author') return first ? '写道' : '还写道';
      if (role === 'unattributed') return first ? '写有' : '还写有';
      if (narrates) return first ? '谈到' : '还谈到';
      return first ? '认为' : '并指出';
    },

    /**
     * `刘畅（…）认为：“……”[1]`: one quote after its verb. `leftOut` marks text of the sentence left out
     * before or after the quote: `……` outside the quotation marks, so the quote itself stays verbatim.
     */
    quoted(verb: string, quote: string, n: number, leftOut: LeftOut = NOTHING_LEFT_OUT): string {
      return `${verb}：${marked(quote, leftOut)}[${n}]`;
    },

    /** The line above one line a speaker, when several speak. */
    manySpeakersIntro(experts: number): string {
      return experts > 1 ? `文章中有 ${experts} 位${w.guest}谈到这一点：` : '文章中谈到这一点的有：';
    },

    /** A point of a list answer. */
    /** `第六点呢？` after a list of five. */
    beyondList(items: number): string {
      return `上面的回答一共列出了${items}点，没有更多了。`;
    },

    /** The line before a list whose every item is a line of its own. */
    listOf(speaker: string, n: number): string {
      return `${speaker}谈了以下${n}点：`;
    },

    /** The line before the numbered points of a list answer. */
    pointCount(n: number): string {
      return `共${n}点：`;
    },

    listPoint(quote: string, n: number, leftOut: LeftOut = NOTHING_LEFT_OUT): string {
      return `- ${marked(quote, leftOut)}[${n}]`;
    },

    /**
     * The first line of an answer to `“…”是谁说的？`: who said the quoted sentence, whom they report,
     * and that the expert the question named is not the one.
     */
    quoteSaidBy(quote: string, speakers: string[], reported: string[], notThem: string[]): string {
      const shown = toDisplayText(quote);
      const who = reported.length > 0 ? `${reported.join('、')}的话，由${speakers.join('、')}在${w.work}中转述` : `${speakers.join('、')}说的`;
      const not = notThem.length > 0 ? `不是${notThem.join('、')}。` : '';
      return speakers.length > 1 && reported.length === 0
        ? `${not}“${shown}”在${w.work}中${speakers.join('、')}都说过：`
        : `${not}“${shown}”是${who}：`;
    },

    /** Before {@link quoteSaidBy}: people asked about who say nearly the same words (their sentence follows). */
    saidNearly(names: readonly string[]): string {
      return `${names.join('、')}也说过几乎相同的话，措辞略有出入（原话见下）；`;
    },

    /**
     * `是。` when everyone a did-X-say question asks about is among those who said the words, `不是X。`
     * when some are not; nothing when it asks about no one (`……是谁说的？`).
     */
    yesOrNo(asked: readonly string[], sayers: readonly string[]): string {
      if (asked.length === 0) return '';
      const not = asked.filter((name) => !sayers.includes(name));
      return not.length === 0 ? '是。' : `不是${not.join('、')}。`;
    },

    /**
     * Words a who-said question asks about that the article has not, nor anything near them: said
     * first, then the passages closest to them (`closest`), or that it has nothing near.
     */
    quoteAbsent(quote: string, closest: boolean): string {
      const shown = toDisplayText(quote);
      return closest ? `${w.work}中没有“${shown}”这句原话。与之最相关的内容是：` : `${w.work}中没有“${shown}”这句话，也没有谈到相近的内容。`;
    },

    /** Words asked about as a question (who asked it, who answered) that the article words otherwise: the nearest question follows. */
    quoteNearestQuestion(quote: string): string {
      return `${w.work}中没有“${toDisplayText(quote)}”这句原话，意思最接近的是下面这个提问：`;
    },

    /** Words quoted loosely (others between them in the article): whose sentence says them, which follows. */
    quoteSaidLoosely(quote: string, speaker: string): string {
      return `这话是${speaker}说的，原文不是一字不差的“${toDisplayText(quote)}”，而是：`;
    },

    /** `李娜提到RCEP了吗？` when she never uses the word: no, and who does (their quotes follow). */
    notMentioned(name: string, word: string, others: boolean): string {
      return others ? `没有。${w.work}中${name}没有提到“${word}”这个说法；提到它的是：` : `没有。${w.work}中${name}没有提到“${word}”这个说法，其他人也没有提到。`;
    },

    /** The first line when the article has not the quoted sentence but one very like it, which follows. */
    /** The words are in the article, in a paragraph whose speaker could not be decided. */
    quoteSpeakerUndecided(quote: string): string {
      return `文中有“${toDisplayText(quote)}”这句话，但这一段的说话人未能判定，无法说是谁说的：`;
    },

    /** A misquote whose nearest sentence is in a paragraph whose speaker could not be decided. */
    quoteNotFoundUndecided(quote: string): string {
      return `文中没有一字不差的“${toDisplayText(quote)}”这句话。原文中最接近的是这句（这一段的说话人未能判定）：`;
    },

    /** A did-X-say whose words X sets out as a view to reject (`认识误区：…`): no, X names it to refute it. */
    saidAsRejected(quote: string, speaker: string): string {
      return `不是。${speaker}提到过“${toDisplayText(quote)}”这种说法，但把它当作要纠正的看法，并不认同：`;
    },

    /** `X是不是说过P？` when X's nearest sentence says the opposite (`不是…P`), which follows. */
    saidOpposite(quote: string, speaker: string): string {
      return `不是。${w.work}中没有“${toDisplayText(quote)}”这句话，${speaker}说的恰恰相反：`;
    },

    quoteNotFound(quote: string, nearestSpeaker: string): string {
      return `${w.work}中没有一字不差的“${toDisplayText(quote)}”这句话。原文中最接近的是${nearestSpeaker}的这句：`;
    },

    /** The answer restricted to one speaker (`speaker`) who says nothing on it, while others do. */
    speakerSilent(name: string): string {
      return `${w.work}中${name}没有谈到这一点；其他${w.guest}谈到过，不限定发言人再问一次即可看到。`;
    },

    /** An expert the question names who says nothing on it. */
    silentOn(name: string): string {
      return `${w.work}中${name}没有谈到这一点。`;
    },

    /** The key terms that all the experts compared say (`两人都提到“人才”“科技创新”。`). */
    allMention(experts: number, terms: string[]): string {
      const who = experts === 2 ? '两人' : `这 ${experts} 位${w.guest}`;
      return `${who}都提到${terms.map((t) => `“${t}”`).join('')}。`;
    },

    /**
     * Asked whether they agree, when they share key terms but say nothing in the same words
     * (`两人都提到“人才”，但说法各有侧重：`).
     */
    allMentionEachOwn(experts: number, terms: string[]): string {
      const who = experts === 2 ? '两人' : `这 ${experts} 位${w.guest}`;
      return `${who}都提到${terms.map((t) => `“${t}”`).join('')}，但说法各有侧重：`;
    },

    /**
     * The people compared say one thing in nearly the same words, each clause verbatim
     * (`两人看法一致：李娜说“…”[1]，魏晓强说“…”[2]。`).
     */
    agree(parts: ReadonlyArray<{ speaker: string; clause: string; n: number }>): string {
      const who = parts.length === 2 ? '两人' : `这 ${parts.length} 位${w.guest}`;
      return `${who}看法一致：${parts.map((p) => `${p.speaker}说“${p.clause}”[${p.n}]`).join('，')}。`;
    },

    /** Before a comparison asked as a difference, when what they share goes without saying. */
    eachSays(experts: number): string {
      return experts === 2 ? '两人各自的说法如下：' : `几位${w.guest}各自的说法如下：`;
    },

    /** Under a comparison: what each stresses, a clause of their quotes each (`李娜说“…”[2]；刘畅说“…”[3]。`). */
    emphases(parts: ReadonlyArray<{ speaker: string; clause: string; n: number }>): string {
      return `各自的侧重：${parts.map((p) => `${p.speaker}说“${p.clause}”[${p.n}]`).join('；')}。`;
    },

    /** Before a comparison with no key term in common. */
    nothingShared(experts: number): string {
      return experts === 2 ? '两人的侧重点不同，各自的说法如下：' : `几位${w.guest}的侧重点不同，各自的说法如下：`;
    },

    /** `这次访谈的主持人是本报记者秦睿[1]。`, `这篇报道的作者是本报记者赵一帆[1]。` */
    hostIs(title: string | null, name: string, n: number): string {
      const host = titledHost(title, name);
      return host ? `${w.the}的${w.host}是${host}[${n}]。` : `${w.the}的${w.host}在文中没有署名[${n}]。`;
    },
    /** A person the article introduces but not as its host: a guest, an interviewee, a person a report quotes. */
    expertIs(name: string, title: string | null, n: number): string {
      title = guestTitle(name, title);
      return title ? `${name}是${toDisplayText(title)}[${n}]，在${w.work}中${w.takesPart}。` : `${name}在${w.work}中${w.takesPart}[${n}]。`;
    },
    /** The line above the guests (a report: the people it quotes); with none, that there are none. */
    guestCount(experts: number): string {
      if (experts === 0) return w.noGuests;
      if (w.guestsCounted) return w.guestsCounted(experts);
      return experts === 1 ? `${w.the}的${w.guest}是：` : `${w.the}共有 ${experts} 位${w.guest}：`;
    },
    guestLine(name: string, title: string | null, n: number): string {
      title = guestTitle(name, title);
      return title ? `- ${name}，${toDisplayText(title)}[${n}]` : `- ${name}[${n}]`;
    },
    hostLine(title: string | null, name: string, n: number): string {
      const host = titledHost(title, name);
      return host ? `${w.host}是${host}[${n}]。` : `${w.host}在文中没有署名[${n}]。`;
    },
    /** Said first to a question about guests or a host when the genre has none (a report's). */
    noGuestsOrHost: w.noGuestsOrHost,
    /** A person a speaker quotes (`习近平总书记`), with who quotes them. */
    quotedPersonLine(name: string, by: string, n: number): string {
      return `- ${name}，由${by}转述[${n}]`;
    },
    /** The line above the people an interview's speakers quote. */
    quotedCount(count: number): string {
      return count === 0 ? `${w.the}中没有引用具名人士的话。` : `${w.the}中被引用的有 ${count} 位：`;
    },

    /** `刘畅是研究员吗？` of an 助理研究员: no, and the rank they hold. */
    notThatRank(asked: string, position: string): string {
      return `不是${asked}，是${position}。`;
    },
    /** `任君在青海大学研究生院工作，职务是讲师，学位是博士[1]。`: a person's title read into fields. */
    personFields(name: string, fields: { organisation: string | null; position: string | null; degree: string | null }, n: number): string {
      const parts = [
        fields.organisation ? `在${fields.organisation}工作` : null,
        fields.position ? `职务是${fields.position}` : null,
        fields.degree ? `学位是${fields.degree}` : null,
      ].filter((x): x is string => x !== null);
      return `${name}${parts.length > 0 ? parts.join('，') : `的身份${w.introducedIn}没有写明`}[${n}]。`;
    },
    /** The line above the people a filter picks (`博士`, `高校、党校`). */
    peopleMatched(terms: string[], count: number): string {
      return `根据${w.introducedIn}，符合“${terms.join('、')}”的${w.guest}有 ${count} 位：`;
    },
    /**
     * No one's title has all the attributes asked about, though some have one (`党校` and `博士`): said,
     * then who has which. Never "no one has X" above the guest who has X.
     */
    noPeopleMatchedAll(terms: string[]): string {
      return `${w.introducedIn}中没有哪位${w.guest}同时符合“${terms.join('、')}”。符合其中一项的是：`;
    },
    /** A guest by place: `第一位嘉宾是王中毅，…[1]。`, `最后一位发言的嘉宾是…`. */
    guestAtPosition(ordinal: number, speaking: boolean, name: string, title: string | null, n: number): string {
      const place = ordinal === -1 ? '最后一位' : `第${numeralWord(ordinal)}位`;
      const which = speaking ? `${place}发言的${w.guest}` : `${w.introducedIn}中的${place}${w.guest}`;
      return `${which}是${name}，${toDisplayText(title ?? '')}[${n}]。`;
    },
    /** A place past the last guest (`第八位嘉宾` of six): how many there are; the list follows. */
    noGuestAtPosition(ordinal: number, experts: number): string {
      return `${w.the}只有 ${experts} 位${w.guest}，没有第${numeralWord(ordinal)}位：`;
    },
    /** No one's title has what the question filters by. */
    noPeopleMatched(terms: string[]): string {
      return `${w.introducedIn}中没有哪位${w.guest}的身份写有“${terms.join('、')}”。各位${w.guest}的身份如下：`;
    },

    /** The article's headline. */
    headlineIs(quote: string, n: number): string {
      return `这篇文章的标题是“${quote}”[${n}]。`;
    },
    /** The line under the headline. */
    kickerIs(quote: string, n: number): string {
      return `标题下方标注的是“${quote}”[${n}]。`;
    },
    /** The article has no line under its headline. */
    noKicker: '这篇文章的标题下方没有标注栏目或副标题。',
    sectionCount(count: number): string {
      return `全文分为 ${count} 个部分，各部分的小标题是：`;
    },
    sectionLine(number: number, quote: string, n: number): string {
      return `- 第${number}部分：“${quote}”[${n}]`;
    },
    sectionIs(number: number, quote: string, n: number): string {
      return `第${number}部分的小标题是“${quote}”[${n}]。`;
    },
    /** There is no such part (`第七部分`) or question. */
    noSuchPart(what: string, count: number): string {
      return `文章中没有${what}：全文共有 ${count} 个。`;
    },
    /** `主持人秦睿在第二部分一共提了 2 个问题：` */
    hostQuestionCount(host: string, section: number | null, count: number): string {
      return `${asker(host)}${where(section)}一共提了 ${count} 个问题：`;
    },
    hostQuestionLine(quote: string, n: number): string {
      return `- “${quote}”[${n}]`;
    },
    /** `主持人秦睿的第一个问题是：“……”[1]` */
    hostQuestionIs(host: string, section: number | null, ordinal: number, quote: string, n: number): string {
      const which = ordinal === -1 ? '最后一个' : `第${numeralWord(ordinal)}个`;
      return `${asker(host)}${section ? `在第${section}部分提的` : '的'}${which}问题是：“${quote}”[${n}]`;
    },
    /** Which host question a question means, found by its content. */
    askedBy(host: string, quote: string, n: number): string {
      return `这个问题是${asker(host)}提的，原话是：“${quote}”[${n}]`;
    },
    /** Who answered a host question, then the opening of each answer. */
    answeredBy(question: string, n: number, names: string[]): string {
      return `${w.host}的问题“${question}”[${n}]由${names.join('、')}回答：`;
    },
    answerOpening(label: string, quote: string, n: number): string {
      return `- ${label}答道：“${quote}”[${n}]`;
    },
    /** No one answers a host question (it closes the article). */
    unanswered(question: string, n: number): string {
      return `${w.host}的问题“${question}”[${n}]后面没有${w.guest}作答。`;
    },
    /** `第二部分共有 2 位嘉宾发言：`, then one opening a speaker. */
    sectionSpeakers(section: number, count: number): string {
      return `第${section}部分共有 ${count} 位${w.guest}发言，各自的第一段回答开头是：`;
    },
    /** Between a part's heading and the openings of its answers. */
    sectionAnswersIntro: `这一部分里${w.guest}的回答（各取开头）：`,
    /** `主持人秦睿在第一部分一共提了 3 个问题，回答者如下：` */
    questionsAnsweredIntro(host: string, section: number | null, count: number): string {
      return `${asker(host)}${where(section)}一共提了 ${count} 个问题，回答者如下：`;
    },
    /** `刘畅在访谈中发言 3 次，回答了主持人的 2 个问题：` */
    expertTurnCount(name: string, section: number | null, turns: number, questions: number): string {
      return `${name}${where(section)}发言 ${turns} 次，回答了${w.host}的 ${questions} 个问题：`;
    },
    /** One question an expert answered, then the opening of their answer (`turns`: their turns under it). */
    expertAnswerLine(section: number, question: string, qn: number, name: string, opening: string, an: number, turns: number): string {
      return `- 第${section}部分，${w.host}问：“${question}”[${qn}]；${name}答道：“${opening}”[${an}]${turns > 1 ? `（这一问下${name}发言 ${turns} 次）` : ''}`;
    },
    /** A turn that follows no host question (the article opens a part with it). */
    expertTurnLine(section: number, name: string, opening: string, n: number): string {
      return `- 第${section}部分，${name}说：“${opening}”[${n}]`;
    },
    /** A person the question names who never takes the floor as a guest. */
    neverSpoke(name: string, section: number | null): string {
      return `${name}${where(section)}没有以${w.guest}身份发言。`;
    },
    /** The head of an answer on what the whole article is about: its own framing, not a summary. */
    overviewIntro: '以下是文章自己给出的框架（标题、编者按和各部分小标题），并非本助手写的总结：',
    /** The same head for an article with no editor's note: its headline, lead or parts. */
    overviewIntroWithoutNote: '以下是文章自己给出的框架（标题、导语或各部分小标题），并非本助手写的总结：',
    overviewHeadline(quote: string, n: number): string {
      return `- 标题：“${quote}”[${n}]`;
    },
    /** The editor's note's sentence on what the discussion is about. */
    overviewNote(quote: string, n: number): string {
      return `- 编者按交代的讨论内容：“${quote}”[${n}]`;
    },
    /** The opening of a report's (or a Q&A's) lead, when there is no editor's note and no parts. */
    overviewLead(quote: string, n: number): string {
      return `- 导语：“${quote}”[${n}]`;
    },
    overviewSections(count: number): string {
      return `全文分为 ${count} 个部分：`;
    },
    editorsNoteIntro: '编者按写道：',
    editorsNoteLine(quote: string, n: number): string {
      return `- “${quote}”[${n}]`;
    },

    /** `还有呢？` after a list that was already whole. */
    listComplete(speaker: string): string {
      return `上面已经列出了${speaker}谈到的全部几点，这一部分没有更多内容了。`;
    },

    /**
     * The plain judgement a yes/no answer opens with (`是。`, `没有。`), or, when the cited sentences
     * do not settle it, that the article does not say so plainly, above the closest passages.
     */
    yesNoJudgement(verdict: 'yes' | 'no' | 'unsettled', asked: { yes: string; no: string; proposition: string }): string {
      if (verdict === 'yes') return `${asked.yes}。`;
      if (verdict === 'no') return `${asked.no}。`;
      return `${w.work}没有明确说${asked.proposition}；相关的说法是：`;
    },

    /** `她为什么这么说？` after an answer about several people: which one is meant is asked, not guessed. */
    whichPerson(pronoun: string, people: string[]): string {
      return `“${pronoun}”指的是哪一位？上一个回答谈到了${people.join('、')}。请带上名字再问，例如：“${people[0]}为什么这么说？”`;
    },

    thanks: `不客气！还想了解${w.titled}的哪些内容，可以接着问我。`,
    goodbye: '再见！欢迎随时回来接着问。',
    acknowledged: `好的。还想了解${w.titled}的哪些内容，可以接着问我。`,

    /** The reply to a question with no Chinese in it. */
    chineseOnly(suggestions: string[]): string {
      return [`${w.titled}是中文的，请用中文提问，引文都会注明${w.sourceOf}。你可以问：`, ...suggestions.map((q) => `- ${q}`)].join('\n');
    },

    /**
     * The bot's first message: what it answers about, whom it names as the source of each sentence
     * (`people`: the guests, the interviewee, the people a report quotes; none named when empty), and
     * the suggested questions.
     */
    greeting(title: string, people: string[], suggestions: string[]): string {
      const source = people.length > 0 ? `，并注明每句话${w.sourceOf}（${people.join('、')}）` : '，并注明每句引文的出处';
      return [
        `你好！我可以回答关于《${toDisplayText(title)}》${w.titled}的问题${source}。`,
        suggestions.length > 0 ? '每条引文都是原文，可以点开核对。你可以问：' : '每条引文都是原文，可以点开核对。',
        ...suggestions.map((q) => `- ${q}`),
      ].join('\n');
    },

    /**
     * The first sentence of an answer the article does not give directly (`related`), naming what is
     * missing; the closest passages follow it.
     */
    related(missing: readonly AnswerType[], elsewhere: readonly string[] = []): string {
      if (elsewhere.length > 0) return `${w.work}没有谈到${elsewhere.join('、')}的情况；最接近的是以下内容：`;
      const what = missing.map((type) => FACT_NAMES[type]).join('、');
      return what ? `${w.work}没有直接回答这个问题，没有给出${what}；最接近的是以下内容：` : `${w.work}没有直接回答这个问题；最接近的是以下内容：`;
    },

    /** A person's past asked about (where they studied, what they research), which the article does not give. */
    historyNotGiven(names: readonly string[]): string {
      return `${w.work}没有写${names.join('、')}的求学、研究方向等个人经历，只有以下介绍：`;
    },

    notCovered(suggestions: string[]): string {
      return [`${w.titled}没有谈到这个问题，我只能根据${w.answersFrom}回答，不作推测。你可以问：`, ...suggestions.map((q) => `- ${q}`)].join('\n');
    },

    /** Streamed between a model's broken answer and the extractive one that replaces it. */
    llmInterrupted: '\n\n（模型回答中断，以下是根据原文整理的回答）\n',

    /** The line that opens an answer to a question with typing slips mended (`硬道里` read as 硬道理). */
    readAs(corrections: ReadonlyArray<{ from: string; to: string }>): string {
      return `（按${corrections.map((c) => `“${c.to}”`).join('、')}理解${corrections.map((c) => `“${c.from}”`).join('、')}。）\n`;
    },

    /** The question with the query it was resolved to, as the model reads it. */
    resolvedQuestion(question: string, query: string): string {
      return `${question}（即：${query}）`;
    },

    /** The head of an answer across several articles: how many of them speak to the question. */
    acrossArticles(count: number): string {
      return count === 1 ? '只有一篇文章谈到了这个问题：' : `${count}篇文章谈到了这个问题，按文章分列如下：`;
    },

    /** The line that opens one article's part of an answer across articles. */
    articleHeading(title: string): string {
      return `《${title}》`;
    },

    /** The sources block under an answer in `/v1` content: one line a citation. */
    sourcesBlock(lines: Array<{ n: number; label: string; quote: string; paragraph: number }>): string {
      if (lines.length === 0) return '';
      return `\n\n来源：\n${lines.map((c) => `[${c.n}] ${c.label}：“${c.quote}”（第 ${c.paragraph} 段）`).join('\n')}`;
    },

    /**
     * The reader's note on a model's quotations, for clients that show only the message text (`/v1`
     * content, the terminal): every quotation the article does not have word for word, and every one
     * credited to the wrong person, with who said it.
     */
    quoteWarningNote(warnings: readonly AnswerWarning[] | undefined): string {
      const lines: string[] = [];
      for (const warning of warnings ?? []) {
        if (warning.type === 'unverified_quote') lines.push(`- “${warning.text}”：${w.work}原文中没有这句原话，请勿当作引文。`);
        else if (warning.type === 'misattributed_quote') lines.push(`- “${warning.text}”：原文是${warning.speaker}说的，不是${warning.claimed}。`);
      }
      return lines.length > 0 ? `\n\n核对提示：\n${lines.join('\n')}` : '';
    },
  } as const;
}

/** The templates, as an answer over an article of given genre words writes them. */
export type AnswerTemplates = ReturnType<typeof buildTemplates>;

const built = new WeakMap<GenreWords, AnswerTemplates>();

/** The templates written with a genre's words (built once a genre). */
export function templatesFor(words: GenreWords): AnswerTemplates {
  let templates = built.get(words);
  if (!templates) built.set(words, (templates = buildTemplates(words)));
  return templates;
}

/** The templates for an article: its genre's words (访谈/专访/节目/报道, 嘉宾/受访者/被引用的人). */
export function templatesOf(article: Pick<Article, 'genre' | 'interviewees'>): AnswerTemplates {
  return templatesFor(genreWords(article));
}

/** The templates in the column's words (a round table): for sentences that name no genre, or no article at hand. */
export const answerTemplates: AnswerTemplates = templatesFor(DEFAULT_GENRE_WORDS);
