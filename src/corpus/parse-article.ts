import { readFile } from 'node:fs/promises';
import {
  EDITOR_NAME,
  HOST_LABEL,
  QUOTED_PEOPLE,
  SPEECH_VERBS,
  type Speaker,
  type SpeakerRole,
} from './speakers.js';

/** A span of a paragraph in which the speaker quotes someone else's words in quotation marks. */
export interface QuotedSpan {
  /** Offsets into the paragraph's `text` (UTF-16, end exclusive), quotation marks excluded. */
  start: number;
  end: number;
  /** Who is quoted, e.g. `习近平`. */
  person: string;
}

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
  text: string;
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
  paragraphs: ArticleParagraph[];
  speakers: Speaker[];
  sections: ArticleSection[];
}

/** Thrown when the corpus file is missing, empty or has no recognisable structure. */
export class CorpusError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CorpusError';
  }
}

/** Characters that end a paragraph for real; a long line ending otherwise was cut by a page break. */
const PARAGRAPH_END = /[。！？!?；;…”」』"）)：:]$/u;
/** A prose line is long; headings, guest lines and labels are short. */
const MIN_PROSE_LENGTH = 40;
/** `1 发展新质生产力,青海何以可为?` or a lone `2` whose heading follows on the next line. */
const SECTION_HEADING = /^([1-9])(?:\s+(\S.{0,60}))?$/u;
/** `NAME:` or `NAME：` at the start of a line: two to four CJK characters. */
const SPEAKER_PREFIX = /^([\p{Script=Han}]{2,4})[:：]\s*/u;
const EDITORS_NOTE = '编者按';
const GUEST_LIST = '嘉宾简介';

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
    if (/^[1-9]$/u.test(line)) {
      pendingNumber = { text: line, sourceLines: [lineNo] };
      continue;
    }
    const previous = out.at(-1);
    const continues =
      previous !== undefined &&
      previous.text.length >= MIN_PROSE_LENGTH &&
      !PARAGRAPH_END.test(previous.text) &&
      !isSectionHeading(line) &&
      !SPEAKER_PREFIX.test(line);
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

/**
 * Finds where a paragraph quotes someone's words: `习近平总书记……指出“……”`. Terms in quotation
 * marks (`“新质生产力”`, `“四地”`) are not quotations: they are short and no speech verb precedes them.
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
    const person = QUOTED_PEOPLE.find((name) => lead.includes(name));
    if (person && SPEECH_VERBS.some((verb) => lead.endsWith(verb))) {
      spans.push({ start: open + 1, end: open + 1 + match[1]!.length, person });
    }
  }
  return spans;
}

/**
 * The person quoted at `[start, end)` of a paragraph: when most of that text lies inside one of the
 * paragraph's quoted spans. Null otherwise.
 */
export function quotedPersonAt(paragraph: Pick<ArticleParagraph, 'quotes'>, start: number, end: number): string | null {
  const length = end - start;
  const span = paragraph.quotes.find((q) => Math.min(q.end, end) - Math.max(q.start, start) > Math.max(0, length / 2 - 1));
  return span?.person ?? null;
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

  const experts = new Map<string, string>();
  let host: { name: string; title: string } | null = null;
  let title = '';
  let section = '';
  let sectionNumber = 0;
  let phase: 'start' | 'note' | 'headline' | 'guests' | 'host' | 'parts' = 'start';
  let turnSpeaker: string | null = null;
  const sections: ArticleSection[] = [];
  const paragraphs: ArticleParagraph[] = [];

  const push = (p: RawParagraph, speaker: string, role: SpeakerRole) => {
    const speakerTitle =
      role === 'expert' ? (experts.get(speaker) ?? null) : role === 'host' ? (host?.title ?? null) : null;
    paragraphs.push({
      id: paragraphs.length,
      speaker,
      role,
      title: speakerTitle,
      section,
      sectionNumber,
      text: p.text,
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
      push(p, EDITOR_NAME, 'editor');
      continue;
    }
    if (phase !== 'parts') {
      if (p.text === EDITORS_NOTE) {
        phase = 'note';
        section = EDITORS_NOTE;
        push(p, EDITOR_NAME, 'editor');
      } else if (p.text === GUEST_LIST) {
        phase = 'guests';
        section = GUEST_LIST;
        push(p, EDITOR_NAME, 'editor');
      } else if (p.text === HOST_LABEL) {
        phase = 'host';
        push(p, EDITOR_NAME, 'editor');
      } else if (phase === 'guests' && SPEAKER_PREFIX.test(p.text)) {
        const [, name] = SPEAKER_PREFIX.exec(p.text)!;
        experts.set(name!, p.text.replace(SPEAKER_PREFIX, '').trim());
        push(p, name!, 'expert');
      } else if (phase === 'host') {
        // `本报记者 秦睿`: the title, then the name.
        const parts = p.text.split(/\s+/u);
        if (parts.length < 2) throw new CorpusError(`cannot read the host from "${p.text}"`);
        host = { name: parts.at(-1)!, title: parts.slice(0, -1).join(' ') };
        push(p, host.name, 'host');
      } else {
        if (phase === 'note' && p.text.length < MIN_PROSE_LENGTH) phase = 'headline';
        if (phase === 'headline' && title === '') title = p.text;
        push(p, EDITOR_NAME, 'editor');
      }
      continue;
    }
    const prefix = SPEAKER_PREFIX.exec(p.text);
    if (prefix && prefix[1] === HOST_LABEL) {
      if (!host) throw new CorpusError('a host turn comes before the guest list names the host');
      turnSpeaker = host.name;
    } else if (prefix && experts.has(prefix[1]!)) {
      turnSpeaker = prefix[1]!;
    }
    if (turnSpeaker === null) push(p, EDITOR_NAME, 'editor');
    else push(p, turnSpeaker, turnSpeaker === host?.name ? 'host' : 'expert');
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
  return { title: title || (paragraphs[0]?.text ?? ''), paragraphs, speakers, sections };
}

/**
 * Reads and parses the corpus file.
 *
 * @throws {CorpusError} when the file is missing, unreadable or empty.
 */
export async function loadArticle(path: string): Promise<{ article: Article; raw: string }> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (cause) {
    throw new CorpusError(`cannot read corpus file ${path}: ${(cause as Error).message}`, { cause });
  }
  return { article: parseArticle(raw), raw };
}
