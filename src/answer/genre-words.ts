import type { Article, ArticleGenre } from '../corpus/parse-article.js';

/**
 * What an answer calls the article and its people, by the article's genre: a round table or a web
 * transcript is a 访谈 with 嘉宾 and a 主持人, a broadcast a 节目, an interview or a Q&A a 访谈 (a
 * 专访 with one interviewee) with a 受访者 and its 采访者, a report a 报道 with its 作者 and the people
 * it quotes. The one table of these words: `answer-templates.ts` writes every sentence with them,
 * `answer-people.ts` and the greeting read which people to list from `guestsAre`.
 */
export interface GenreWords {
  /** The genre's name for the article: 访谈, 专访, 节目, 报道. */
  work: string;
  /** The article in an answer's sentence: `这次访谈`, `这期节目`, `这篇报道`. */
  the: string;
  /** The article after its title: `《…》这篇访谈`, `《…》这期节目`. */
  titled: string;
  /** Who answers (or, in a report, is quoted): 嘉宾, 受访者, 被引用的人. */
  guest: string;
  /** Who asks (or, in a report, writes): 主持人, 采访者, 作者. */
  host: string;
  /** How a guest takes part, after `在访谈中`: `以嘉宾身份作答`, `作为受访者作答`, `被引用了说法`. */
  takesPart: string;
  /** Where the people's titles are read from, as an answer names it: 嘉宾简介, 文中的介绍. */
  introducedIn: string;
  /**
   * Who the guests are: the people who answer (`interviewees`, an interview's), or the people the
   * text quotes (`quoted`, a report's, which has no guests).
   */
  guestsAre: 'interviewees' | 'quoted';
  /** Said first when a question asks for guests or a host the genre has none of (a report's), else null. */
  noGuestsOrHost: string | null;
  /** Said when there are no guests to list. */
  noGuests: string;
  /** The line above the guests, when not `这次访谈共有 N 位嘉宾：` (a report counts the people it quotes). */
  guestsCounted: ((count: number) => string) | null;
  /** What the greeting promises to say of each sentence: `出自哪位嘉宾`, `是记者的叙述还是被引用者的话`. */
  sourceOf: string;
  /** What answers are taken from, as the "not covered" answer says: `文章中嘉宾说过的话`, `报道原文`. */
  answersFrom: string;
  /** A suggested question about the people, for an article with no parts to suggest. */
  peopleQuestion: string;
}

const INTERVIEW: GenreWords = {
  work: '访谈',
  the: '这次访谈',
  titled: '这篇访谈',
  guest: '嘉宾',
  host: '主持人',
  takesPart: '以嘉宾身份作答',
  introducedIn: '嘉宾简介',
  guestsAre: 'interviewees',
  noGuestsOrHost: null,
  noGuests: '这次访谈的文本中没有读出嘉宾。',
  guestsCounted: null,
  sourceOf: '出自哪位嘉宾',
  answersFrom: '文章中嘉宾说过的话',
  peopleQuestion: '有哪些嘉宾？',
};

const WITH_INTERVIEWEE: GenreWords = {
  ...INTERVIEW,
  guest: '受访者',
  host: '采访者',
  takesPart: '作为受访者作答',
  introducedIn: '文中的介绍',
  noGuests: '这次访谈的文本中没有读出受访者。',
  sourceOf: '出自哪位受访者',
  answersFrom: '文章中受访者说过的话',
  peopleQuestion: '受访者是谁？',
};

/** The words of each genre. */
const GENRE_WORDS: Readonly<Record<ArticleGenre, GenreWords>> = {
  roundtable: INTERVIEW,
  transcript: { ...INTERVIEW, introducedIn: '文中的介绍' },
  broadcast: { ...INTERVIEW, work: '节目', the: '这期节目', titled: '这期节目', introducedIn: '节目中的介绍', noGuests: '这期节目的文本中没有读出嘉宾。' },
  interview: WITH_INTERVIEWEE,
  qa: WITH_INTERVIEWEE,
  report: {
    work: '报道',
    the: '这篇报道',
    titled: '这篇报道',
    guest: '被引用的人',
    host: '作者',
    takesPart: '被引用了说法',
    introducedIn: '报道中的介绍',
    guestsAre: 'quoted',
    noGuestsOrHost: '这篇报道不是访谈，没有嘉宾或主持人。',
    noGuests: '这篇报道没有引用具名人士的话。',
    guestsCounted: (count) => `这篇报道引用了 ${count} 位具名人士的话：`,
    sourceOf: '是记者的叙述还是被引用者的话',
    answersFrom: '报道原文',
    peopleQuestion: '作者是谁？',
  },
};

/** A genre's words when one person answers: an interview or a Q&A of one interviewee is a 专访. */
const ONE_INTERVIEWEE: Partial<Record<ArticleGenre, Partial<GenreWords>>> = {
  interview: { work: '专访', the: '这次专访', titled: '这篇专访', noGuests: '这次专访的文本中没有读出受访者。' },
  qa: { work: '专访', the: '这次专访', titled: '这篇专访', noGuests: '这次专访的文本中没有读出受访者。' },
};

const oneInterviewee = new Map<ArticleGenre, GenreWords>();

/** The words an answer uses for the article and its people. */
export function genreWords(article: Pick<Article, 'genre' | 'interviewees'>): GenreWords {
  const words = GENRE_WORDS[article.genre];
  const one = ONE_INTERVIEWEE[article.genre];
  if (!one || article.interviewees.length !== 1) return words;
  let merged = oneInterviewee.get(article.genre);
  if (!merged) oneInterviewee.set(article.genre, (merged = { ...words, ...one }));
  return merged;
}

/** Words a question names an interview's roles with: a report, which has none, says so. */
const INTERVIEW_ROLE_WORDS = /(主持|嘉宾|受访|采访者|专家)/u;

/** True when a question asks for an interview's guests or host by their role words (`主持人是谁？`). */
export function asksInterviewRoles(question: string): boolean {
  return INTERVIEW_ROLE_WORDS.test(question);
}

/** The words of the column's own genre (a round table): what answers use when no article is at hand. */
export const DEFAULT_GENRE_WORDS: GenreWords = GENRE_WORDS.roundtable;
