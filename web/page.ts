import { toDisplayText } from '../src/corpus/display-text.js';
import type { AboutResponse, ArticlesResponse, Citation, Speaker } from '../widget/api-types.js';
import { ChatClient, ChatClientError } from '../widget/chat-client.js';
import { messagesForQuestion, type ConversationTurn } from '../widget/messages-for-question.js';
import { h } from '../widget/dom.js';
import { articleOfPath, parsePassageHash, passageHash, passageUrl } from '../widget/passage-link.js';
import { errorMessage } from '../widget/widget-strings.js';
import { ArticlePanel } from './article-panel.js';
import { ConversationView } from './conversation-view.js';
import { copyText, formatAnswerForCopy } from './copy-answer.js';
import { pageStrings } from './page-strings.js';
import { QuoteCheck } from './quote-check.js';

/**
 * The chat page (`GET /`, and `GET /a/<id>` for one article of several): wires the conversation, the speaker filter, the quote check and the
 * article together. Every element it needs is in `web/index.html`; the article's title, greeting and
 * suggested questions come from the server (`GET /api/about`).
 */

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** The article this page is about (`/a/<id>`); null on `/`: the default article is shown, questions go to all. */
const pageArticle = articleOfPath(window.location.pathname);
const client = new ChatClient('', pageArticle);
/** The id of the article shown in the panel, once loaded. */
let shownArticle: string | null = pageArticle;
const askForm = byId<HTMLFormElement>('ask-form');
const questionInput = byId<HTMLTextAreaElement>('question');
const sendButton = byId<HTMLButtonElement>('send');
const speakerSelect = byId<HTMLSelectElement>('speaker');
const suggestions = byId<HTMLElement>('suggestions');
const chatStatus = byId<HTMLElement>('chat-status');
const articlePanel = new ArticlePanel(byId('article'), byId('article-status'));

let history: ConversationTurn[] = [];
let pending: AbortController | null = null;

const conversation = new ConversationView(byId('conversation'), {
  onCitation: showCitation,
  onCopy: async (response, button) => {
    const copied = await copyText(formatAnswerForCopy(response, window.location.origin), document);
    button.textContent = copied ? pageStrings.copied : pageStrings.copyFailed;
    chatStatus.textContent = copied ? pageStrings.copiedStatus : pageStrings.copyFailed;
    setTimeout(() => (button.textContent = pageStrings.copy), 2000);
  },
});

function showCitation(citation: Citation): void {
  // A passage of another article opens that article's page.
  if (citation.article && shownArticle && citation.article !== shownArticle) {
    window.open(passageUrl(window.location.origin, citation), '_blank', 'noopener');
    return;
  }
  const origin = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const shown = articlePanel.highlight(citation, citation);
  if (shown) {
    citationOrigin = origin;
    replaceHash(passageHash(citation));
    backToAnswer.hidden = origin === null;
  }
}

/** On a narrow screen (the article below the chat): back from the highlighted quote to its citation. */
const backToAnswer = document.createElement('button');
backToAnswer.type = 'button';
backToAnswer.className = 'back-to-answer';
backToAnswer.textContent = pageStrings.backToAnswer;
backToAnswer.hidden = true;
document.body.append(backToAnswer);
backToAnswer.addEventListener('click', () => {
  backToAnswer.hidden = true;
  if (!citationOrigin?.isConnected) return;
  citationOrigin.scrollIntoView({ block: 'center' });
  citationOrigin.focus({ preventScroll: true });
});

/** The chip or source a highlighted quote was opened from: Escape in the article goes back to it. */
let citationOrigin: HTMLElement | null = null;
byId('article').addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || !citationOrigin?.isConnected) return;
  event.preventDefault();
  articlePanel.clearHighlight();
  replaceHash(window.location.pathname + window.location.search);
  citationOrigin.focus();
  citationOrigin = null;
  backToAnswer.hidden = true;
});

/** Puts the passage in the address bar, so it can be shared, without a `hashchange` round trip. */
function replaceHash(hash: string): void {
  window.history.replaceState(null, '', hash);
}

