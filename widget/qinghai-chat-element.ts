import { toDisplayText } from '../src/corpus/display-text.js';
import type { AboutResponse, ChatResponse, Citation } from './api-types.js';
import { ChatClient, ChatClientError } from './chat-client.js';
import { messagesForQuestion } from './messages-for-question.js';
import { ConversationStore, type StoredTurn } from './conversation-store.js';
import { h } from './dom.js';
import { passageUrl } from './passage-link.js';
import { displayQuoteOf, greetingLead, markQuoteWarnings, renderAnswer, speakerWithTitle } from './render-answer.js';
import { readWidgetOptions, type WidgetOptions } from './widget-options.js';
import { errorMessage, strings, type WidgetStrings } from './widget-strings.js';
import { widgetStyles } from './widget-styles.js';

/** The custom element's tag. */
export const WIDGET_TAG = 'qinghai-chat';

/** The events the widget dispatches (bubbling and composed: listen on the element, `document` or `window`). */
export const WIDGET_EVENTS = {
  opened: 'qinghai-chat:opened',
  closed: 'qinghai-chat:closed',
  answered: 'qinghai-chat:answered',
  error: 'qinghai-chat:error',
} as const;

/** `qinghai-chat:answered`: the question and the server's full response. */
export interface AnsweredEventDetail {
  question: string;
  response: ChatResponse;
}

/** `qinghai-chat:error`: the question, the error code (`network`, `rate_limited`…) and message. */
export interface ErrorEventDetail {
  question: string;
  code: string;
  message: string;
  status: number | null;
}

/** A question on its way: what to undo when it is cancelled. */
interface PendingQuestion {
  controller: AbortController;
  turn: StoredTurn;
  nodes: HTMLElement[];
}

const HIDE_CARD_DELAY_MS = 250;

/**
 * `<qinghai-chat>`: a floating button and a chat panel in an open shadow root. Answers stream in;
 * `[n]` markers become chips that show the quote and its speaker on hover, focus or tap, with a link
 * to the passage on the project's page. The conversation is kept per endpoint in `sessionStorage`.
 * Everything from the user or the server is rendered as text.
 */
/** Pixels kept above an answer's first line when a long answer is followed down. */
const ANSWER_TOP_MARGIN = 8;

export class QinghaiChatElement extends HTMLElement {
  private options: WidgetOptions | null = null;
  private labels: WidgetStrings = strings.zh;
  private client: ChatClient | null = null;
  private store: ConversationStore | null = null;
  private turns: StoredTurn[] = [];
  private isOpen = false;
  private pending: PendingQuestion | null = null;
  private built = false;
  private cardChip: HTMLButtonElement | null = null;
  private cardPinned = false;
  private hideCardTimer: ReturnType<typeof setTimeout> | undefined;
  /** The server's facts of the article, once `GET /api/about` answered. */
  private about: AboutResponse | null = null;

  private root!: HTMLDivElement;
  private launcher!: HTMLButtonElement;
  private panel!: HTMLElement;
  private log!: HTMLDivElement;
  private suggestions!: HTMLDivElement;
  private heading!: HTMLHeadingElement;
  private form!: HTMLFormElement;
  private input!: HTMLTextAreaElement;
  private sendButton!: HTMLButtonElement;
  private card!: HTMLDivElement;

  /** Sets the options; call before the element is added to the page. */
  configure(options: WidgetOptions): void {
    this.options = options;
  }

  connectedCallback(): void {
    if (this.built) return;
    this.built = true;
    const options = (this.options ??= readWidgetOptions(null, window.location.href));
    this.labels = strings[options.lang];
    this.client = new ChatClient(options.endpoint, options.article);
    // One conversation per article: a widget on another article's page starts its own.
    this.store = new ConversationStore(options.article ? `${options.endpoint}#${options.article}` : options.endpoint);
    this.build(options);
    const saved = this.store.load();
    this.turns = saved.turns;
    this.renderConversation();
    if (options.open || saved.open) this.open({ focus: false });
    if (options.title === null || options.greeting === null || options.suggestions === null) void this.loadAbout(this.client);
  }

  /**
   * Asks the server for the article's title, greeting and suggestions; until it answers (or when it
   * cannot) the neutral labels stay, and the `data-` attributes given always win.
   */
  private async loadAbout(client: ChatClient): Promise<void> {
    try {
      this.about = await client.about();
    } catch {
      return; // the neutral labels are enough to ask
    }
    if (!this.built) return;
    this.heading.textContent = this.titleText();
    this.fillSuggestions();
    const greeting = this.log.querySelector('.greeting p');
    if (greeting) greeting.textContent = this.greetingText();
  }

