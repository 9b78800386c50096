/** A sentence of a paragraph, as offsets into the paragraph's text (UTF-16, end exclusive). */
export interface SentenceSpan {
  start: number;
  end: number;
}

/** Sentence ends: `。？！；` and the source's half-width `?;!`. */
const SENTENCE_END = new Set([...'。？！；?;!'].map((c) => c.charCodeAt(0)));
/** Closing marks that belong to the sentence they follow (`……先进生产力。”`). */
const CLOSING = new Set([...'”’」』）)"\'》'].map((c) => c.charCodeAt(0)));

/**
 * Splits a paragraph into sentences, never inside one. Closing quotation marks after a sentence
 * end stay with that sentence; text after the last end is a sentence of its own.
 *
 * @example splitSentences('甲。乙?丙') // [{start:0,end:2},{start:2,end:4},{start:4,end:5}]
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  let i = 0;
  // By UTF-16 unit (every mark is one; a surrogate is none of them): `text[i]` would make a string of each character.
  while (i < text.length) {
    if (SENTENCE_END.has(text.charCodeAt(i))) {
      let end = i + 1;
      while (end < text.length && (SENTENCE_END.has(text.charCodeAt(end)) || CLOSING.has(text.charCodeAt(end)))) end++;
      // A quotation that ends with `。”` closes inside a longer sentence when more text follows
      // without a break: that is still the sentence's end in Chinese typography.
      spans.push({ start, end });
      start = end;
      i = end;
      continue;
    }
    i++;
  }
  if (start < text.length && text.slice(start).trim() !== '') spans.push({ start, end: text.length });
  return spans;
}
