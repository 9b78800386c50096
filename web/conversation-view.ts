import type { ChatResponse, Citation } from '../widget/api-types.js';
import { h } from '../widget/dom.js';
import { displayQuoteOf, greetingLead, markQuoteWarnings, renderAnswer, speakerWithTitle } from '../widget/render-answer.js';
import { pageStrings } from './page-strings.js';

/** What the conversation asks of the page around it. */
export interface ConversationViewHandlers {
  /** A citation chip (or source) was chosen: show it in the article. */
  onCitation(citation: Citation): void;
  /** Copy an answer with its sources. */
  onCopy(response: ChatResponse, button: HTMLButtonElement): void;
}

/**
 * The conversation log (`role="log"`): the user's questions and the answers, rendered as text with
 * citation chips. An answer is `aria-busy` while it streams, so screen readers read it once, whole.
 */
export class ConversationView {
  private readonly greeting: Node;

  constructor(
    private readonly log: HTMLElement,
    private readonly handlers: ConversationViewHandlers,
  ) {
    this.greeting = log.cloneNode(true);
  }

  /** Puts the server's greeting (`GET /api/about`) in place of the neutral one, now and after a reset. */
  setGreeting(text: string): void {
    for (const root of [this.log, this.greeting]) {
      const paragraph = (root as ParentNode).querySelector('.greeting-text');
      if (paragraph) paragraph.textContent = greetingLead(text);
    }
  }

  /** Back to the greeting alone. */
  reset(): void {
    this.log.replaceChildren(...Array.from(this.greeting.cloneNode(true).childNodes));
  }

  addQuestion(text: string): HTMLElement {
    const doc = this.log.ownerDocument;
    const bubble = h(doc, 'div', { class: 'message user' }, h(doc, 'span', { class: 'visually-hidden' }, `${pageStrings.you}：`), text);
    this.log.append(bubble);
    this.scrollToEnd();
    return bubble;
  }

  addAnswer(): AnswerView {
    const view = new AnswerView(this.log.ownerDocument, this.handlers);
    this.log.append(view.element);
    this.scrollToEnd();
    return view;
  }

  /** Keeps the newest message in view unless the reader has scrolled up. */
  followIfNearEnd(wasNearEnd: boolean): void {
    if (wasNearEnd) this.scrollToEnd();
  }

  isNearEnd(): boolean {
    return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 120;
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }
}

/** One answer in the log, from "searching" through streaming to done (or an error). */
export class AnswerView {
  readonly element: HTMLElement;
  private readonly content: HTMLElement;

  constructor(
    private readonly doc: Document,
    private readonly handlers: ConversationViewHandlers,
  ) {
    this.content = h(doc, 'div', { class: 'answer-text' }, h(doc, 'p', { class: 'searching' }, pageStrings.searching));
    this.element = h(
      doc,
      'div',
      { class: 'message assistant', 'data-state': 'streaming', 'aria-busy': 'true' },
      h(doc, 'span', { class: 'visually-hidden' }, `${pageStrings.assistant}：`),
      this.content,
    );
  }

  /** The text so far; chips for the citations already known. */
  showStreaming(text: string, citations: readonly Citation[]): void {
    renderAnswer(this.content, text, citations, (c) => this.chip(c));
  }

  /** The final answer from the `done` event: it replaces whatever streamed. */
  showDone(response: ChatResponse): void {
    const doc = this.doc;
    renderAnswer(this.content, response.answer, response.citations, (c) => this.chip(c));
    markQuoteWarnings(this.content, response.warnings, pageStrings);
    this.element.querySelectorAll('.sources, .answer-footer').forEach((n) => n.remove());
    if (response.citations.length > 0) {
      const list = h(doc, 'ol');
      for (const c of response.citations) {
        const show = h(doc, 'button', { type: 'button', class: 'source-link' }, pageStrings.paragraphLabel(c.paragraph));
        show.addEventListener('click', () => this.handlers.onCitation(c));
        list.append(
          h(doc, 'li', { value: c.n }, h(doc, 'span', { class: 'source-who' }, speakerWithTitle(c)), h(doc, 'q', { class: 'source-quote' }, displayQuoteOf(c)), ' ', show),
        );
      }
      this.element.append(
        h(doc, 'details', { class: 'sources' }, h(doc, 'summary', {}, `${pageStrings.sourcesHeading}（${response.citations.length}）`), list),
      );
    }
    const copy = h(doc, 'button', { type: 'button', class: 'copy-answer' }, pageStrings.copy);
    copy.addEventListener('click', () => this.handlers.onCopy(response, copy));
    const mode = response.fallback ? pageStrings.fallback : response.mode === 'llm' ? pageStrings.modeLlm : pageStrings.modeExtractive;
    this.element.append(
      h(
        doc,
        'div',
        { class: 'answer-footer' },
        h(doc, 'span', { class: 'answer-mode', 'data-mode': response.mode, 'data-fallback': response.fallback ? 'true' : null }, mode),
        copy,
      ),
    );
    this.element.dataset.state = 'done';
    this.element.setAttribute('aria-busy', 'false');
  }

  /**
   * An error instead of the answer; or, after part of it streamed (`keepPartial`), below that part,
   * which stays: its quotes were already checked and its chips work.
   */
  showError(message: string, retry: () => void, keepPartial = false): void {
    const doc = this.doc;
    const button = h(doc, 'button', { type: 'button', class: 'button-secondary retry' }, pageStrings.retry);
    button.addEventListener('click', retry);
    const notice = h(doc, 'p', { class: 'error-text', role: 'alert' }, message);
    if (keepPartial) this.content.append(notice, button);
    else this.content.replaceChildren(notice, button);
    this.element.classList.add('error');
    this.element.dataset.state = 'error';
    this.element.setAttribute('aria-busy', 'false');
  }

  private chip(citation: Citation): HTMLButtonElement {
    const chip = h(
      this.doc,
      'button',
      { type: 'button', class: 'chip', 'data-n': citation.n, 'aria-label': `${pageStrings.citation(citation.n, citation.speaker)}，${pageStrings.showInArticle}` },
      String(citation.n),
    );
    chip.addEventListener('click', () => this.handlers.onCitation(citation));
    return chip;
  }
}
