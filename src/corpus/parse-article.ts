import { readFile } from 'node:fs/promises';
import {
  BYLINE,
  DATE_LINE,
  EDITORS_NOTE_LABEL,
  GUEST_LIST_LABEL,
  HONORIFICS,
  HOST_LABEL,
  LONE_SECTION_NUMBER,
  MIN_PROSE_LENGTH,
  PARAGRAPH_END,
  SECTION_HEADING,
  SPEECH_VERBS,
  TURN_LABEL,
  type ParagraphKind,
} from './interview-layout.js';
import { parseTitle, type PersonProfile } from './person-profile.js';
import type { QuotedSpan } from './quoted-span.js';
import { EDITOR_NAME, type Speaker, type SpeakerRole } from './speakers.js';

export { quotedPersonAt, quotedSpanAt, type QuotedSpan } from './quoted-span.js';
export type { PersonProfile } from './person-profile.js';

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
}

/** Thrown when the corpus file is missing, empty or has no recognisable structure. */
export class CorpusError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CorpusError';
  }
}


interface RawParagraph {
  text: string;
  sourceLines: number[];
}

function isSectionHeading(line: string): boolean {
  return SECTION_HEADING.test(line);
}

/**
 * Joins the lines of the source into paragraphs. A long line that does not end a sentence was
 * split by a page break and goes on in the next non-empty line (`一链` / `一策`, `大型AI` / `数字应用`);
 * a lone section number takes the heading on the next line.
 */
export function joinSourceLines(raw: string): RawParagraph[] {
  const lines = raw.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  const out: RawParagraph[] = [];
  let pendingNumber: RawParagraph | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const lineNo = i + 1;
    if (pendingNumber) {
      pendingNumber.text += ` ${line}`;
      pendingNumber.sourceLines.push(lineNo);
      out.push(pendingNumber);
      pendingNumber = null;
      continue;
    }
    if (LONE_SECTION_NUMBER.test(line)) {
      pendingNumber = { text: line, sourceLines: [lineNo] };
      continue;
    }
    const previous = out.at(-1);
    const continues =
      previous !== undefined &&
      previous.text.length >= MIN_PROSE_LENGTH &&
      !PARAGRAPH_END.test(previous.text) &&
      !isSectionHeading(line) &&
      !TURN_LABEL.test(line);
    if (continues) {
      // Latin on both sides of the cut (`RCEP` / `(《…`) keeps no space; only letters meeting
      // letters would need one, and the source has none of those.
      const needsSpace = /[A-Za-z0-9]$/u.test(previous.text) && /^[A-Za-z0-9]/u.test(line);
      previous.text += (needsSpace ? ' ' : '') + line;
      previous.sourceLines.push(lineNo);
    } else {
      out.push({ text: line, sourceLines: [lineNo] });
    }
  }
  if (pendingNumber) out.push(pendingNumber);
  return out;
}

/** `习近平总书记`: two or three Han characters of a name, then an honorific of {@link HONORIFICS}. */
const NAMED_WITH_HONORIFIC = new RegExp(`([\\p{Script=Han}]{2,3}?)(${HONORIFICS.join('|')})`, 'gu');
/** Characters that open a clause rather than a name (`由习近平同志`, `对李娜教授`). */
const CLAUSE_OPENERS = /^[的对由和与在是从向据按着把被将及并]/u;

/** The person (and honorific) named last in a lead-in such as `习近平总书记……指出`, or null. */
function quotedPersonIn(lead: string): { person: string; honorific: string } | null {
  let found: { person: string; honorific: string } | null = null;
  for (const match of lead.matchAll(NAMED_WITH_HONORIFIC)) {
    let person = match[1]!;
    if (person.length === 3 && CLAUSE_OPENERS.test(person)) person = person.slice(1);
    found = { person, honorific: match[2]! };
  }
  return found;
}

/**
 * Finds where a paragraph quotes someone's words: `习近平总书记……指出“……”`. The person and the
 * honorific are read from the lead-in; terms in quotation marks (`“新质生产力”`, `“四地”`) are not
 * quotations: they are short and no speech verb precedes them.
 */
