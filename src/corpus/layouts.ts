import type { ArticleGenre } from './attribution.js';
import type { Article } from './article.js';

/**
 * The interview layouts the parser reads, as data: one description each, tried on every article,
 * the one that explains the text best chosen (`parse-article.ts`, scored by `score-reading.ts`).
 * To read a new layout, add a description here and a fixture of it under `test/fixtures/layouts/`
 * with its test in `test/corpus/layouts.test.ts`.
 */

/** What a layout expects to find in a text; each one found adds a little to the layout's score. */
export type LayoutSignal =
  | 'guest-list'
  | 'numbered-parts'
  | 'part-headings'
  | 'labels-alone'
  | 'narration'
  | 'bracket-labels'
  | 'qa-labels'
  | 'reporter-labels'
  | 'host-labels'
  | 'traditional'
  | 'resume'
  | 'lead'
  | 'no-labels'
  | 'marked-questions';

/** One layout: which reader applies it, which labels it reads as whom, what it expects to find. */
export interface LayoutDescription {
  name: string;
  genre: ArticleGenre;
  /** What the layout looks like, for the editor (`--explain`) and the docs. */
  summary: string;
  /** `roundtable`: the column's own grammar; `turns`: labelled turns learnt from the text; `marked`: marked questions, unlabelled answers; `report`: no turns. */
  reader: 'roundtable' | 'turns' | 'marked' | 'report';
  /** How its labels are printed: `NAME：` (colon) and/or `【NAME】` (bracket). */
  labelStyles: ReadonlyArray<'colon' | 'bracket'>;
  /** Role words whose label is the interviewer's (`主持人`, `记者`, `问`). */
  hostWords: readonly string[];
  /** Role words whose label is the (one) interviewee's (`答`). */
  answerWords: readonly string[];
  /** Role words whose label is the programme's narration (`解说`). */
  narrationWords: readonly string[];
  expects: readonly LayoutSignal[];
}

const HOST_WORDS = ['主持人', '主播'];

/** Every layout read, in the order ties are broken. */
export const LAYOUTS: readonly LayoutDescription[] = [
  {
    name: 'roundtable',
    genre: 'roundtable',
    summary: '编者按, 嘉宾简介 (NAME:title), 主持人 and 本报记者 NAME, numbered parts 1–4, NAME: turns',
    reader: 'roundtable',
    labelStyles: ['colon'],
    hostWords: ['主持人'],
    answerWords: [],
    narrationWords: [],
    expects: ['guest-list', 'numbered-parts', 'host-labels'],
  },
  {
    name: 'web-transcript',
    genre: 'transcript',
    summary: '主持人：/NAME： turns; guests introduced in the host’s opening words or a guest list',
    reader: 'turns',
    labelStyles: ['colon'],
    hostWords: HOST_WORDS,
    answerWords: [],
    narrationWords: [],
    expects: ['host-labels'],
  },
  {
    name: 'bracket-transcript',
    genre: 'transcript',
    summary: '【主持人】/【NAME】 turns',
    reader: 'turns',
    labelStyles: ['bracket'],
    hostWords: HOST_WORDS,
    answerWords: [],
    narrationWords: [],
    expects: ['bracket-labels', 'host-labels'],
  },
  {
    name: 'broadcast-transcript',
    genre: 'broadcast',
    summary: 'labels on a line of their own (主持人 NAME :), 解说：, a post as a label, often Traditional',
    reader: 'turns',
    labelStyles: ['colon', 'bracket'],
    hostWords: [...HOST_WORDS, '记者'],
    answerWords: [],
    narrationWords: ['解说', '旁白', '画外音'],
    expects: ['labels-alone', 'narration', 'traditional'],
  },
  {
    name: 'qa',
    genre: 'qa',
    summary: '问：/答： (or Q:/A:) after a lead naming the interviewee(s)',
    reader: 'turns',
    labelStyles: ['colon'],
    hostWords: ['问', 'Q', '记者', '本报记者'],
    answerWords: ['答', 'A'],
    narrationWords: [],
    expects: ['qa-labels', 'lead'],
  },
  {
    name: 'reporter-interview',
    genre: 'interview',
    summary: '记者：/NAME： turns after a lead; 一、/二、 parts; NAME（嘉宾）：/NAME教授： labels; a 访谈嘉宾 list',
    reader: 'turns',
    labelStyles: ['colon'],
    hostWords: ['记者', '本报记者', ...HOST_WORDS],
    answerWords: [],
    narrationWords: [],
    expects: ['reporter-labels', 'lead', 'part-headings'],
  },
  {
    name: 'plain-record',
    genre: 'interview',
    summary: 'a hard-wrapped record: a 简历 preamble, the interviewer’s own name as a label',
    reader: 'turns',
    labelStyles: ['colon'],
    hostWords: [...HOST_WORDS, '记者', '问'],
    answerWords: ['答'],
    narrationWords: [],
    expects: ['resume'],
  },
  {
    name: 'marked-qa',
    genre: 'interview',
    summary: '▲ marked questions (the reporter’s), unlabelled answers (the one interviewee a kicker ——访…NAME names), ■ topic lines',
    reader: 'marked',
    labelStyles: [],
    hostWords: [],
    answerWords: [],
    narrationWords: [],
    expects: ['marked-questions', 'no-labels'],
  },
  {
    name: 'report',
    genre: 'report',
    summary: 'a headline, a byline (本报记者 NAME), the body: no turns',
    reader: 'report',
    labelStyles: [],
    hostWords: [],
    answerWords: [],
    narrationWords: [],
    expects: ['no-labels'],
  },
];

/** What a layout's reader makes of a text: the article but for the layout chosen, with its doubts. */
export type LayoutReading = Omit<Article, 'layout' | 'genre'>;