  /** `data-title`, else the article's title, else the neutral label. */
  private titleText(): string {
    return this.options?.title ?? (this.about ? toDisplayText(this.about.title) : null) ?? this.labels.title;
  }

  /** `data-greeting`, else the server's (Chinese, so only with Chinese labels), else the neutral one. */
  private greetingText(): string {
    const served = this.options?.lang === 'zh' ? this.about?.greeting : undefined;
    return this.options?.greeting ?? (served === undefined ? undefined : greetingLead(served)) ?? this.labels.greeting;
  }

  /** The suggestion buttons: `data-suggestions`, else the server's, else none. */
  private fillSuggestions(): void {
    const list = this.options?.suggestions ?? this.about?.suggestions ?? [];
    this.suggestions.replaceChildren(
      ...list.map((suggestion) => {
        const button = h(document, 'button', { type: 'button' }, suggestion);
        button.addEventListener('click', () => void this.ask(suggestion));
        return button;
      }),
    );
    this.suggestions.hidden = this.turns.length > 0 || list.length === 0;
  }

  disconnectedCallback(): void {
    this.cancelPending();
  }

  /** Opens the panel (and focuses the question box unless told not to). */
  open({ focus = true }: { focus?: boolean } = {}): void {
    if (!this.built) return;
    if (focus) queueMicrotask(() => this.input.focus());
    if (this.isOpen) return;
    this.isOpen = true;
    this.root.dataset.open = 'true';
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.launcher.setAttribute('aria-label', this.labels.closeChat);
    this.scrollLogToEnd();
    this.persist();
    this.emit(WIDGET_EVENTS.opened, {});
  }

  /** Closes the panel; focus goes back to the button when it was inside. */
  close(): void {
    if (!this.built || !this.isOpen) return;
    const hadFocus = this.shadowRoot?.activeElement !== null && this.panel.contains(this.shadowRoot?.activeElement ?? null);
    this.hideCard();
    this.isOpen = false;
    this.root.dataset.open = 'false';
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.setAttribute('aria-label', this.labels.openChat);
    if (hadFocus) this.launcher.focus();
    this.persist();
    this.emit(WIDGET_EVENTS.closed, {});
  }

  /** Opens a closed panel, closes an open one. */
  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  /** Starts a new conversation: cancels a question on its way and forgets the earlier turns. */
  reset(): void {
    this.cancelPending();
    this.turns = [];
    this.store?.clear();
    if (this.built) {
      this.renderConversation();
      this.persist();
    }
  }

  /**
   * Asks a question (opening the panel). Resolves with the response, or null when it failed or was
   * cancelled (the failure is also shown, and reported as `qinghai-chat:error`).
   */
  async ask(text: string): Promise<ChatResponse | null> {
    const question = text.trim().slice(0, 500);
    if (!this.built || !this.client || question === '') return null;
    this.open({ focus: false });
    this.cancelPending();
    const history = this.turns.map(({ role, content, context }) => ({ role, content, ...(context ? { context } : {}) }));
    const turn: StoredTurn = { role: 'user', content: question };
    this.turns.push(turn);
    this.persist();

    const userBubble = this.userBubble(question);
    const bubble = this.assistantBubble();
    const content = h(document, 'div', { class: 'content' }, h(document, 'p', { class: 'status' }, this.labels.searching));
    bubble.append(content);
    this.log.append(userBubble, bubble);
    this.suggestions.hidden = true;
    this.scrollLogToEnd();

    const controller = new AbortController();
    this.pending = { controller, turn, nodes: [userBubble, bubble] };
    this.sendButton.disabled = true;
    let citations: Citation[] = [];
    let streamed = '';
    try {
      const client = this.client;
      const send = (turns: typeof history) =>
        client.chat(
          { messages: messagesForQuestion(turns, question) },
          {
            onCitations: (c) => (citations = c),
            onDelta: (delta) => {
              streamed += delta;
              const nearEnd = this.isLogNearEnd();
              renderAnswer(content, streamed, citations, (c) => this.chip(c));
              if (nearEnd) this.followAnswer(bubble);
            },
          },
          controller.signal,
        );
      let response: ChatResponse;
      try {
        response = await send(history);
      } catch (caught) {
        if (!isRefusedContext(caught)) throw caught;
        // A context stored by an older version of the server (a reload after an upgrade) that this
        // one no longer reads: asked again without any, follow-ups are read from the answers' text.
        for (const t of this.turns) delete t.context;
        this.persist();
        response = await send(history.map(({ role, content }) => ({ role, content })));
      }
      // The done event is authoritative: it replaces whatever streamed.
      const answer: StoredTurn = {
        role: 'assistant',
        content: response.answer,
        citations: response.citations,
        mode: response.mode,
        ...(response.fallback ? { fallback: true } : {}),
        ...(response.warnings ? { warnings: response.warnings } : {}),
        ...(response.context ? { context: response.context } : {}),
      };
      this.turns.push(answer);
      this.persist();
      this.fillAssistant(bubble, answer);
      this.emit(WIDGET_EVENTS.answered, { question, response } satisfies AnsweredEventDetail);
      return response;
    } catch (caught) {
      const error = caught instanceof ChatClientError ? caught : new ChatClientError('internal', String(caught));
      if (error.code === 'aborted') return null;
      // For the site owner, who reads the console: what to change, and where.
      if (error.code === 'cors_refused') console.error(`qinghai-chat: ${error.message}`);
      // A failed question is not part of the conversation the server sees next time.
      this.turns = this.turns.filter((t) => t !== turn);
      this.persist();
      this.showError(bubble, error, () => {
        userBubble.remove();
        bubble.remove();
        void this.ask(question);
      }, streamed !== '');
      this.emit(WIDGET_EVENTS.error, { question, code: error.code, message: error.message, status: error.status } satisfies ErrorEventDetail);
      return null;
    } finally {
      if (this.pending?.controller === controller) {
        this.pending = null;
        this.sendButton.disabled = false;
      }
    }
  }

