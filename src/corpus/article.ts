import type { ArticleDoubt, ArticleGenre, Attribution, LayoutChoice } from './attribution.js';
import type { ParagraphKind } from './interview-layout.js';
import type { PersonProfile } from './person-profile.js';
import type { QuotedSpan } from './quoted-span.js';
import type { SpeechMethod } from './report-speech.js';
import type { Speaker, SpeakerRole } from './speakers.js';

/** The parsed article, as every later stage reads it. */

/** One paragraph of the cleaned article: page-break splits joined, speaker and section known. */
export interface ArticleParagraph {
  id: number;
  speaker: string;
  role: SpeakerRole;
  /** The speaker's affiliation from the guest list, `本报记者` for the host, null for the editor. */
  title: string | null;
  /** Section name as printed, e.g. `发展新质生产力,青海何以可为?`; `编者按`/`嘉宾简介` before part 1. */
  section: string;
  /** 1 to 4 for the numbered parts, 0 for what comes before them. */
  sectionNumber: number;
  /** What the paragraph is in the interview's layout (headline, heading, guest entry, expert turn…). */
  kind: ParagraphKind;
  text: string;
  /** Where the printed speaker label (`李娜:`) ends in `text`; 0 when the paragraph has none. */
  labelEnd: number;
  /** Where the speaker quotes someone in quotation marks. */
  quotes: QuotedSpan[];
  /** 1-based lines of the source file this paragraph was joined from. */
  sourceLines: number[];
  /** How the speaker was decided (a label, a turn's continuation, the byline…), and how surely. */
  attribution: Attribution;
  /**
   * A report's paragraphs only: whose words each span is (a quotation, or a clause after a speech
   * verb, or the narrator's sentence in a paragraph that is mainly someone's words), whoever says
   * the paragraph around them. A passage inside a span is the span's speaker's.
   */
  speeches?: ParagraphSpeech[];
  /** A report's paragraphs only: words in quotation marks whose speaker the text leaves open (nobody's). */
  openSpeeches?: OpenSpeech[];
}

/** Someone's words in a report whose speaker the text leaves open: `text.slice(start, end)`. */
export interface OpenSpeech {
  start: number;
  end: number;
  /** Why no speaker was given, in English (`她 refers to nobody named before it`). */
  reason: string;
}

/** Someone's words inside a report's paragraph: `text.slice(start, end)` (quotation marks excluded). */
export interface ParagraphSpeech {
  start: number;
  end: number;
  /** The person as the report introduces them (full name), never a pronoun or an alias. */
  speaker: string;
  /**
   * How the text names them: a verb before or after the words, a colon, an alias (`马处长`), a
   * pronoun; `narration` for the narrator's own sentence (the byline's reporter, or the paper)
   * inside a paragraph that is mainly someone's words.
   */
  method: SpeechMethod | 'narration';
  confidence: number;
}

export interface ArticleSection {
  number: number;
  name: string;
}

export interface Article {
  title: string;
  /** The date printed in the front matter (`2024年3月5日` → `2024-03-05`), or null. */
  date: string | null;
  /** The short line printed under the title (`实践·探索·对话`), or null. */
  kicker: string | null;
  paragraphs: ArticleParagraph[];
  speakers: Speaker[];
  sections: ArticleSection[];
  /**
   * The host and the experts with their titles read into fields (organisation, position, degree),
   * each with the paragraph that introduces them, in the order the article lists them.
   */
  people: PersonProfile[];
  /** Ids of the editor's note paragraphs (under `编者按`, before the headline). */
  editorsNote: number[];
  /** What the article is (a round table, an interview, a Q&A, a transcript, a broadcast, a report). */
  genre: ArticleGenre;
  /** Who asks (the host, the reporter) and who answers (the guests, the interviewee), by name. */
  interviewers: string[];
  interviewees: string[];
  /** The layout that read the article, with its score. */
  layout: LayoutChoice;
  /** Paragraphs (and guests) whose reading the parser doubts: shown to editors and users, never hidden. */
  doubts: ArticleDoubt[];
}

/** Thrown when the corpus file is missing, empty or has no recognisable structure. */
export class CorpusError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CorpusError';
  }
}
