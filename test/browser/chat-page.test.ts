import type { Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../src/answer/answer-types.js';
import type { AboutResponse } from '../../src/server/routes/about-get.js';
import { toDisplayText } from '../../src/corpus/display-text.js';
import { greetingLead } from '../../widget/render-answer.js';
import { loadTestServices } from '../support/test-index.js';
import { openChatPage, serveApp, useBrowser, useServers } from './support/browser-suite.js';
import { saveScreenshot } from './support/chromium.js';
import type { PageProbes } from './support/page-probes.js';

/** The chat page in real Chromium, against the real extractive answerer. */

const servers = useServers(async () => ({ app: await serveApp({ services: await loadTestServices() }) }));
const session = useBrowser();
let page: Page;
let probes: PageProbes;
let article: { paragraphs: Array<{ id: number; text: string; quotes: Array<{ start: number; end: number; person: string }> }> };
let about: AboutResponse;

beforeAll(async () => {
  article = (await (await fetch(`${servers.app.url}/api/article`)).json()) as typeof article;
  about = (await (await fetch(`${servers.app.url}/api/about`)).json()) as AboutResponse;
});
beforeEach(() => ({ page, probes } = session));
afterEach(async () => {
  // Every test leaves a page that broke no CSP rule and threw nothing.
  expect(await probes.cspViolations()).toEqual([]);
  expect(probes.pageErrors).toEqual([]);
  expect(probes.consoleErrors).toEqual([]);
});

/** The JSON answer the page should end up showing (the extractive answerer is deterministic). */
async function expectedAnswer(messages: Array<{ role: string; content: string }>, speaker?: string): Promise<ChatResponse> {
  const res = await fetch(`${servers.app.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages, ...(speaker ? { speaker } : {}) }),
  });
  return (await res.json()) as ChatResponse;
}

const openPage = (path = '/') => openChatPage(page, servers.app.url, path);

/** Asks through the form and waits for the answer to be done; returns the request body it sent. */
function ask(question: string): Promise<{ body: { messages: Array<{ role: string; content: string }>; speaker?: string; stream: boolean } }> {
  return sendAndWait(async () => {
    await page.locator('#question').fill(question);
    await page.locator('#question').press('Enter');
  });
}

/** Clicks a suggested question and waits for its answer; returns the request body it sent. */
function askSuggestion(question: string): ReturnType<typeof ask> {
  return sendAndWait(() => page.locator('#suggestions').getByRole('button', { name: question, exact: true }).click());
}

async function sendAndWait(send: () => Promise<void>): ReturnType<typeof ask> {
  const answers = page.locator('#conversation .message.assistant[data-state="done"]');
  const before = await answers.count();
  const request = page.waitForRequest((r) => r.url().endsWith('/api/chat') && r.method() === 'POST');
  await send();
  const sent = await request;
  await answers.nth(before).waitFor();
  return { body: JSON.parse(sent.postData() ?? '{}') };
}

const lastAnswer = () => page.locator('#conversation .message.assistant[data-state="done"]').last();

describe('GET / (the chat page)', () => {
  it('streams an answer, turns [n] into chips, and highlights the exact quote with its speaker when a chip is clicked', async () => {
    const question = '青海发展新质生产力有哪些优势？';
    const expected = await expectedAnswer([{ role: 'user', content: question }]);
    await openPage();

    const response = page.waitForResponse((r) => r.url().endsWith('/api/chat'));
    const { body } = await ask(question);
    expect(body).toMatchObject({ stream: true, messages: [{ role: 'user', content: question }] });
    expect((await response).headers()['content-type']).toContain('text/event-stream');

    const answer = lastAnswer();
    expect(await answer.getAttribute('aria-busy')).toBe('false');
    const text = await answer.locator('.answer-text').textContent();
    for (const c of expected.citations) expect(text).toContain(c.displayQuote);
    const chips = answer.locator('.answer-text .chip');
    expect(await chips.allTextContents()).toEqual(expected.citations.map((c) => String(c.n)));
    expect(await answer.locator('.answer-mode').textContent()).toBe('摘录原文作答');

    const first = expected.citations[0]!;
    await chips.first().click();
    const mark = page.locator(`#p-${first.paragraph} mark.quote-highlight`);
    await mark.waitFor();
    expect(await mark.textContent()).toBe(first.displayQuote);
    expect(article.paragraphs[first.paragraph]!.text.slice(first.start, first.end)).toBe(first.quote);
    const card = page.locator('#source-card');
    expect(await card.locator('.source-speaker').textContent()).toBe(first.speaker);
    expect(await card.locator('.source-title').textContent()).toBe(first.title);
    expect(new URL(page.url()).hash).toBe(`#p-${first.paragraph}-${first.start}-${first.end}`);
    await page.waitForFunction(() => {
      const box = document.querySelector('mark.quote-highlight')?.getBoundingClientRect();
      const panel = document.querySelector('.article')!.getBoundingClientRect();
      return !!box && box.top >= panel.top && box.bottom <= panel.bottom;
    });

    // One highlight at a time: the second chip moves it.
    const second = expected.citations[1]!;
    await chips.nth(1).click();
    await page.locator(`#p-${second.paragraph} mark.quote-highlight`).waitFor();
    expect(await page.locator('mark.quote-highlight').count()).toBe(1);
    await chips.first().click();
    await mark.waitFor();

    await saveScreenshot('page.png', (path) => page.screenshot({ path }));
  });

  it('sends the earlier turns with a follow-up, so 他 is understood', async () => {
    await openPage();
    await ask('马冠奎是做什么工作的？');
    const first = await lastAnswer().locator('.answer-text').textContent();
    const { body } = await ask('他提出了哪几点建议？');
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[1]!.content.length).toBeGreaterThan(0);
    expect(first).toContain('马冠奎');
    const labels = await lastAnswer().locator('.answer-text .chip').evaluateAll((chips) => chips.map((c) => c.getAttribute('aria-label')));
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toContain('马冠奎');
  });

  it('keeps at most the last 20 messages and cuts a long question to 500 characters', async () => {
    await openPage();
    const long = `青海的短板是什么？${'请详细说明。'.repeat(100)}`;
    // The textarea itself stops at 500 characters; a pasted question is cut as well.
    await page.locator('#question').evaluate((el: HTMLTextAreaElement, text) => el.setAttribute('maxlength', String(text.length)), long);
    const { body } = await ask(long);
    expect(body.messages[0]!.content.length).toBe(500);
    for (let i = 0; i < 10; i++) await ask(`问题 ${i}：青海有哪些优势？`);
    const { body: later } = await ask('最后一个问题：青海的短板是什么？');
    // 23 turns so far: the last 20 would start with an answer, so 19 go, from a question on.
    expect(later.messages).toHaveLength(19);
    expect(later.messages[0]).toEqual({ role: 'user', content: '问题 1：青海有哪些优势？' });
    expect(later.messages.at(-1)).toEqual({ role: 'user', content: '最后一个问题：青海的短板是什么？' });
  });

  it('filters by speaker, and a new conversation forgets the earlier turns', async () => {
    await openPage();
    await page.locator('#speaker option[value="魏晓强"]').waitFor({ state: 'attached' });
    await page.locator('#speaker').selectOption('魏晓强');
    const { body } = await ask('绿色算力');
    expect(body.speaker).toBe('魏晓强');
    const labels = await lastAnswer().locator('.answer-text .chip').evaluateAll((chips) => chips.map((c) => c.getAttribute('aria-label')));
    for (const label of labels) expect(label).toContain('魏晓强');

    await page.getByRole('button', { name: '新对话' }).click();
    expect(await page.locator('#conversation .message').count()).toBe(1);
    expect(await page.locator('#suggestions').isVisible()).toBe(true);
    await page.locator('#speaker').selectOption('');
    const { body: fresh } = await ask('青海最大的短板是什么？');
    expect(fresh.messages).toHaveLength(1);
    expect(fresh.speaker).toBeUndefined();
  });

  it('shows the title, greeting and suggested questions the server serves (GET /api/about), and asks one with a click', async () => {
    await openPage();
    await page.locator('body[data-about-loaded="true"]').waitFor();
    // Shown in display form: the source's half-width `,?` full-width.
    expect(await page.locator('h1').textContent()).toBe(toDisplayText(about.title));
    expect(await page.title()).toContain(toDisplayText(about.title));
    // The greeting's lead: its list of questions is the buttons below it, not `- ` lines of text.
    expect(await page.locator('#conversation .greeting-text').textContent()).toBe(greetingLead(about.greeting));
    expect(await page.locator('#conversation .greeting-text').textContent()).not.toContain('- ');
    expect(await page.locator('#suggestions button').allTextContents()).toEqual(about.suggestions);

    const { body } = await askSuggestion(about.suggestions[1]!);
    expect(body.messages).toEqual([{ role: 'user', content: about.suggestions[1] }]);
    expect(await page.locator('#suggestions').isHidden()).toBe(true);
    // A new conversation greets with the server's greeting again.
    await page.getByRole('button', { name: '新对话' }).click();
    expect(await page.locator('#conversation .greeting-text').textContent()).toBe(greetingLead(about.greeting));
    expect(await page.locator('#suggestions').isVisible()).toBe(true);
  });

  it('keeps a neutral title and greeting when GET /api/about fails, and still answers', async () => {
    await page.route(`${servers.app.url}/api/about`, (route) => route.abort());
    await openPage();
    expect(await page.locator('h1').textContent()).toBe('访谈问答');
    expect(await page.locator('#conversation .greeting-text').textContent()).toBe('你好！我只根据访谈原文回答问题。');
    expect(await page.locator('#suggestions').isHidden()).toBe(true);
    await ask('青海最大的短板是什么？');
    expect(await lastAnswer().locator('.answer-text .chip').count()).toBeGreaterThan(0);
    // The refused request is the only console error (Chromium logs it); the page threw nothing.
    expect(probes.consoleErrors.length).toBeGreaterThan(0);
    expect(probes.consoleErrors.every((e) => e.includes('ERR_FAILED'))).toBe(true);
    probes.consoleErrors.length = 0;
  });

  it('copies an answer with its sources', async () => {
    await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: servers.app.url });
    await openPage();
    await ask('青海最大的短板是什么？');
    const answer = lastAnswer();
    await answer.getByRole('button', { name: '复制回答和来源' }).click();
    await answer.getByRole('button', { name: '已复制' }).waitFor();
    await page.bringToFront(); // reading the clipboard needs a focused page
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('李娜');
    expect(copied).toMatch(/\n\n来源：\n\[1\] 李娜（青海省委党校经济教研部副教授）：“[^”]+” http:\/\/127\.0\.0\.1:\d+\/#p-23-\d+-\d+/u);
    // The sources read as the answer does: full-width punctuation inside Chinese text.
    expect(copied.split('来源：')[1]).not.toMatch(/\p{Script=Han},\p{Script=Han}/u);
  });

  it('keeps what streamed when the stream breaks off, says so, and leaves the question in the box', async () => {
    const citation = { n: 1, speaker: '李娜', role: 'expert', title: '青海省委党校经济教研部副教授', section: '', paragraph: 23, start: 0, end: 10, quote: '李娜:在发展新质生产', displayQuote: '李娜：在发展新质生产', quoting: null };
    const events = [`event: citations\ndata: ${JSON.stringify([citation])}\n\n`, `event: delta\ndata: ${JSON.stringify({ text: '李娜认为：“在发展新质生产力方面”[1]' })}\n\n`];
    await page.route(`${servers.app.url}/api/chat`, (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: events.join('') }));
    await openPage();
    await page.locator('#question').fill('青海最大的短板是什么？');
    await page.locator('#question').press('Enter');
    const answer = page.locator('#conversation .message.assistant[data-state="error"]');
    await answer.waitFor();
    expect(await answer.textContent()).toContain('在发展新质生产力方面');
    expect(await answer.locator('.error-text').textContent()).toBe('回答中断了，请重试。');
    expect(await page.locator('#question').inputValue()).toBe('青海最大的短板是什么？');
    await page.unroute(`${servers.app.url}/api/chat`);
  });

  it('on a phone, offers a way back from the highlighted quote to its citation', async () => {
    await page.setViewportSize({ width: 375, height: 700 });
    await openPage();
    await ask('青海最大的短板是什么？');
    const chip = lastAnswer().locator('button.chip').first();
    await chip.click();
    await page.locator('#article mark').first().waitFor();
    const back = page.getByRole('button', { name: '↑ 返回回答' });
    await back.waitFor();
    await back.click();
    await expect.poll(() => chip.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    expect(await back.isHidden()).toBe(true);
    await page.setViewportSize({ width: 1366, height: 850 });
  });

  it('goes back to the citation with Escape, clearing the highlight', async () => {
    await openPage();
    await ask('青海最大的短板是什么？');
    const chip = lastAnswer().locator('button.chip').first();
    await chip.focus();
    await page.keyboard.press('Enter');
    await page.locator('#article mark').first().waitFor();
    await page.keyboard.press('Escape');
    expect(await chip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('#article mark').count()).toBe(0);
  });

  it('keeps the page itself still when a citation is opened: only the conversation and the article scroll', async () => {
    await openPage();
    for (const q of ['青海有哪些优势？', '数字经济怎么发展？', '任君对人才有什么看法？']) await ask(q);
    await lastAnswer().locator('button.chip').first().click();
    await page.locator('#article mark').first().waitFor();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
  });

  it('checks a quote: found, who said it and whom they quoted; shown in the article on click', async () => {
    await openPage();
    const paragraph = article.paragraphs.find((p) => p.quotes.some((q) => q.person === '习近平'))!;
    const quoted = paragraph.quotes.find((q) => q.person === '习近平')!;
    const quote = paragraph.text.slice(quoted.start, quoted.start + 30);
    await page.locator('#verify-quote').fill(quote);
    await page.getByRole('button', { name: '核对', exact: true }).click();
    const card = page.locator('.verify-card[data-found="true"]');
    await card.waitFor();
    expect(await card.locator('.verdict').textContent()).toBe('原文中有这句话');
    expect(await card.locator('.verify-who').textContent()).toContain('李娜');
    expect(await card.locator('.verify-who').textContent()).toContain('转述习近平的话');

    await card.getByRole('button', { name: '在原文中标出' }).click();
    const mark = page.locator(`#p-${paragraph.id} mark.quote-highlight`);
    await mark.waitFor();
    expect(await mark.textContent()).toBe(toDisplayText(quote));
    expect(await page.locator('#source-card .source-quoting').textContent()).toBe('（转述习近平的话）');
  });

  it('checks a quote that is not verbatim: not found, the nearest passage and its score, shown on click', async () => {
    await openPage();
    await page.locator('#verify-quote').fill('青海最大的短板是科技能力不足');
    await page.locator('#verify-quote').press('Enter');
    const card = page.locator('.verify-card[data-found="false"]');
    await card.waitFor();
    expect(await card.locator('.verdict').textContent()).toBe('原文中没有这句话');
    const nearest = await card.locator('.verify-nearest').textContent();
    expect(nearest).toContain('青海最大的短板就是科技创新能力不足');
    expect(await card.locator('.verify-note').first().textContent()).toMatch(/相似度 \d+%/u);
    expect(await card.locator('.verify-who').textContent()).toContain('李娜');

    await card.getByRole('button', { name: '在原文中标出' }).click();
    const mark = page.locator('mark.quote-highlight');
    await mark.waitFor();
    expect(await mark.textContent()).toBe(toDisplayText(nearest ?? ''));
  });

  it('opens at the passage a link names (#p-PARAGRAPH-START-END), as the widget links to it', async () => {
    const p = article.paragraphs[23]!;
    const start = p.text.indexOf('青海最大的短板');
    const end = start + '青海最大的短板就是科技创新能力不足'.length;
    await openPage(`/#p-23-${start}-${end}`);
    const mark = page.locator('#p-23 mark.quote-highlight');
    await mark.waitFor();
    expect(await mark.textContent()).toBe('青海最大的短板就是科技创新能力不足');
    expect(await page.locator('#source-card .source-speaker').textContent()).toBe('李娜');

    // A later hash change moves the highlight; a hash that does not fit the article changes nothing.
    await page.evaluate(() => (window.location.hash = '#p-19'));
    await page.locator('#p-19 mark.quote-highlight').waitFor();
    await page.evaluate(() => (window.location.hash = '#p-19-5-99999'));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(await page.locator('#p-19 mark.quote-highlight').count()).toBe(1);
  });

  it('works by keyboard: labelled controls, Enter to ask, Tab to a chip, Enter to show the quote', async () => {
    await openPage();
    expect(await page.locator('#conversation').getAttribute('role')).toBe('log');
    expect(await page.getByLabel('你的问题').count()).toBe(1);
    expect(await page.getByLabel('要核对的引文').count()).toBe(1);
    expect(await page.getByRole('combobox', { name: '只看' }).count()).toBe(1);

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到提问框');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question');
    await page.keyboard.type('青海最大的短板是什么？');
    await page.keyboard.press('Enter');
    await lastAnswer().waitFor();

    await page.locator('#new-conversation').focus();
    let onChip = false;
    for (let i = 0; i < 20 && !onChip; i++) {
      await page.keyboard.press('Tab');
      onChip = await page.evaluate(() => document.activeElement?.classList.contains('chip') ?? false);
    }
    expect(onChip).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('mark.quote-highlight').waitFor();
  });

  it('fits a phone screen: one column, nothing wider than the screen, the chip scrolls the quote into view', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openPage();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await ask('青海发展新质生产力有哪些优势？');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await lastAnswer().locator('.chip').first().click();
    await page.waitForFunction(() => {
      const box = document.querySelector('mark.quote-highlight')?.getBoundingClientRect();
      return !!box && box.top >= 0 && box.top < window.innerHeight;
    });
  });

  it('follows the dark colour scheme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openPage();
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/gu)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(120);
  });
});