  private build(options: WidgetOptions): void {
    const doc = document;
    const shadow = this.attachShadow({ mode: 'open' });
    // A constructed sheet is not an inline style: a host page's strict CSP (style-src 'self') allows it.
    if ('adoptedStyleSheets' in ShadowRoot.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(widgetStyles);
      shadow.adoptedStyleSheets = [sheet];
    } else {
      shadow.append(h(doc, 'style', {}, widgetStyles));
    }
    const labels = this.labels;

    this.launcher = h(doc, 'button', {
      type: 'button',
      class: 'launcher',
      'aria-expanded': 'false',
      'aria-controls': 'qc-panel',
      'aria-label': labels.openChat,
    });
    this.launcher.append(chatIcon(doc), h(doc, 'span', { 'aria-hidden': 'true' }, labels.launcher));
    this.launcher.addEventListener('click', () => this.toggle());

    const newButton = h(doc, 'button', { type: 'button', class: 'new' }, labels.newConversation);
    newButton.addEventListener('click', () => {
      this.reset();
      this.input.focus();
    });
    const closeButton = h(doc, 'button', { type: 'button', class: 'close', 'aria-label': labels.closeChat }, '×');
    closeButton.addEventListener('click', () => this.close());

    this.log = h(doc, 'div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': labels.conversationLabel, tabindex: '0' });
    this.log.addEventListener('scroll', () => {
      if (!this.cardPinned) this.hideCard();
    });
    this.suggestions = h(doc, 'div', { class: 'suggestions', role: 'group', 'aria-label': labels.suggestionsLabel });
    this.fillSuggestions();

