import type { Article, ArticleParagraph } from '../corpus/parse-article.js';
import { ROLE_LABELS } from '../corpus/role-words.js';
import type { AttributedSpan } from '../corpus/attributed-span.js';
import { splitSentences } from '../corpus/split-sentences.js';

/** A passage of the article: whole sentences of one paragraph, so never across speakers or sections. */
export interface Chunk extends AttributedSpan {
  /** Stable id: `p{paragraph}:{start}-{end}`. */
  id: string;
  sectionNumber: number;
  /** Here: the person quoted anywhere inside this passage (`习近平`), or null. */
  quoting: string | null;
  /** The verbatim passage: `article.paragraphs[paragraph].text.slice(start, end)`. */
  text: string;
  /** What is embedded and ranked: the passage with its speaker, section and the question it answers. */
  searchText: string;
}

export interface ChunkOptions {
  /** Longest window, in characters, before a paragraph is cut into windows of whole sentences. */
  maxChars: number;
  /** Sentences shared by consecutive windows. */
  overlapSentences: number;
  /** Put the host's question that a turn answers into the searchable text of the answer's passages. */
  includeQuestion: boolean;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { maxChars: 200, overlapSentences: 1, includeQuestion: false };

/** Windows of whole sentences over one paragraph, as `[start, end)` offsets. */
export function sentenceWindows(text: string, options: ChunkOptions): Array<[number, number]> {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return [];
  if (text.length <= options.maxChars) return [[0, text.length]];
  const windows: Array<[number, number]> = [];
  let first = 0;
  let previousEnd = -1;
  while (first < sentences.length) {
    let last = first;
    while (
      last + 1 < sentences.length &&
      sentences[last + 1]!.end - sentences[first]!.start <= options.maxChars
    ) {
      last++;
    }
    // A window that reaches no further than the one before adds nothing: the next sentence is too
    // long to share a window with the overlap, so continue without it.
    if (sentences[last]!.end > previousEnd) windows.push([sentences[first]!.start, sentences[last]!.end]);
    previousEnd = sentences[last]!.end;
    if (last === sentences.length - 1) break;
    // Step forward, keeping the overlap but always making progress.
    first = Math.max(first + 1, last + 1 - options.overlapSentences);
  }
  return windows;
}


function searchTextFor(paragraph: ArticleParagraph, text: string, question: string | null): string {
  const about = [ROLE_LABELS[paragraph.role], paragraph.title].filter(Boolean).join('，');
  const who = paragraph.role === 'editor' || paragraph.role === 'unattributed' ? paragraph.speaker : `${paragraph.speaker}（${about}）`;
  const lines = [`${who}｜${paragraph.section}`];
  if (question) lines.push(`问：${question}`);
  lines.push(text);
  return lines.join('\n');
}

/**
 * Cuts the article into passages. Each passage lies inside one paragraph (so inside one speaker's
 * turn and one section) and holds whole sentences; long paragraphs become overlapping windows.
 */
export function chunkParagraphs(article: Article, options: Partial<ChunkOptions> = {}): Chunk[] {
  const opts = { ...DEFAULT_CHUNK_OPTIONS, ...options } satisfies ChunkOptions;
  const chunks: Chunk[] = [];
  let lastQuestion: string | null = null;
  for (const paragraph of article.paragraphs) {
    if (paragraph.role === 'host' && paragraph.sectionNumber > 0) {
      lastQuestion = paragraph.text.slice(paragraph.labelEnd);
    } else if (paragraph.role === 'editor') {
      lastQuestion = null;
    }
    const question = opts.includeQuestion && paragraph.role === 'expert' ? lastQuestion : null;
    for (const [start, end] of sentenceWindows(paragraph.text, opts)) {
      const text = paragraph.text.slice(start, end);
      const quote = paragraph.quotes.find((q) => q.start < end && q.end > start);
      chunks.push({
        id: `p${paragraph.id}:${start}-${end}`,
        speaker: paragraph.speaker,
        role: paragraph.role,
        title: paragraph.title,
        section: paragraph.section,
        sectionNumber: paragraph.sectionNumber,
        paragraph: paragraph.id,
        start,
        end,
        quoting: quote?.person ?? null,
        text,
        searchText: searchTextFor(paragraph, text, question),
      });
    }
  }
  return chunks;
}
