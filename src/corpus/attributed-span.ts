import type { SpeakerRole } from './speakers.js';

/**
 * A span of the article and who says it: the one shape that citations, passages (chunks and search
 * results) and quote-check locations extend instead of restating.
 * `article.paragraphs[paragraph].text.slice(start, end)` is the span's text.
 */
export interface AttributedSpan {
  speaker: string;
  role: SpeakerRole;
  /** The speaker's affiliation from the guest list, `本报记者` for the host, null for the editor. */
  title: string | null;
  section: string;
  paragraph: number;
  /** Offsets into the paragraph's `text` (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** The person the speaker quotes in this span (`习近平`), or null. */
  quoting: string | null;
}
