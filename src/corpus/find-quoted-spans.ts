import type { Article } from './article.js';
import { HONORIFICS, SPEECH_VERBS } from './interview-layout.js';
import type { QuotedSpan } from './quoted-span.js';

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