export function findQuotedSpans(text: string): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  const pattern = /“([^“”]{10,})”/gu;
  for (const match of text.matchAll(pattern)) {
    const open = match.index;
    const sentenceStart = Math.max(
      0,
      ...['。', '！', '？', '?', '!', '；', ';'].map((mark) => text.lastIndexOf(mark, open) + 1),
    );
    const lead = text.slice(sentenceStart, open).replace(/[,，:：\s]+$/u, '');
    const quoted = quotedPersonIn(lead);
    if (quoted && SPEECH_VERBS.some((verb) => lead.endsWith(verb))) {
      spans.push({ start: open + 1, end: open + 1 + match[1]!.length, ...quoted });
    }
  }
  return spans;
}

/** The honorific the article gives a quoted person (`总书记` for `习近平`), or null. */
export function honorificOf(article: Pick<Article, 'paragraphs'>, person: string): string | null {
  for (const p of article.paragraphs) for (const q of p.quotes) if (q.person === person) return q.honorific;
  return null;
}

/**
 * Parses the raw article into the cleaned, attributed article that `GET /api/article` serves.
 *
 * Front matter: the editor's note, headline and guest list. Then four numbered parts, in which
 * `NAME:` starts a turn that runs until the next speaker or heading; `主持人:` is the host named
 * in the guest list.
 *
 * @throws {CorpusError} when the text is empty or has no guest list or numbered sections.
 */
