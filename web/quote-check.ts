import type { CheckedQuotation, CheckedTerm, CheckTextResult, NearestPassage, VerifyResult } from '../widget/api-types.js';
import { ChatClientError, type ChatClient } from '../widget/chat-client.js';
import { h } from '../widget/dom.js';
import { errorMessage } from '../widget/widget-strings.js';
import type { PassageSource } from './article-panel.js';
import { pageStrings } from './page-strings.js';

type Located = Pick<NearestPassage, 'speaker' | 'title' | 'quoting' | 'section' | 'paragraph' | 'start' | 'end' | 'matched'>;

/** One quotation in marks and nothing else around it: a single sentence to verify. */
const SINGLE_QUOTE = /^[“"「『‘]?[^“”"「」『』‘’]*[”"」』’]?[。，,.!！?？]*$/u;

/** A quotation's colour: green (verbatim and rightly credited), amber (altered or uncredited), red. */
export function quotationColor(q: Pick<CheckedQuotation, 'status' | 'attribution'>): 'green' | 'amber' | 'red' {
  if (q.status === 'not_found' || q.attribution === 'wrong') return 'red';
  if (q.status === 'altered' || q.attribution === 'unclaimed') return 'amber';
  return 'green';
}

type QuotationChange = NonNullable<NonNullable<CheckedQuotation['source']>['changes']>[number];

/**
 * A blockquote of `text` (found at offset `start`) with the changes of one type marked: `<del>` for
 * source words the quotation left out or replaced, `<ins>` for words it added.
 */
function markedChanges(doc: Document, className: string, text: string, start: number, changes: readonly QuotationChange[], type: QuotationChange['type']): HTMLElement {
  const quote = h(doc, 'blockquote', { class: className });
  let at = start;
  for (const c of changes.filter((c) => c.type === type)) {
    quote.append(text.slice(at - start, c.start - start), h(doc, type === 'deleted' ? 'del' : 'ins', {}, c.text));
    at = c.end;
  }
  quote.append(text.slice(at - start));
  return quote;
}

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
      // A whole text (with quotations in it) is checked quotation by quotation; a sentence as before.
      if (SINGLE_QUOTE.test(quote.trim())) this.render(await this.client.verify(quote, controller.signal));
      else this.renderReport(quote, await this.client.check(quote, controller.signal));
    } catch (caught) {
      const error = caught instanceof ChatClientError ? caught : new ChatClientError('internal', String(caught));
      if (error.code === 'aborted') return;
      this.result.replaceChildren(h(doc, 'p', { class: 'error-text', role: 'alert' }, errorMessage(pageStrings, error.code, error.message, error.retryAfterSeconds)));
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

  /** The text with every quotation marked in its colour; selecting one shows its source. */
  private renderReport(text: string, report: CheckTextResult): void {
    const doc = this.result.ownerDocument;
    const { summary } = report;
    const detail = h(doc, 'div', { class: 'check-detail', 'aria-live': 'polite' });
    const marked = h(doc, 'div', { class: 'check-text' });
    let last = 0;
    // Quotations and quoted terms in text order; a term is marked apart (grey), never as an invented quotation.
    const items: Array<{ start: number; end: number; quotation?: CheckedQuotation; term?: CheckedTerm; index?: number }> = [
      ...report.quotations.map((quotation, index) => ({ start: quotation.start, end: quotation.end, quotation, index })),
      ...(report.terms ?? []).map((term) => ({ start: term.start, end: term.end, term })),
    ].sort((a, b) => a.start - b.start);
    for (const item of items) {
      if (item.start > last) marked.append(text.slice(last, item.start));
      last = item.end;
      if (item.term) {
        const term = item.term;
        const hint = term.inArticle ? pageStrings.termInArticle(term.text) : pageStrings.termNotInArticle(term.text);
        marked.append(h(doc, 'mark', { class: 'check-term', 'data-in-article': String(term.inArticle), title: hint }, term.text));
        continue;
      }
      const q = item.quotation!;
      const i = item.index!;
      const color = quotationColor(q);
      const mark = h(
        doc,
        'mark',
        {
          class: `check-quote ${color}`,
          'data-color': color,
          'data-status': q.status,
          'data-index': i,
          ...(q.claimConfidence !== undefined ? { 'data-uncertain': 'true' } : {}),
          tabindex: 0,
          role: 'button',
          title: this.verdictText(q),
        },
        q.text,
      );
      const select = () => {
        marked.querySelectorAll('.check-quote.selected').forEach((m) => m.classList.remove('selected'));
        mark.classList.add('selected');
        this.renderQuotation(detail, q);
      };
      mark.addEventListener('click', select);
      mark.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          select();
        }
      });
      marked.append(mark);
    }
    marked.append(text.slice(last));
    const counts = h(
      doc,
      'p',
      { class: 'check-summary' },
      report.quotations.length === 0
        ? pageStrings.checkNone
        : pageStrings.checkSummary(summary.quotations, summary.status.verbatim, summary.status.altered, summary.status.not_found, summary.attribution.wrong),
      summary.terms && summary.terms.inArticle + summary.terms.notInArticle > 0 ? pageStrings.checkTerms(summary.terms.inArticle, summary.terms.notInArticle) : null,
    );
    this.result.replaceChildren(h(doc, 'div', { class: 'check-report', 'data-ok': String(report.ok) }, counts, marked, detail));
    // The first quotation that needs a look is shown at once.
    const first = report.quotations.findIndex((q) => quotationColor(q) === 'red');
    const pick = first >= 0 ? first : report.quotations.length > 0 ? 0 : -1;
    if (pick >= 0) (marked.querySelector(`[data-index="${pick}"]`) as HTMLElement | null)?.click();
  }

  private verdictText(q: CheckedQuotation): string {
    const claimed = q.claimedAs && q.claimedAs !== q.claimed ? `${q.claimedAs}（${q.claimed}）` : q.claimed;
    const also = q.alsoNamed?.length ? pageStrings.checkAlsoNamed(q.alsoNamed.join('、')) : '';
    // A credit the checker is unsure of says so first: `出处可能是刘畅（不确定）`.
    const unsure = q.claimed && q.claimConfidence !== undefined ? `${pageStrings.checkUncertain(q.claimed)}；` : '';
    if (q.status === 'not_found') return `${unsure}${pageStrings.checkNotFound(claimed)}${also}`;
    const status = q.status === 'verbatim' ? pageStrings.checkVerbatim : pageStrings.checkAltered;
    if (q.attribution === 'wrong') return `${unsure}${status}；${pageStrings.checkWrong(claimed ?? '', q.speaker ?? '')}${also}`;
    if (q.attribution === 'unclaimed') return `${status}；${pageStrings.checkUnclaimed}`;
    return `${unsure}${status}；${pageStrings.checkCorrect(q.speaker ?? '')}${also}`;
  }

  /** The detail of one quotation: the verdict, and the source with the changes marked. */
  private renderQuotation(detail: HTMLElement, q: CheckedQuotation): void {
    const doc = this.result.ownerDocument;
    const color = quotationColor(q);
    const card = h(doc, 'div', { class: `verify-card check-card ${color}`, 'data-color': color });
    card.append(h(doc, 'p', { class: 'verdict' }, this.verdictText(q)));
    const source = q.source;
    if (source && q.speaker) {
      const located: Located = {
        speaker: q.speaker,
        title: q.title,
        quoting: q.quoting,
        section: q.section ?? '',
        paragraph: source.paragraph,
        start: source.start,
        end: source.end,
        matched: source.text,
      };
      const changes = source.changes ?? [];
      const original = markedChanges(doc, 'check-source', source.text, source.start, changes, 'deleted');
      card.append(h(doc, 'p', { class: 'verify-note' }, pageStrings.verifyOriginal), original, this.who(located));
      if (changes.some((c) => c.type === 'inserted')) {
        const written = markedChanges(doc, 'check-written', q.text, q.start, changes, 'inserted');
        card.append(h(doc, 'p', { class: 'verify-note' }, pageStrings.checkWritten), written);
      }
      card.append(this.showButton(located));
      this.onShow(located, { speaker: located.speaker, title: located.title, quoting: located.quoting, section: located.section });
    } else if (q.nearest) {
      card.append(
        h(doc, 'p', { class: 'verify-note' }, pageStrings.verifyNearest(Math.round(q.nearest.score * 100))),
        h(doc, 'blockquote', { class: 'verify-nearest' }, q.nearest.text),
      );
    }
    detail.replaceChildren(card);
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