    this.input = h(doc, 'textarea', {
      id: 'qc-question',
      rows: '1',
      maxlength: '500',
      placeholder: labels.questionPlaceholder,
      autocomplete: 'off',
    });
    this.input.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter is a new line; an IME composing Chinese keeps its Enter.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.form.requestSubmit();
      }
    });
    this.input.addEventListener('input', () => this.fitInput());
    this.sendButton = h(doc, 'button', { type: 'submit', class: 'send' }, labels.send);
    this.form = h(
      doc,
      'form',
      { class: 'composer' },
      h(doc, 'label', { class: 'sr-only', for: 'qc-question' }, labels.questionLabel),
      this.input,
      this.sendButton,
    );
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const question = this.input.value;
      if (question.trim() === '' || this.sendButton.disabled) return;
      this.input.value = '';
      this.fitInput();
      void this.ask(question);
    });

    this.card = h(doc, 'div', { class: 'card', id: 'qc-card', hidden: true });
    this.card.addEventListener('mouseenter', () => clearTimeout(this.hideCardTimer));
    this.card.addEventListener('mouseleave', () => this.scheduleHideCard());
    this.card.addEventListener('focusout', (event) => {
      if (!this.card.contains(event.relatedTarget as Node | null) && event.relatedTarget !== this.cardChip) this.scheduleHideCard();
    });

    this.panel = h(
      doc,
      'section',
      { class: 'panel', id: 'qc-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'qc-title', hidden: true },
      h(doc, 'header', { class: 'header' }, (this.heading = h(doc, 'h2', { id: 'qc-title' }, this.titleText())), newButton, closeButton),
      this.log,
      this.suggestions,
      this.form,
      this.card,
    );
    this.panel.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      if (!this.card.hidden) {
        const chip = this.cardChip;
        this.hideCard();
        chip?.focus();
      } else {
        this.close();
      }
    });
    shadow.addEventListener('click', (event) => {
      const path = event.composedPath();
      if (!this.card.hidden && !path.includes(this.card) && !path.some((n) => n instanceof HTMLElement && n.classList.contains('chip'))) {
        this.hideCard();
      }
    });

    this.root = h(doc, 'div', { class: 'root', 'data-position': options.position, 'data-open': 'false', lang: options.lang === 'en' ? 'en' : 'zh-CN' });
    if (options.color) this.root.style.setProperty('--qc-accent', options.color);
    this.root.append(this.panel, this.launcher);
    shadow.append(this.root);
  }

  /** The greeting, then every stored turn. */
  private renderConversation(): void {
    this.hideCard();
    const greeting = this.assistantBubble();
    greeting.classList.add('greeting');
    greeting.append(h(document, 'p', {}, this.greetingText()));
    const nodes: HTMLElement[] = [greeting];
    for (const turn of this.turns) {
      if (turn.role === 'user') nodes.push(this.userBubble(turn.content));
      else {
        const bubble = this.assistantBubble();
        this.fillAssistant(bubble, turn);
        nodes.push(bubble);
      }
    }
    this.log.replaceChildren(...nodes);
    this.suggestions.hidden = this.turns.length > 0 || this.suggestions.childElementCount === 0;
    this.scrollLogToEnd();
  }

  private userBubble(text: string): HTMLElement {
    return h(document, 'div', { class: 'msg user' }, h(document, 'span', { class: 'sr-only' }, `${this.labels.you}：`), text);
  }

  private assistantBubble(): HTMLElement {
    return h(
      document,
      'div',
      { class: 'msg assistant', 'data-state': 'streaming', 'aria-busy': 'true' },
      h(document, 'span', { class: 'sr-only' }, `${this.labels.assistant}：`),
    );
  }

  /** A finished answer: its text with chips, its sources as links, and how it was made. */
  private fillAssistant(bubble: HTMLElement, turn: StoredTurn): void {
    const citations = turn.citations ?? [];
    const content = h(document, 'div', { class: 'content' });
    renderAnswer(content, turn.content, citations, (c) => this.chip(c));
    markQuoteWarnings(content, Array.isArray(turn.warnings) ? turn.warnings : [], this.labels);
    const label = bubble.firstElementChild;
    bubble.replaceChildren(...(label ? [label] : []), content);
    if (citations.length > 0) {
      const list = h(document, 'ol');
      for (const c of citations) {
        list.append(
          h(
            document,
            'li',
            { value: c.n },
            h(document, 'a', { href: passageUrl(this.options!.endpoint, c), target: '_blank', rel: 'noopener' }, `${c.speaker}：“${displayQuoteOf(c)}”`),
          ),
        );
      }
      bubble.append(h(document, 'details', { class: 'sources' }, h(document, 'summary', {}, this.labels.sources(citations.length)), list));
    }
    if (turn.mode) {
      const mode = turn.fallback ? this.labels.fallback : turn.mode === 'llm' ? this.labels.modeLlm : this.labels.modeExtractive;
      bubble.append(h(document, 'div', { class: 'meta', 'data-mode': turn.mode, 'data-fallback': turn.fallback ? 'true' : null }, mode));
    }
    bubble.dataset.state = 'done';
    bubble.setAttribute('aria-busy', 'false');
  }

  /**
   * An error in place of the answer; after part of it streamed (`partial`), below that part, which
   * stays, and said as an answer that broke off.
   */
  private showError(bubble: HTMLElement, error: ChatClientError, retry: () => void, partial = false): void {
    const retryButton = h(document, 'button', { type: 'button', class: 'retry' }, this.labels.retry);
    retryButton.addEventListener('click', retry);
    const notice = h(document, 'p', { role: 'alert' }, errorMessage(this.labels, partial ? 'bad_response' : error.code, error.message, error.retryAfterSeconds));
    if (partial) {
      bubble.append(notice, retryButton);
    } else {
      const label = bubble.firstElementChild;
      bubble.replaceChildren(...(label ? [label] : []), notice, retryButton);
    }
    bubble.classList.add('error');
    bubble.dataset.state = 'error';
    bubble.setAttribute('aria-busy', 'false');
  }

  /** A `[n]` chip: hover or focus shows the quote card, a tap or click pins it. */
  private chip(citation: Citation): HTMLButtonElement {
    const chip = h(
      document,
      'button',
      {
        type: 'button',
        class: 'chip',
        'data-n': citation.n,
        'aria-label': this.labels.citation(citation.n, citation.speaker),
        'aria-expanded': 'false',
        'aria-controls': 'qc-card',
      },
      String(citation.n),
    );
    chip.addEventListener('mouseenter', () => this.showCard(chip, citation));
    chip.addEventListener('mouseleave', () => this.scheduleHideCard());
    chip.addEventListener('focus', () => this.showCard(chip, citation));
    chip.addEventListener('blur', (event) => {
      if (!this.card.contains(event.relatedTarget as Node | null)) this.scheduleHideCard();
    });
    chip.addEventListener('click', () => {
      if (this.cardChip === chip && this.cardPinned) this.hideCard();
      else {
        this.showCard(chip, citation);
        this.cardPinned = true;
      }
    });
    return chip;
  }

  private showCard(chip: HTMLButtonElement, citation: Citation): void {
    clearTimeout(this.hideCardTimer);
    if (this.cardChip === chip && !this.card.hidden) return;
    this.cardChip?.setAttribute('aria-expanded', 'false');
    this.cardChip = chip;
    this.cardPinned = false;
    const who = h(document, 'p', { class: 'who' }, h(document, 'strong', {}, citation.speaker));
    if (citation.title) who.append(` · ${toDisplayText(citation.title)}`);
    if (citation.quoting) who.append(`（${this.labels.quoting(citation.quoting)}）`);
    this.card.replaceChildren(
      h(document, 'p', { class: 'quote' }, h(document, 'mark', {}, `“${displayQuoteOf(citation)}”`)),
      who,
      h(document, 'a', { href: passageUrl(this.options!.endpoint, citation), target: '_blank', rel: 'noopener' }, `${this.labels.viewInArticle} ↗`),
    );
    this.card.setAttribute('aria-label', speakerWithTitle(citation));
    this.card.hidden = false;
    chip.setAttribute('aria-expanded', 'true');
    this.placeCard(chip);
  }

  /** Below the chip, or above it when there is no room; always inside the panel. */
  private placeCard(chip: HTMLElement): void {
    const panel = this.panel.getBoundingClientRect();
    const at = chip.getBoundingClientRect();
    const width = this.card.offsetWidth;
    const height = this.card.offsetHeight;
    const left = Math.min(Math.max(at.left - panel.left - 24, 12), panel.width - width - 12);
    let top = at.bottom - panel.top + 6;
    if (top + height > panel.height - 8) top = Math.max(8, at.top - panel.top - height - 6);
    this.card.style.left = `${Math.round(left)}px`;
    this.card.style.top = `${Math.round(top)}px`;
  }

  private scheduleHideCard(): void {
    if (this.cardPinned) return;
    clearTimeout(this.hideCardTimer);
    this.hideCardTimer = setTimeout(() => this.hideCard(), HIDE_CARD_DELAY_MS);
  }

  private hideCard(): void {
    clearTimeout(this.hideCardTimer);
    if (!this.card) return;
    this.card.hidden = true;
    this.cardPinned = false;
    this.cardChip?.setAttribute('aria-expanded', 'false');
    this.cardChip = null;
  }

  private cancelPending(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    pending.controller.abort();
    this.turns = this.turns.filter((t) => t !== pending.turn);
    for (const node of pending.nodes) node.remove();
    if (this.built) this.sendButton.disabled = false;
  }

  private persist(): void {
    this.store?.save({ turns: this.turns, open: this.isOpen });
  }

  private isLogNearEnd(): boolean {
    return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 80;
  }

  private scrollLogToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }

  /**
   * Follows a streaming answer down, but never past its first line: a long answer is read from who
   * is speaking, not from its end.
   */
  private followAnswer(bubble: HTMLElement): void {
    const top = this.log.scrollTop + bubble.getBoundingClientRect().top - this.log.getBoundingClientRect().top - ANSWER_TOP_MARGIN;
    this.log.scrollTop = Math.min(this.log.scrollHeight - this.log.clientHeight, Math.max(0, top));
  }

  private fitInput(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight + 2, 120)}px`;
  }

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

/** A speech-bubble icon (SVG built as nodes, like everything else). */
function chatIcon(doc: Document): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS(ns, 'path');
  path.setAttribute('d', 'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z');
  svg.append(path);
  return svg;
}

/** The server refused a stored `context` it cannot read (`400`, `messages[N].context…`). */
function isRefusedContext(caught: unknown): boolean {
  return caught instanceof ChatClientError && caught.status === 400 && /^messages\[\d+\]\.context\b/u.test(caught.message);
}