async function ask(text: string): Promise<void> {
  const question = text.trim();
  if (question === '' || pending) return;
  const controller = (pending = new AbortController());
  sendButton.disabled = true;
  suggestions.hidden = true;
  const questionBubble = conversation.addQuestion(question);
  const answer = conversation.addAnswer();
  const messages = messagesForQuestion(history, question);
  const speaker = speakerSelect.value || null;
  let citations: Citation[] = [];
  let streamed = '';
  try {
    const response = await client.chat(
      { messages, ...(speaker ? { speaker } : {}) },
      {
        onCitations: (c) => (citations = c),
        onDelta: (delta) => {
          streamed += delta;
          const nearEnd = conversation.isNearEnd();
          answer.showStreaming(streamed, citations);
          conversation.followIfNearEnd(nearEnd);
        },
      },
      controller.signal,
    );
    answer.showDone(response);
    history.push({ role: 'user', content: question }, { role: 'assistant', content: response.answer });
  } catch (caught) {
    const error = caught instanceof ChatClientError ? caught : new ChatClientError('internal', String(caught));
    if (error.code === 'aborted') return;
    // A stream cut after some text keeps that text, and says the answer broke off (the service was reached).
    const broken = streamed !== '';
    answer.showError(errorMessage(pageStrings, broken ? 'bad_response' : error.code, error.message, error.retryAfterSeconds), () => {
      questionBubble.remove();
      answer.element.remove();
      void ask(question);
    }, broken);
    // The question stays in the box, to edit and send again.
    if (questionInput.value.trim() === '') questionInput.value = question;
  } finally {
    if (pending === controller) {
      pending = null;
      sendButton.disabled = false;
    }
  }
}

function newConversation(): void {
  pending?.abort();
  pending = null;
  sendButton.disabled = false;
  history = [];
  conversation.reset();
  suggestions.hidden = suggestions.childElementCount === 0;
  questionInput.value = '';
  questionInput.focus();
}

askForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const question = questionInput.value;
  if (question.trim() === '' || pending) return;
  questionInput.value = '';
  void ask(question);
});
questionInput.addEventListener('keydown', (event) => {
  // Enter sends, Shift+Enter is a new line; Enter that ends an IME composition is the IME's.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    askForm.requestSubmit();
  }
});
suggestions.addEventListener('click', (event) => {
  const button = (event.target as Element).closest('button');
  if (button) void ask(button.textContent ?? '');
});
byId('new-conversation').addEventListener('click', newConversation);

function fillSpeakers(speakers: Speaker[]): void {
  const order = { expert: 0, host: 1, author: 1, editor: 2, unattributed: 3 } as const;
  const sorted = [...speakers].sort((a, b) => order[a.role] - order[b.role]);
  for (const speaker of sorted) {
    const detail = speaker.role === 'expert' ? speaker.title : pageStrings.roles[speaker.role];
    speakerSelect.append(h(document, 'option', { value: speaker.name }, detail ? `${speaker.name}（${detail}）` : speaker.name));
  }
}

/** The article's title, greeting and suggested questions, as the server serves them. */
function showAbout(about: AboutResponse): void {
  // The source prints `,?` half-width in Chinese text; the heading shows them full-width.
  byId('site-title').textContent = toDisplayText(about.title);
  document.title = `${toDisplayText(about.title)} · ${pageStrings.title}`;
  conversation.setGreeting(about.greeting);
  suggestions.replaceChildren(...about.suggestions.map((q) => h(document, 'button', { type: 'button' }, q)));
  suggestions.hidden = history.length > 0 || pending !== null || about.suggestions.length === 0;
  document.body.dataset.aboutLoaded = 'true';
}

function showPassageFromHash(): void {
  const span = parsePassageHash(window.location.hash);
  if (span && articlePanel.loaded) articlePanel.highlight(span);
}

new QuoteCheck(
  byId('verify-form'),
  byId('verify-quote'),
  byId('verify-result'),
  client,
  (located, source) => {
    if (articlePanel.highlight(located, source)) replaceHash(passageHash(located));
  },
);

window.addEventListener('hashchange', showPassageFromHash);

client
  .article()
  .then((article) => {
    shownArticle = article.id ?? shownArticle;
    articlePanel.render(article);
    document.body.dataset.articleLoaded = 'true';
    showPassageFromHash();
  })
  .catch(() => articlePanel.showError(pageStrings.articleLoadFailed));
client
  .about()
  .then(showAbout)
  .catch(() => undefined); // the neutral title and greeting stay; questions can still be typed
if (pageArticle === null) {
  client
    .articles()
    .then(showArticleList)
    .catch(() => undefined); // a server without the list serves one article: nothing to list
}
client
  .speakers()
  .then(fillSpeakers)
  .catch(() => undefined); // the filter stays at "everyone"

/** On `/` with several articles: a list of them, each linking to its page (`/a/<id>`). */
function showArticleList(list: ArticlesResponse): void {
  if (list.articles.length < 2) return;
  const nav = byId('article-list');
  nav.replaceChildren(
    h(document, 'h2', {}, pageStrings.articleListHeading(list.articles.length)),
    h(
      document,
      'ul',
      {},
      ...list.articles.map((a) =>
        h(document, 'li', {}, h(document, 'a', { href: `/a/${encodeURIComponent(a.id)}` }, a.title), a.date ? ` ${a.date}` : ''),
      ),
    ),
  );
  nav.hidden = false;
}
