/**
 * How the parser decided who says each paragraph, what kind of article it read, and what it doubts:
 * the data an editor reviews (`npm run ingest -- --explain FILE`) and the page shows.
 */

/** How a paragraph's speaker was decided. */
export type AttributionMethod =
  /** A turn label opens the paragraph (`李娜:`, `【主持人】`, `问：`). */
  | 'label'
  /** An unlabelled paragraph that carries on the turn before it. */
  | 'continuation'
  /** A quotation with a speech verb names who said it (a report's quoted people). */
  | 'quotation'
  /** The narration of a report or a broadcast (`解说：`), the paper's or the reporter's own words. */
  | 'narration'
  /** The byline's reporter (a report's body, an interview's lead). */
  | 'byline'
  /** The front matter: headline, kicker, labels, guest list, headings. */
  | 'front-matter'
  /** Nobody could be decided: the words are no one's. */
  | 'unattributed';

/** How a paragraph's speaker was decided, and how sure the parser is (0–1). */
export interface Attribution {
  method: AttributionMethod;
  confidence: number;
  /** The label as printed (`李娜（某大学教授）`, `答`), when a label decided it. */
  label?: string;
}

/** What an article is, as its layout prints it. */
export type ArticleGenre = 'roundtable' | 'interview' | 'qa' | 'transcript' | 'broadcast' | 'report';

/** Why the parser doubts a paragraph or a person. */
export type DoubtReason =
  /** A turn label naming no one the article introduces, used once: the paragraph is unattributed. */
  | 'unknown-label'
  /** A paragraph that looks like a turn (a label opens it) was not read as one. */
  | 'unexplained-turn'
  /** `答：` with several interviewees and no name. */
  | 'ambiguous-answer'
  /** A paragraph after an unknown label or a heading with no label of its own. */
  | 'no-speaker'
  /** A guest the guest list names who never speaks. */
  | 'silent-guest'
  /** Words in quotation marks (or after a speech verb) in a report whose speaker the text leaves open. */
  | 'open-speech'
  /** A byline (`本报记者 NAME`) given to someone as the rest of their turn: the turns were read from the wrong place. */
  | 'byline-in-turn'
  /** A speaker called by surname and title (`莫教授`) beside another speaker of that surname: maybe the same person. */
  | 'surname-speaker';

/** A doubt of the parser: a paragraph (or a person) an editor should check. */
export interface ArticleDoubt {
  reason: DoubtReason;
  /** The paragraph in doubt, or null for a person (a silent guest). */
  paragraph: number | null;
  /** What is in doubt, in English, for the editor (`label "张某" names no one the article introduces`). */
  message: string;
}

/** The layout the parser chose for an article, and how well it explains the text. */
export interface LayoutChoice {
  /** The layout description's name (`roundtable`, `qa`, …). */
  name: string;
  /** 0–1: how well the layout explains the text (see `src/corpus/score-reading.ts`). */
  score: number;
  /** Share of the turn-like paragraphs (a label opens them) read as turns. */
  labelledShare: number;
  /** Share of all paragraphs with a speaker decided. */
  attributedShare: number;
}
