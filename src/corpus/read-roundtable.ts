import type { ArticleParagraph, ArticleSection } from './article.js';
import { CorpusError } from './article.js';
import type { ArticleDoubt, Attribution } from './attribution.js';
import { findQuotedSpans } from './find-quoted-spans.js';
import {
  DATE_LINE,
  EDITORS_NOTE_LABEL,
  GUEST_LIST_LABEL,
  HOST_LABEL,
  MIN_PROSE_LENGTH,
  SECTION_HEADING,
  TURN_LABEL,
  type ParagraphKind,
} from './interview-layout.js';
import type { LayoutReading } from './layouts.js';
import { isTurn, quotesInTurn } from './read-report.js';
import { parseTitle, type PersonProfile } from './person-profile.js';
import type { RawParagraph } from './source-lines.js';
import { EDITOR_NAME, UNATTRIBUTED_NAME, type Speaker, type SpeakerRole } from './speakers.js';
import { readTurnLabel } from './turn-label.js';

/** The first date line among short front-matter lines, as `YYYY-MM-DD`, or null. */
export function dateIn(front: RawParagraph[]): string | null {
  for (const p of front) {
    const match = p.text.length < MIN_PROSE_LENGTH ? DATE_LINE.exec(p.text) : null;
    if (match) return `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  }
  return null;
}

const FRONT: Attribution = { method: 'front-matter', confidence: 1 };

/**
 * The column's round table: the editor's note, headline and guest list (`嘉宾简介`, `NAME:title`),
 * the host's line, then numbered parts in which a label (`NAME:`, `NAME（title）：`) of a listed
 * guest or `主持人:` starts a turn that runs until the next label or heading. A label that names no
 * listed guest starts no turn and continues none: its paragraph is unattributed, and doubted.
 *
 * @throws {CorpusError} when the text has no guest list or numbered sections (not this layout).
 */
export function readRoundtable(rawParagraphs: RawParagraph[]): LayoutReading {
  if (!rawParagraphs.some((p) => p.text === GUEST_LIST_LABEL)) throw new CorpusError('corpus has no guest list (嘉宾简介) naming the experts');
  const experts = new Map<string, string>();
  let host: { name: string; title: string } | null = null;
  let title = '';
  let kicker: string | null = null;
  let section = '';
  let sectionNumber = 0;
  let phase: 'start' | 'note' | 'headline' | 'guests' | 'host' | 'parts' = 'start';
  let turnSpeaker: string | null = null;
  const sections: ArticleSection[] = [];
  const paragraphs: ArticleParagraph[] = [];
  const doubts: ArticleDoubt[] = [];

  const push = (p: RawParagraph, speaker: string, role: SpeakerRole, kind: ParagraphKind, attribution: Attribution = FRONT, labelEnd = 0) => {
    const speakerTitle = role === 'expert' ? (experts.get(speaker) ?? null) : role === 'host' ? (host?.title ?? null) : null;
    const guestLabel = kind === 'guest-entry' ? TURN_LABEL.exec(p.text) : null;
    paragraphs.push({
      id: paragraphs.length,
      speaker,
      role,
      title: speakerTitle,
      section,
      sectionNumber,
      kind,
      text: p.text,
      labelEnd: guestLabel ? guestLabel[0].length : labelEnd,
      quotes: role === 'editor' || role === 'unattributed' ? [] : isTurn(kind) ? quotesInTurn(p.text, speaker, labelEnd) : findQuotedSpans(p.text),
      sourceLines: p.sourceLines,
      attribution,
    });
  };

  for (const p of rawParagraphs) {
    const heading = SECTION_HEADING.exec(p.text);
    if (heading && heading[2]) {
      phase = 'parts';
      sectionNumber = Number(heading[1]);
      section = heading[2].trim();
      sections.push({ number: sectionNumber, name: section });
      turnSpeaker = null;
      push(p, EDITOR_NAME, 'editor', 'heading');
      continue;
    }
    if (phase !== 'parts') {
      if (p.text === EDITORS_NOTE_LABEL) {
        phase = 'note';
        section = EDITORS_NOTE_LABEL;
        push(p, EDITOR_NAME, 'editor', 'heading');
      } else if (p.text === GUEST_LIST_LABEL) {
        phase = 'guests';
        section = GUEST_LIST_LABEL;
        push(p, EDITOR_NAME, 'editor', 'heading');
      } else if (p.text === HOST_LABEL) {
        phase = 'host';
        push(p, EDITOR_NAME, 'editor', 'heading');
      } else if (phase === 'guests' && TURN_LABEL.test(p.text)) {
        const [, name] = TURN_LABEL.exec(p.text)!;
        experts.set(name!, p.text.replace(TURN_LABEL, '').trim());
        push(p, name!, 'expert', 'guest-entry');
      } else if (phase === 'host') {
        // `本报记者 秦睿`: the title, then the name.
        const parts = p.text.split(/\s+/u);
        if (parts.length < 2) throw new CorpusError(`cannot read the host from "${p.text}"`);
        host = { name: parts.at(-1)!, title: parts.slice(0, -1).join(' ') };
        push(p, host.name, 'host', 'host-entry');
      } else {
        // After the note: the headline, then short lines under it (the kicker).
        if (phase === 'note' && p.text.length < MIN_PROSE_LENGTH) phase = 'headline';
        let kind: ParagraphKind = 'editors-note';
        if (phase === 'headline' && title === '') {
          title = p.text;
          kind = 'headline';
        } else if (phase === 'headline') {
          kicker ??= p.text;
          kind = 'kicker';
        }
        push(p, EDITOR_NAME, 'editor', kind);
      }
      continue;
    }
    const label = readTurnLabel(p.text);
    let labelled: Attribution | null = null;
    if (label && label.roleWord === HOST_LABEL && label.name === null) {
      if (!host) throw new CorpusError('a host turn comes before the guest list names the host');
      turnSpeaker = host.name;
      labelled = { method: 'label', confidence: 1, label: label.printed };
    } else if (label?.name && experts.has(label.name)) {
      turnSpeaker = label.name;
      labelled = { method: 'label', confidence: 1, label: label.printed };
    } else if (label) {
      // A label of no listed guest: never the previous speaker's words.
      turnSpeaker = UNATTRIBUTED_NAME;
      doubts.push({ reason: 'unknown-label', paragraph: paragraphs.length, message: `label "${label.printed}" names no guest of the guest list` });
      push(p, UNATTRIBUTED_NAME, 'unattributed', 'unattributed', { method: 'unattributed', confidence: 0, label: label.printed }, label.end);
      continue;
    }
    const labelEnd = labelled ? label!.end : 0;
    const carried: Attribution = labelled ?? { method: 'continuation', confidence: 0.95 };
    if (turnSpeaker === null) push(p, EDITOR_NAME, 'editor', p.text.length < MIN_PROSE_LENGTH ? 'heading' : 'editors-note', { method: 'narration', confidence: 0.6 });
    else if (turnSpeaker === UNATTRIBUTED_NAME) {
      doubts.push({ reason: 'no-speaker', paragraph: paragraphs.length, message: 'a paragraph after an unknown label has no label of its own' });
      push(p, UNATTRIBUTED_NAME, 'unattributed', 'unattributed', { method: 'unattributed', confidence: 0 });
    } else if (turnSpeaker === host?.name) push(p, turnSpeaker, 'host', 'host-question', carried, labelEnd);
    else push(p, turnSpeaker, 'expert', 'expert-turn', carried, labelEnd);
  }

  if (experts.size === 0) throw new CorpusError('corpus has no guest list (嘉宾简介) naming the experts');
  if (sections.length === 0) throw new CorpusError('corpus has no numbered sections');

  const speakers: Speaker[] = [
    { name: EDITOR_NAME, role: 'editor', title: null, paragraphs: [] },
    ...(host ? [{ name: host.name, role: 'host' as const, title: host.title, paragraphs: [] }] : []),
    ...[...experts].map(([name, expertTitle]) => ({ name, role: 'expert' as const, title: expertTitle, paragraphs: [] as number[] })),
  ];
  for (const paragraph of paragraphs) speakers.find((s) => s.name === paragraph.speaker)?.paragraphs.push(paragraph.id);
  const people: PersonProfile[] = paragraphs
    .filter((p) => p.kind === 'guest-entry' || p.kind === 'host-entry')
    .map((p) => ({ name: p.speaker, role: p.role === 'host' ? 'host' : 'expert', title: p.title ?? '', ...parseTitle(p.title ?? ''), paragraph: p.id }));
  const editorsNote = paragraphs.filter((p) => p.kind === 'editors-note' && p.sectionNumber === 0).map((p) => p.id);
  const date = dateIn(rawParagraphs.slice(0, rawParagraphs.findIndex((p) => p.text === GUEST_LIST_LABEL)));
  return {
    title: title || (paragraphs[0]?.text ?? ''),
    date,
    kicker,
    paragraphs,
    speakers,
    sections,
    people,
    editorsNote,
    interviewers: host ? [host.name] : [],
    interviewees: [...experts.keys()],
    doubts,
  };
}
