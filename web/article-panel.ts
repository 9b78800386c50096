import type { ArticleParagraphView, ArticleResponse, PassageSpan } from '../widget/api-types.js';
import { toDisplayText } from '../src/corpus/display-text.js';
import { quotingAt } from '../src/corpus/reported-speech.js';
import { append, h } from '../widget/dom.js';
import { pageStrings } from './page-strings.js';

/** Who said a highlighted passage, as the card above it shows. */
export interface PassageSource {
  speaker: string;
  title: string | null;
  quoting: string | null;
  section: string;
}

/**
 * The article beside the chat: every paragraph of `GET /api/article` as an element with id `p-N`,
 * and one highlighted span at a time (`text.slice(start, end)` in a `<mark>`), with a card naming
 * who said it.
 */
export class ArticlePanel {
  private article: ArticleResponse | null = null;
  private highlighted: number | null = null;
  private readonly card: HTMLElement;

  constructor(
    private readonly container: HTMLElement,
    private readonly status: HTMLElement,
  ) {
    this.card = h(container.ownerDocument, 'div', { class: 'source-card', id: 'source-card' });
  }

  get loaded(): boolean {
    return this.article !== null;
  }

  render(article: ArticleResponse): void {
    this.article = article;
    this.highlighted = null;
    const doc = this.container.ownerDocument;
    const doubted = new Set((article.doubts ?? []).map((d) => d.paragraph));
    const nodes = article.paragraphs.map((p) => {
      const kind = displayKind(p);
      const tag = kind === 'heading' || kind === 'headline' ? 'h3' : 'p';
      const unattributed = (p.role === 'unattributed' ? ' para-unattributed' : '') + (doubted.has(p.id) ? ' para-doubtful' : '');
      // Who speaks each paragraph, and how that was decided, on hover: a new article is checked at a glance.
      const who = p.attribution ? pageStrings.paragraphSpeaker(p.speaker, p.attribution.method, p.attribution.confidence) : p.speaker;
      const element = h(doc, tag, { id: `p-${p.id}`, class: `para para-${kind}${unattributed}`, 'data-paragraph': p.id, 'data-speaker': p.speaker, title: who, tabindex: '-1' });
      fillText(element, p, null);
      return element;
    });
    this.container.replaceChildren(...nodes);
  }

  showError(message: string): void {
    this.container.replaceChildren(h(this.container.ownerDocument, 'p', { class: 'loading error', role: 'alert' }, message));
  }

  /**
   * Highlights a span (the whole paragraph when `start` is -1), scrolls it into view and names its
   * speaker. Returns false for a span that does not fit the article.
   */
  highlight(span: PassageSpan, source?: PassageSource): boolean {
    const paragraph = this.article?.paragraphs[span.paragraph];
    const element = this.container.ownerDocument.getElementById(`p-${span.paragraph}`);
    if (!paragraph || !element) return false;
    const whole = span.start === -1 && span.end === -1;
    if (!whole && !(span.start >= 0 && span.end > span.start && span.end <= paragraph.text.length)) return false;
    this.clearHighlight();

    const range = whole ? { start: 0, end: paragraph.text.length } : span;
    const mark = fillText(element, paragraph, range);
    element.classList.add('is-highlighted');
    this.highlighted = span.paragraph;

    const who = source ?? sourceOf(this.article!, paragraph, range);
    const doc = this.container.ownerDocument;
    this.card.replaceChildren();
    append(
      this.card,
      h(doc, 'strong', { class: 'source-speaker' }, who.speaker),
      who.title ? h(doc, 'span', { class: 'source-title' }, who.title) : null,
      who.quoting ? h(doc, 'span', { class: 'source-quoting' }, pageStrings.quoting(who.quoting)) : null,
      h(doc, 'span', { class: 'source-section' }, `${toDisplayText(who.section)} · ${pageStrings.paragraphLabel(span.paragraph)}`),
    );
    element.before(this.card);
    this.status.textContent = pageStrings.highlighted(who.speaker);

    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    element.focus({ preventScroll: true });
    (mark ?? element).scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    return true;
  }

  clearHighlight(): void {
    if (this.highlighted === null || !this.article) return;
    const paragraph = this.article.paragraphs[this.highlighted];
    const element = this.container.ownerDocument.getElementById(`p-${this.highlighted}`);
    if (paragraph && element) {
      fillText(element, paragraph, null);
      element.classList.remove('is-highlighted');
    }
    this.card.remove();
    this.highlighted = null;
  }
}

type DisplayKind = 'kicker' | 'headline' | 'heading' | 'guest' | 'host' | 'text';

/** How a paragraph is shown, from the kind the server's parser gave it (no structure is re-derived here). */
function displayKind(p: ArticleParagraphView): DisplayKind {
  switch (p.kind) {
    case 'headline':
      return 'headline';
    case 'kicker':
      return 'kicker';
    // The labels before part 1 (编者按, 嘉宾简介, 主持人) are set small, like the kicker.
    case 'heading':
      return p.sectionNumber > 0 ? 'heading' : 'kicker';
    case 'guest-entry':
    case 'host-entry':
      return 'guest';
    case 'host-question':
      return 'host';
    default:
      return 'text';
  }
}

/** The speaker of a paragraph, and whom they quote where the span lies. */
function sourceOf(article: ArticleResponse, p: ArticleParagraphView, range: { start: number; end: number }): PassageSource {
  // The server's rule of reported speech, so the label agrees with citations and quote checks.
  return { speaker: p.speaker, title: p.title, quoting: quotingAt(article, p, range.start, range.end), section: p.section };
}

/**
 * Fills an element with a paragraph's text in its display form (`，：？` for the source's `,:?` in
 * Chinese text, one character for one, so offsets hold): the turn label (`李娜:`, up to the parser's
 * `labelEnd`) in `<strong>`, the highlighted range in one `<mark>` (whose `textContent` is the
 * display form of `text.slice(start, end)`). Returns the mark.
 */
function fillText(element: HTMLElement, paragraph: Pick<ArticleParagraphView, 'text' | 'labelEnd'>, highlight: { start: number; end: number } | null): HTMLElement | null {
  const doc = element.ownerDocument;
  const { labelEnd } = paragraph;
  const text = toDisplayText(paragraph.text);
  const appendRange = (parent: HTMLElement, from: number, to: number) => {
    if (from >= to) return;
    if (from < labelEnd) parent.append(h(doc, 'strong', { class: 'turn-label' }, text.slice(from, Math.min(to, labelEnd))));
    if (to > labelEnd) parent.append(text.slice(Math.max(from, labelEnd), to));
  };
  element.replaceChildren();
  if (!highlight) {
    appendRange(element, 0, text.length);
    return null;
  }
  appendRange(element, 0, highlight.start);
  const mark = h(doc, 'mark', { class: 'quote-highlight' });
  appendRange(mark, highlight.start, highlight.end);
  element.append(mark);
  appendRange(element, highlight.end, text.length);
  return mark;
}
