import type { NearestPassage, VerifyResult } from '../widget/api-types.js';
import { ChatClientError, type ChatClient } from '../widget/chat-client.js';
import { h } from '../widget/dom.js';
import { errorMessage } from '../widget/widget-strings.js';
import type { PassageSource } from './article-panel.js';
import { pageStrings } from './page-strings.js';

type Located = Pick<NearestPassage, 'speaker' | 'title' | 'quoting' | 'section' | 'paragraph' | 'start' | 'end' | 'matched'>;

/**
 * The `核对引文` box: sends a quote to `POST /api/verify` and shows whether the article has it, who
 * said it and whom they quoted, or the nearest passage and how alike it is. Its result can be shown
 * in the article.
 */
export class QuoteCheck {
  private controller: AbortController | null = null;

  constructor(
    private readonly form: HTMLFormElement,
    private readonly input: HTMLTextAreaElement,
    private readonly result: HTMLElement,
    private readonly client: ChatClient,
    private readonly onShow: (located: Located, source: PassageSource) => void,
  ) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.check(this.input.value);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  async check(quote: string): Promise<void> {
    if (quote.trim() === '') return;
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    const doc = this.result.ownerDocument;
    this.result.replaceChildren(h(doc, 'p', { class: 'verify-pending' }, pageStrings.verifying));
    this.result.setAttribute('aria-busy', 'true');
    try {
      const verdict = await this.client.verify(quote, controller.signal);
      this.render(verdict);
    } catch (caught) {
      const error = caught instanceof ChatClientError ? caught : new ChatClientError('internal', String(caught));
      if (error.code === 'aborted') return;
      this.result.replaceChildren(h(doc, 'p', { class: 'error-text', role: 'alert' }, errorMessage(pageStrings, error.code, error.message)));
    } finally {
      if (this.controller === controller) {
        this.controller = null;
        this.result.removeAttribute('aria-busy');
      }
    }
  }

  private render(verdict: VerifyResult): void {
    const doc = this.result.ownerDocument;
    const card = h(doc, 'div', { class: `verify-card ${verdict.found ? 'found' : 'not-found'}`, 'data-found': String(verdict.found) });
    if (verdict.found) {
      card.append(h(doc, 'p', { class: 'verdict' }, verdict.exact ? pageStrings.verifyFound : pageStrings.verifyFoundNotExact));
      card.append(this.who(verdict));
      if (!verdict.exact) card.append(h(doc, 'p', { class: 'verify-matched' }, pageStrings.verifyOriginal, h(doc, 'q', {}, verdict.matched)));
      if (verdict.occurrences > 1) card.append(h(doc, 'p', { class: 'verify-note' }, pageStrings.verifyOccurrences(verdict.occurrences)));
      card.append(this.showButton(verdict));
    } else {
      card.append(h(doc, 'p', { class: 'verdict' }, pageStrings.verifyNotFound));
      const nearest = verdict.nearest;
      if (nearest) {
        card.append(
          h(doc, 'p', { class: 'verify-note' }, pageStrings.verifyNearest(Math.round(nearest.score * 100))),
          h(doc, 'blockquote', { class: 'verify-nearest', 'data-score': nearest.score }, nearest.matched),
          this.who(nearest),
          this.showButton(nearest),
        );
      } else {
        card.append(h(doc, 'p', { class: 'verify-note' }, pageStrings.verifyNoNearest));
      }
    }
    this.result.replaceChildren(card);
  }

  private who(located: Located): HTMLElement {
    const doc = this.result.ownerDocument;
    return h(
      doc,
      'p',
      { class: 'verify-who' },
      pageStrings.saidBy,
      h(doc, 'strong', {}, located.speaker),
      located.title ? `（${located.title}）` : null,
      located.quoting ? pageStrings.quoting(located.quoting) : null,
    );
  }

  private showButton(located: Located): HTMLButtonElement {
    const button = h(this.result.ownerDocument, 'button', { type: 'button', class: 'button-secondary show-passage' }, pageStrings.showInArticle);
    button.addEventListener('click', () =>
      this.onShow(located, { speaker: located.speaker, title: located.title, quoting: located.quoting, section: located.section }),
    );
    return button;
  }
}
