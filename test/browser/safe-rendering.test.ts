import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTestServices } from '../support/test-index.js';
import { openChatPage, serveApp, useBrowser, useServers, widgetAnswers, widgetPart } from './support/browser-suite.js';
import {
  FAILING_QUESTION,
  FALLBACK_ANSWER,
  FALLBACK_QUESTION,
  fakeServices,
  HOSTILE_ANSWER,
  STREAMED_THEN_REPLACED,
} from './support/fake-answerer.js';
import { hostPageHtml, startHostPage } from './support/host-page.js';
import type { PageProbes } from './support/page-probes.js';

/**
 * Hostile text from the model and from the user, on the page and in the widget: it shows as text
 * and runs nothing. The server's answerer is a fake that answers with HTML, script and
 * `javascript:` links, and a citation whose speaker and title are HTML too.
 */

const HOSTILE_QUESTION = '<img src=x onerror="window.__xss=9"><script>window.__xss=10</script>';

const servers = useServers(async () => {
  const host = await startHostPage();
  const app = await serveApp({ services: fakeServices(await loadTestServices()), corsOrigins: [host.url] });
  host.setHtml(hostPageHtml(app.url));
  return { host, app };
});
const session = useBrowser();
let page: Page;
let probes: PageProbes;
beforeEach(() => ({ page, probes } = session));
afterEach(async () => {
  expect(await probes.xss()).toBeUndefined();
  expect(probes.dialogs).toEqual([]);
  expect(probes.pageErrors).toEqual([]);
});

/** Elements that hostile markup would have created, under a root. */
const INJECTED = 'img, script, iframe, svg:not(.launcher svg), a[href^="javascript"], b, [onerror], [onload], [onmouseover]';

describe('the page renders hostile text as text', () => {
  async function askOnPage(question: string): Promise<void> {
    await openChatPage(page, servers.app.url);
    await page.locator('#question').fill(question);
    await page.locator('#question').press('Enter');
    await page.locator('#conversation .message.assistant[data-state="done"], #conversation .message.assistant[data-state="error"]').waitFor();
  }

  it('shows an answer with <img onerror>, <script> and javascript: links as the characters they are', async () => {
    await askOnPage(HOSTILE_QUESTION);
    const conversation = page.locator('#conversation');
    expect(await conversation.locator(INJECTED).count()).toBe(0);
    expect(await page.locator('#conversation .message.user').textContent()).toContain(HOSTILE_QUESTION);
    const text = await page.locator('#conversation .message.assistant[data-state="done"] .answer-text').textContent();
    for (const line of HOSTILE_ANSWER.split('\n')) expect(text).toContain(line.replace(/^- /u, '').replace('[1]', '1'));

    // The hostile speaker and title of the citation stay text in the article's card as well.
    await page.locator('#conversation .answer-text .chip').first().click();
    await page.locator('mark.quote-highlight').waitFor();
    expect(await page.locator('#source-card .source-speaker').textContent()).toBe('刘畅<img src=x onerror="window.__xss=7">');
    expect(await page.locator('#source-card').locator(INJECTED).count()).toBe(0);
    await page.locator('#conversation .sources summary').click();
    expect(await page.locator('#conversation .sources .source-who').textContent()).toContain('<b onmouseover=');
    await page.locator('#conversation .sources').hover();
    expect(await page.locator('#conversation').locator(INJECTED).count()).toBe(0);
  });

  it('shows the done answer, not what streamed, when the server replaces it (an LLM that failed mid-stream), and says so', async () => {
    await askOnPage(FALLBACK_QUESTION);
    const answer = page.locator('#conversation .message.assistant[data-state="done"]');
    expect(await answer.locator('.answer-text').textContent()).toBe(FALLBACK_ANSWER.replace('[1]', '1'));
    expect(await answer.textContent()).not.toContain(STREAMED_THEN_REPLACED);
    expect(await answer.locator('.answer-mode').getAttribute('data-fallback')).toBe('true');
    expect(await answer.locator('.answer-mode').textContent()).toBe('大模型暂不可用，已改为摘录原文作答');
  });

  it('shows an error event as a message with a retry button', async () => {
    await askOnPage(FAILING_QUESTION);
    const failed = page.locator('#conversation .message.assistant[data-state="error"]');
    expect(await failed.locator('[role="alert"]').textContent()).toBe('出错了，请稍后再试。');
    await failed.getByRole('button', { name: '重试' }).click();
    await page.locator('#conversation .message.assistant[data-state="error"]').waitFor();
    expect(await page.locator('#conversation .message.user').count()).toBe(1);
  });

  it('shows a hostile quote to check as text', async () => {
    await page.goto(`${servers.app.url}/`);
    await page.locator('#verify-quote').fill('<img src=x onerror="window.__xss=11">青海最大的短板');
    await page.locator('#verify-quote').press('Enter');
    await page.locator('.verify-card').waitFor();
    expect(await page.locator('#verify-result').locator(INJECTED).count()).toBe(0);
  });
});

describe('the widget renders hostile text as text', () => {
  it('shows the hostile answer, question, speaker and title as text in its shadow root', async () => {
    await page.goto(servers.host.url);
    await widgetPart(page, '.launcher').click();
    await widgetPart(page, 'textarea').fill(HOSTILE_QUESTION);
    await widgetPart(page, 'textarea').press('Enter');
    const answer = widgetAnswers(page);
    await answer.waitFor();
    await answer.locator('.chip').first().hover();
    await widgetPart(page, '.card').waitFor();
    const injected = await page.evaluate((selector) => document.querySelector('qinghai-chat')!.shadowRoot!.querySelectorAll(selector).length, INJECTED);
    expect(injected).toBe(0);
    expect(await widgetPart(page, '.msg.user').textContent()).toContain(HOSTILE_QUESTION);
    expect(await answer.locator('.content').textContent()).toContain('<script>window.__xss=2</script>');
    expect(await widgetPart(page, '.card .who').textContent()).toContain('刘畅<img src=x onerror="window.__xss=7">');
    expect(await widgetPart(page, '.card a').getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#p-19-\d+-\d+$/u);
  });

  it('shows the done answer of a fallback and reports a failed stream as qinghai-chat:error', async () => {
    await page.goto(servers.host.url);
    await widgetPart(page, '.launcher').waitFor();
    const fallback = await page.evaluate((q) => window.QinghaiChat!.ask(q), FALLBACK_QUESTION);
    expect(fallback).toMatchObject({ answer: FALLBACK_ANSWER, fallback: true });
    const answer = widgetAnswers(page);
    expect(await answer.locator('.content').textContent()).toBe(FALLBACK_ANSWER.replace('[1]', '1'));
    expect(await answer.locator('.meta').getAttribute('data-fallback')).toBe('true');

    const reported = await page.evaluate(
      (q) =>
        new Promise((resolve) => {
          window.addEventListener('qinghai-chat:error', (event) => resolve((event as CustomEvent).detail), { once: true });
          void window.QinghaiChat!.ask(q);
        }),
      FAILING_QUESTION,
    );
    expect(reported).toMatchObject({ question: FAILING_QUESTION, code: 'internal', message: 'internal error' });
    expect(await widgetPart(page, '.msg.error [role="alert"]').textContent()).toBe('出错了，请稍后再试。');
  });
});
