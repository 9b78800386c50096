import type { ChatResponse, Citation } from './api-types.js';
import { toDisplayText } from '../src/corpus/display-text.js';

/**
 * Answers become DOM nodes with `textContent` and `createElement` only: text from a user or a
 * model never goes through `innerHTML`, so `<img onerror>` or a `javascript:` link stays text.
 */

/** A piece of an answer: plain text, or an `[n]` marker with the citation it points to. */
export type AnswerPart = { type: 'text'; text: string } | { type: 'citation'; citation: Citation };

const MARKER = /\[(\d{1,3})\]/gu;

/** Splits a line of an answer at its `[n]` markers; a marker that points nowhere stays text. */
export function splitCitationMarkers(text: string, citations: readonly Citation[]): AnswerPart[] {
  const parts: AnswerPart[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    const citation = citations.find((c) => c.n === Number(match[1]));
    if (!citation) continue;
    if (match.index > last) parts.push({ type: 'text', text: text.slice(last, match.index) });
    parts.push({ type: 'citation', citation });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ type: 'text', text: text.slice(last) });
  return parts;
}

/** Makes the node for one citation marker (a chip that highlights, or one that shows a card). */
export type CitationRenderer = (citation: Citation) => Node;

/**
 * Renders an answer into `container`, replacing what was there: lines become paragraphs, lines that
 * start with `- ` a list, markers whatever `renderCitation` makes.
 */
export function renderAnswer(container: HTMLElement, answer: string, citations: readonly Citation[], renderCitation: CitationRenderer): void {
  const document = container.ownerDocument;
  const blocks: Node[] = [];
  let list: HTMLUListElement | null = null;
  for (const rawLine of answer.split('\n')) {
    const line = rawLine.trimEnd();
    if (line.trim() === '') {
      list = null;
      continue;
    }
    const item = /^\s*[-•*]\s+/u.exec(line);
    const block = document.createElement(item ? 'li' : 'p');
    for (const part of splitCitationMarkers(item ? line.slice(item[0].length) : line, citations)) {
      block.append(part.type === 'text' ? document.createTextNode(part.text) : renderCitation(part.citation));
    }
    if (item) {
      if (!list) {
        list = document.createElement('ul');
        blocks.push(list);
      }
      list.append(block);
    } else {
      list = null;
      blocks.push(block);
    }
  }
  container.replaceChildren(...blocks);
}

/** `李娜（青海省委党校经济教研部副教授）`, or the name alone when there is no title. */
export function speakerWithTitle(citation: Pick<Citation, 'speaker' | 'title'>): string {
  return citation.title ? `${citation.speaker}（${citation.title}）` : citation.speaker;
}

/** A model's quotation that failed the check, as the answer's `warnings` list it. */
export type QuoteWarning = NonNullable<ChatResponse['warnings']>[number];

/**
 * Marks, in a rendered answer, every quotation the server flagged: not in the article, or credited
 * to the wrong person. Each becomes a `<mark class="quote-warning">` with the reason as its title
 * and as visible text after it, so the reader sees it where the words are.
 */
export function markQuoteWarnings(
  container: HTMLElement,
  warnings: readonly QuoteWarning[] | undefined,
  labels: { unverifiedQuote: string; misattributedQuote: (speaker: string, claimed: string) => string },
): number {
  const document = container.ownerDocument;
  let marked = 0;
  for (const warning of warnings ?? []) {
    // Warnings may come back from sessionStorage: anything not shaped like one is skipped.
    if (typeof warning !== 'object' || warning === null || typeof warning.text !== 'string' || warning.text === '') continue;
    if (warning.type !== 'unverified_quote' && warning.type !== 'misattributed_quote') continue;
    const reason =
      warning.type === 'misattributed_quote' ? labels.misattributedQuote(warning.speaker ?? '', warning.claimed ?? '') : labels.unverifiedQuote;
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(warning.text);
      if (at < 0 || node.parentElement?.closest('.quote-warning')) continue;
      const flagged = node.splitText(at);
      flagged.splitText(warning.text.length);
      const mark = document.createElement('mark');
      mark.className = 'quote-warning';
      mark.dataset.warning = warning.type;
      mark.title = reason;
      flagged.replaceWith(mark);
      mark.append(flagged);
      const note = document.createElement('small');
      note.className = 'quote-warning-note';
      note.textContent = `（${reason}）`;
      mark.after(note);
      marked++;
      break;
    }
  }
  return marked;
}

/**
 * A citation's quote as shown on screen (`，：？` for the source's `,:?` in Chinese text). A citation
 * kept from an older answer may lack `displayQuote`: it is derived from the verbatim `quote`.
 */
export function displayQuoteOf(c: Pick<Citation, 'quote'> & { displayQuote?: string }): string {
  return typeof c.displayQuote === 'string' ? c.displayQuote : toDisplayText(c.quote);
}

/**
 * The lead of the server's greeting, without its list of suggested questions (`你可以问：` and the
 * `- …` lines after it): the page and the widget show those as buttons of their own.
 */
export function greetingLead(greeting: string): string {
  const lines = greeting.split('\n');
  const listAt = lines.findIndex((line) => line.startsWith('- '));
  const lead = listAt < 0 ? lines : lines.slice(0, listAt);
  while (lead.length > 1 && /(你可以问|例如)[：:]\s*$/u.test(lead.at(-1)!)) lead.pop();
  return lead.join('\n').replace(/(你可以问|例如)[：:]\s*$/u, '').trim();
}

