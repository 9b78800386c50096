import type { Article } from '../corpus/parse-article.js';
import { splitSentences } from '../corpus/split-sentences.js';
import { MAX_QUOTE_CHARS } from './citations.js';
import { genreWords } from './genre-words.js';

/** Someone whose words the article quotes, and where. */
export interface QuotedPerson {
  /** As the text names them (`习近平总书记`, `马建国`). */
  name: string;
  /** Who quotes them (a guest relaying their words), or null when the text itself does (a report). */
  by: string | null;
  /** The span that quotes them: a paragraph and offsets into its text. */
  paragraph: number;
  start: number;
  end: number;
}

/**
 * The people whose words the article quotes, in text order: in a report, the people its paragraphs
 * are credited to (neither its author nor the paper); in any article, the people a speaker quotes in
 * quotation marks (`李娜` relaying `习近平总书记`). Read from the parsed structure, never guessed.
 */
export function quotedPeople(article: Article): QuotedPerson[] {
  const out: QuotedPerson[] = [];
  const report = genreWords(article).guestsAre === 'quoted';
  for (const p of article.paragraphs) {
    if (p.role === 'editor' || p.role === 'unattributed') continue;
    if (report && p.role !== 'author' && p.role !== 'host' && !out.some((q) => q.name === p.speaker)) {
      // Their first sentence: where the text gives them the floor.
      const first = splitSentences(p.text.slice(p.labelEnd))[0];
      const end = p.labelEnd + Math.min(first?.end ?? p.text.length - p.labelEnd, MAX_QUOTE_CHARS);
      out.push({ name: p.speaker, by: null, paragraph: p.id, start: p.labelEnd, end });
    }
    for (const q of p.quotes) {
      const name = `${q.person}${q.honorific ?? ''}`;
      if (out.some((o) => o.name === name || o.name === q.person)) continue;
      out.push({ name, by: p.role === 'author' && report ? null : p.speaker, paragraph: p.id, start: q.start, end: Math.min(q.end, q.start + MAX_QUOTE_CHARS) });
    }
  }
  return out;
}
