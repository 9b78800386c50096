import type { ArticleParagraph, ParagraphSpeech } from './article.js';
import { UNATTRIBUTED_NAME, type Speaker, type SpeakerRole } from './speakers.js';

/**
 * Who says a span of a paragraph: the paragraph's speaker, unless the span lies inside someone's
 * words in a report (`paragraph.speeches`): then that person. The one rule for citations, quote
 * checks and who-said answers, so that a quotation inside the reporter's narration is never
 * presented as the reporter's own words; words whose speaker the report leaves open are nobody's.
 */

/** Punctuation a quote may carry around someone's words without adding words of its own. */
const EDGE = /[\s“”‘’「」『』"'。，,；;：:、！!？?]/u;

/** `[start, end)` without the punctuation at its edges, or null when nothing is left. */
function words(text: string, start: number, end: number): { from: number; to: number } | null {
  let from = start;
  let to = end;
  while (from < to && EDGE.test(text[from]!)) from++;
  while (to > from && EDGE.test(text[to - 1]!)) to--;
  return from < to ? { from, to } : null;
}

/** The speech span of a paragraph that holds every word of `[start, end)`, or null. */
export function speechHolding(paragraph: Pick<ArticleParagraph, 'text' | 'speeches'>, start: number, end: number): ParagraphSpeech | null {
  if (!paragraph.speeches?.length) return null;
  const w = words(paragraph.text, start, end);
  return w ? (paragraph.speeches.find((s) => s.start <= w.from && w.to <= s.end) ?? null) : null;
}

/** True when `[start, end)` touches words whose speaker the report leaves open (`openSpeeches`). */
export function touchesOpenSpeech(paragraph: Pick<ArticleParagraph, 'text' | 'openSpeeches'>, start: number, end: number): boolean {
  const w = words(paragraph.text, start, end);
  return w !== null && (paragraph.openSpeeches ?? []).some((s) => s.start < w.to && w.from < s.end);
}

/** The speaker, role and title of `[start, end)` of a paragraph (see {@link speechHolding}). */
export function speakerAt(
  article: { speakers: readonly Speaker[] },
  paragraph: Pick<ArticleParagraph, 'text' | 'speeches' | 'openSpeeches' | 'speaker' | 'role' | 'title'>,
  start: number,
  end: number,
): { speaker: string; role: SpeakerRole; title: string | null; inSpeech: boolean } {
  // Nobody's words are never presented as the reporter's (nor anyone's).
  if (touchesOpenSpeech(paragraph, start, end)) return { speaker: UNATTRIBUTED_NAME, role: 'unattributed', title: null, inSpeech: true };
  const speech = speechHolding(paragraph, start, end);
  if (!speech || speech.speaker === paragraph.speaker) return { speaker: paragraph.speaker, role: paragraph.role, title: paragraph.title, inSpeech: speech !== null };
  const known = article.speakers.find((s) => s.name === speech.speaker);
  return { speaker: speech.speaker, role: known?.role ?? 'quoted', title: known?.title ?? null, inSpeech: true };
}
