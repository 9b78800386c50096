import type { ArticleParagraph } from './article.js';
import { CorpusError } from './article.js';
import type { ArticleDoubt, Attribution } from './attribution.js';
import { findQuotedSpans } from './find-quoted-spans.js';
import { BYLINE, DATE_LINE, MIN_PROSE_LENGTH, PARAGRAPH_END, type ParagraphKind } from './interview-layout.js';
import type { LayoutReading } from './layouts.js';
import { parseTitle, type PersonProfile } from './person-profile.js';
import { dateIn } from './read-roundtable.js';
import type { RawParagraph } from './source-lines.js';
import { EDITOR_NAME, UNATTRIBUTED_NAME, type Speaker, type SpeakerRole } from './speakers.js';
import { readTurnLabel } from './turn-label.js';

/** Who says a paragraph of a report's body, and how that was decided. */
export interface ReportSpeech {
  speaker: string;
  role: SpeakerRole;
  title: string | null;
  attribution: Attribution;
}

/**
 * The seam where a report's body paragraphs get their speakers. Today every paragraph is the
 * byline's reporter's (or the paper's, 编者, without a byline); a news-feature attribution (speech
 * verbs around a quotation, 他/她, surname + post) plugs in here as another function of this type.
 */
export type ReportSpeechAttributor = (body: readonly string[], author: { name: string; title: string } | null) => ReportSpeech[];

/**
 * Every body paragraph to the byline's reporter, or to the paper (编者) when there is no byline; a
 * paragraph that opens with someone's label (`陈阿姨：……`) is theirs, not the reporter's, and this
 * attributor does not read it: it is unattributed.
 */
export const attributeToByline: ReportSpeechAttributor = (body, author) =>
  body.map((text) => {
    const label = readTurnLabel(text);
    if (label && (label.name !== null || label.isRole)) {
      return { speaker: UNATTRIBUTED_NAME, role: 'unattributed', title: null, attribution: { method: 'unattributed', confidence: 0, label: label.printed } };
    }
    return author
      ? { speaker: author.name, role: 'author', title: author.title, attribution: { method: 'byline', confidence: 0.9 } }
      : { speaker: EDITOR_NAME, role: 'editor', title: null, attribution: { method: 'narration', confidence: 0.9 } };
  });

/**
 * An ordinary report (no turns): the headline, short lines under it (a kicker, a date), a byline
 * (`本报记者 张三`), then the body, whose speakers `attribute` decides.
 *
 * @throws {CorpusError} when the text has no prose paragraph.
 */
export function readReport(rawParagraphs: RawParagraph[], attribute: ReportSpeechAttributor = attributeToByline): LayoutReading {
  const paragraphs: ArticleParagraph[] = [];
  let author: { name: string; title: string } | null = null;
  let kicker: string | null = null;
  let bodyStart = -1;
  const push = (p: RawParagraph, speaker: string, role: SpeakerRole, kind: ParagraphKind, speakerTitle: string | null, attribution: Attribution) => {
    paragraphs.push({
      id: paragraphs.length,
      speaker,
      role,
      title: speakerTitle,
      section: '',
      sectionNumber: 0,
      kind,
      text: p.text,
      labelEnd: 0,
      quotes: role === 'editor' || role === 'unattributed' ? [] : findQuotedSpans(p.text),
      sourceLines: p.sourceLines,
      attribution,
    });
  };
  const front: Attribution = { method: 'front-matter', confidence: 1 };
  for (const [i, p] of rawParagraphs.entries()) {
    const byline = bodyStart >= 0 ? null : BYLINE.exec(p.text);
    if (i === 0) {
      push(p, EDITOR_NAME, 'editor', 'headline', null, front);
    } else if (byline) {
      author ??= { name: byline[2]!.split(/[\s、]+/u)[0]!, title: byline[1]! };
      push(p, author.name, 'author', 'host-entry', author.title, front);
    } else if (bodyStart < 0 && p.text.length < MIN_PROSE_LENGTH && !PARAGRAPH_END.test(p.text)) {
      if (!DATE_LINE.test(p.text)) kicker ??= p.text;
      push(p, EDITOR_NAME, 'editor', 'kicker', null, front);
    } else {
      bodyStart = i;
      break;
    }
  }
  if (bodyStart < 0) throw new CorpusError('corpus has no guest list (嘉宾简介) and no paragraphs of text after its headline: neither an interview nor a report');
  const body = rawParagraphs.slice(bodyStart);
  const speech = attribute(body.map((p) => p.text), author);
  const doubts: ArticleDoubt[] = [];
  body.forEach((p, i) => {
    const { speaker, role, title, attribution } = speech[i]!;
    if (role === 'unattributed') doubts.push({ reason: 'no-speaker', paragraph: paragraphs.length, message: `no speaker could be decided for this paragraph of the report${attribution.label ? ` (it opens with "${attribution.label}")` : ''}` });
    push(p, speaker, role, role === 'unattributed' ? 'unattributed' : 'report', title, attribution);
  });
  const speakers: Speaker[] = [];
  for (const p of paragraphs) {
    if (p.role === 'unattributed') continue;
    let speaker = speakers.find((s) => s.name === p.speaker);
    if (!speaker) speakers.push((speaker = { name: p.speaker, role: p.role, title: p.title, paragraphs: [] }));
    speaker.paragraphs.push(p.id);
  }
  speakers.sort((a, b) => Number(b.role === 'editor') - Number(a.role === 'editor'));
  const people: PersonProfile[] = paragraphs
    .filter((p) => p.kind === 'host-entry')
    .map((p) => ({ name: p.speaker, role: 'author', title: p.title ?? '', ...parseTitle(p.title ?? ''), paragraph: p.id }));
  return {
    title: paragraphs[0]!.text,
    date: dateIn(rawParagraphs.slice(0, bodyStart)),
    kicker,
    paragraphs,
    speakers,
    sections: [],
    people,
    editorsNote: [],
    interviewers: [],
    interviewees: [],
    doubts,
  };
}