export function parseArticle(raw: string): Article {
  if (raw.trim() === '') throw new CorpusError('corpus is empty');
  const rawParagraphs = joinSourceLines(raw);
  if (!rawParagraphs.some((p) => p.text === GUEST_LIST_LABEL)) return parseReport(rawParagraphs);

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

  const push = (p: RawParagraph, speaker: string, role: SpeakerRole, kind: ParagraphKind) => {
    const speakerTitle =
      role === 'expert' ? (experts.get(speaker) ?? null) : role === 'host' ? (host?.title ?? null) : null;
    const label = TURN_LABEL.exec(p.text);
    const labelled = kind === 'guest-entry' || ((kind === 'host-question' || kind === 'expert-turn') && label !== null && (label[1] === speaker || label[1] === HOST_LABEL));
    paragraphs.push({
      id: paragraphs.length,
      speaker,
      role,
      title: speakerTitle,
      section,
      sectionNumber,
      kind,
      text: p.text,
      labelEnd: labelled && label ? label[0].length : 0,
      quotes: role === 'editor' ? [] : findQuotedSpans(p.text),
      sourceLines: p.sourceLines,
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
    const prefix = TURN_LABEL.exec(p.text);
    if (prefix && prefix[1] === HOST_LABEL) {
      if (!host) throw new CorpusError('a host turn comes before the guest list names the host');
      turnSpeaker = host.name;
    } else if (prefix && experts.has(prefix[1]!)) {
      turnSpeaker = prefix[1]!;
    }
    if (turnSpeaker === null) push(p, EDITOR_NAME, 'editor', p.text.length < MIN_PROSE_LENGTH ? 'heading' : 'editors-note');
    else if (turnSpeaker === host?.name) push(p, turnSpeaker, 'host', 'host-question');
    else push(p, turnSpeaker, 'expert', 'expert-turn');
  }

  if (experts.size === 0) throw new CorpusError('corpus has no guest list (嘉宾简介) naming the experts');
  if (sections.length === 0) throw new CorpusError('corpus has no numbered sections');

  const speakers: Speaker[] = [
    { name: EDITOR_NAME, role: 'editor', title: null, paragraphs: [] },
    ...(host ? [{ name: host.name, role: 'host' as const, title: host.title, paragraphs: [] }] : []),
    ...[...experts].map(([name, expertTitle]) => ({
      name,
      role: 'expert' as const,
      title: expertTitle,
      paragraphs: [] as number[],
    })),
  ];
  for (const paragraph of paragraphs) {
    speakers.find((s) => s.name === paragraph.speaker)!.paragraphs.push(paragraph.id);
  }
  const people: PersonProfile[] = paragraphs
    .filter((p) => p.kind === 'guest-entry' || p.kind === 'host-entry')
    .map((p) => ({ name: p.speaker, role: p.role === 'host' ? 'host' : 'expert', title: p.title ?? '', ...parseTitle(p.title ?? ''), paragraph: p.id }));
  const editorsNote = paragraphs.filter((p) => p.kind === 'editors-note' && p.sectionNumber === 0).map((p) => p.id);
  const date = dateIn(rawParagraphs.slice(0, rawParagraphs.findIndex((p) => p.text === GUEST_LIST_LABEL)));
  return { title: title || (paragraphs[0]?.text ?? ''), date, kicker, paragraphs, speakers, sections, people, editorsNote };
}

/** The first date line among short front-matter lines, as `YYYY-MM-DD`, or null. */
function dateIn(front: RawParagraph[]): string | null {
  for (const p of front) {
    const match = p.text.length < MIN_PROSE_LENGTH ? DATE_LINE.exec(p.text) : null;
    if (match) return `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  }
  return null;
}

/**
 * An ordinary report (no guest list): the headline, short lines under it (a kicker, a date), a
 * byline (`本报记者 张三`), then the body. The body is the author's (the first name of the byline,
 * role `author`), or the paper's (编者) when there is no byline: never a speaker the text does not name.
 *
 * @throws {CorpusError} when the text has no prose paragraph.
 */
function parseReport(rawParagraphs: RawParagraph[]): Article {
  const paragraphs: ArticleParagraph[] = [];
  let author: { name: string; title: string } | null = null;
  let kicker: string | null = null;
  let inBody = false;
  const push = (p: RawParagraph, speaker: string, role: SpeakerRole, kind: ParagraphKind, speakerTitle: string | null) => {
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
      quotes: role === 'editor' ? [] : findQuotedSpans(p.text),
      sourceLines: p.sourceLines,
    });
  };
  for (const [i, p] of rawParagraphs.entries()) {
    const byline = inBody ? null : BYLINE.exec(p.text);
    if (i === 0) {
      push(p, EDITOR_NAME, 'editor', 'headline', null);
    } else if (byline) {
      author ??= { name: byline[2]!.split(/[\s、]+/u)[0]!, title: byline[1]! };
      push(p, author.name, 'author', 'host-entry', author.title);
    } else if (!inBody && p.text.length < MIN_PROSE_LENGTH && !PARAGRAPH_END.test(p.text)) {
      if (!DATE_LINE.test(p.text)) kicker ??= p.text;
      push(p, EDITOR_NAME, 'editor', 'kicker', null);
    } else {
      inBody = true;
      if (author) push(p, author.name, 'author', 'report', author.title);
      else push(p, EDITOR_NAME, 'editor', 'report', null);
    }
  }
  if (!paragraphs.some((p) => p.kind === 'report')) throw new CorpusError('corpus has no guest list (嘉宾简介) and no paragraphs of text after its headline: neither an interview nor a report');
  const speakers: Speaker[] = [
    { name: EDITOR_NAME, role: 'editor', title: null, paragraphs: paragraphs.filter((p) => p.role === 'editor').map((p) => p.id) },
    ...(author ? [{ name: author.name, role: 'author' as const, title: author.title, paragraphs: paragraphs.filter((p) => p.role === 'author').map((p) => p.id) }] : []),
  ];
  const people: PersonProfile[] = paragraphs
    .filter((p) => p.kind === 'host-entry')
    .map((p) => ({ name: p.speaker, role: 'author', title: p.title ?? '', ...parseTitle(p.title ?? ''), paragraph: p.id }));
  const front = rawParagraphs.slice(0, paragraphs.findIndex((p) => p.kind === 'report'));
  return { title: paragraphs[0]!.text, date: dateIn(front), kicker, paragraphs, speakers, sections: [], people, editorsNote: [] };
}

/**
 * Reads and parses the corpus file.
 *
 * @throws {CorpusError} when the file is missing, unreadable or empty.
 */
export async function loadArticle(path: string): Promise<{ article: Article; raw: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new CorpusError(`cannot read corpus file ${path}: ${(cause as Error).message}`, { cause });
  }
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new CorpusError(`corpus file ${path} is not UTF-8 text`, { cause });
  }
  try {
    return { article: parseArticle(raw), raw };
  } catch (error) {
    // The message names the file: with many articles, which one is broken is the point.
    if (error instanceof CorpusError) throw new CorpusError(`${path}: ${error.message}`, { cause: error });
    throw error;
  }
}
