import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/create-app.js';
import { listen } from '../support/listen.js';
import { loadTestServices } from '../support/test-index.js';
import { launchChromium, type TestBrowser } from './support/chromium.js';
import {
  FAILING_QUESTION,
  FALLBACK_ANSWER,
  FALLBACK_QUESTION,
  fakeServices,
  HOSTILE_ANSWER,
  STREAMED_THEN_REPLACED,
} from './support/fake-answerer.js';
import { hostPageHtml, startHostPage, type HostPage } from './support/host-page.js';
import { installProbes, watchPage, type PageProbes } from './support/page-probes.js';

/**
 * Hostile text from the model and from the user, on the page and in the widget: it shows as text
 * and runs nothing. The server's answerer is a fake that answers with HTML, script and
 * `javascript:` links, and a citation whose speaker and title are HTML too.
 */

let app: Awaited<ReturnType<typeof listen>>;
let host: HostPage;
let browser: TestBrowser;
let page: Page;
let probes: PageProbes;

const HOSTILE_QUESTION = '<img src=x onerror="window.__xss=9"><script>window.__xss=10</script>';

beforeAll(async () => {
  host = await startHostPage();
  app = await listen(createApp({ services: fakeServices(await loadTestServices()), corsOrigins: [host.url] }));
  host.setHtml(hostPageHtml(app.url));
  browser = await launchChromium();
  await installProbes(browser.context);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await host?.close();
});

beforeEach(async () => {
  page = await browser.context.newPage();
  probes = watchPage(page);
});
afterEach(async () => {
  expect(await probes.xss()).toBeUndefined();
  expect(probes.dialogs).toEqual([]);
  expect(probes.pageErrors).toEqual([]);
  await page.close();
});

/** Elements that hostile markup would have created, under a root. */
const INJECTED = 'img, script, iframe, svg:not(.launcher svg), a[href^="javascript"], b, [onerror], [onload], [onmouseover]';

describe('the page renders hostile text as text', () => {
  async function askOnPage(question: string): Promise<void> {
    await page.goto(`${app.url}/`);
    await page.locator('body[data-article-loaded="true"]').waitFor();
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
    await page.goto(`${app.url}/`);
    await page.locator('#verify-quote').fill('<img src=x onerror="window.__xss=11">青海最大的短板');
    await page.locator('#verify-quote').press('Enter');
    await page.locator('.verify-card').waitFor();
    expect(await page.locator('#verify-result').locator(INJECTED).count()).toBe(0);
  });
});

describe('the widget renders hostile text as text', () => {
  it('shows the hostile answer, question, speaker and title as text in its shadow root', async () => {
    await page.goto(host.url);
    await page.locator('qinghai-chat .launcher').click();
    await page.locator('qinghai-chat textarea').fill(HOSTILE_QUESTION);
    await page.locator('qinghai-chat textarea').press('Enter');
    const answer = page.locator('qinghai-chat .msg.assistant[data-state="done"]:not(.greeting)');
    await answer.waitFor();
    await answer.locator('.chip').first().hover();
    await page.locator('qinghai-chat .card').waitFor();
    const injected = await page.evaluate((selector) => document.querySelector('qinghai-chat')!.shadowRoot!.querySelectorAll(selector).length, INJECTED);
    expect(injected).toBe(0);
    expect(await page.locator('qinghai-chat .msg.user').textContent()).toContain(HOSTILE_QUESTION);
    expect(await answer.locator('.content').textContent()).toContain('<script>window.__xss=2</script>');
    expect(await page.locator('qinghai-chat .card .who').textContent()).toContain('刘畅<img src=x onerror="window.__xss=7">');
    expect(await page.locator('qinghai-chat .card a').getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#p-19-\d+-\d+$/u);
  });

  it('shows the done answer of a fallback and reports a failed stream as qinghai-chat:error', async () => {
    await page.goto(host.url);
    await page.locator('qinghai-chat .launcher').waitFor();
    const fallback = await page.evaluate((q) => window.QinghaiChat!.ask(q), FALLBACK_QUESTION);
    expect(fallback).toMatchObject({ answer: FALLBACK_ANSWER, fallback: true });
    const answer = page.locator('qinghai-chat .msg.assistant[data-state="done"]:not(.greeting)');
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
    expect(await page.locator('qinghai-chat .msg.error [role="alert"]').textContent()).toBe('出错了，请稍后再试。');
  });
});
