import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatModel, LlmAnswerer } from '../../src/llm/answer-llm.js';
import { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { loadPrompts } from '../../src/llm/load-prompts.js';
import { CHECK_TEXT_CASES } from '../support/check-texts.js';
import { startStubLlm } from '../support/stub-llm-server.js';
import { loadTestServices } from '../support/test-index.js';
import { openChatPage, serveApp, useBrowser, useServers, widgetPart } from './support/browser-suite.js';
import { saveScreenshot } from './support/chromium.js';
import { hostPageHtml, startHostPage } from './support/host-page.js';
import type { PageProbes } from './support/page-probes.js';

/**
 * The `核对引文` box with a whole text, and a model's misattributed quotation marked where the
 * reader reads it, in real Chromium: the page against the real checker, the LLM answer from the
 * stub model that puts 李娜's words in 马冠奎's mouth.
 */

const servers = useServers(async () => {
  const services = await loadTestServices();
  const app = await serveApp({ services });
  const stub = await startStubLlm();
  const llm = new LlmAnswerer(
    createChatModel({ baseURL: stub.url, apiKey: 'x', model: 'misattribute', timeoutMs: 5000, temperature: 0 }),
    await loadPrompts(),
    services.index.article,
  );
  const answerer = new QuestionAnswerer(services.index, services.retriever, services.verifier, llm);
  const host = await startHostPage();
  const llmApp = await serveApp({ services: { ...services, answerer }, corsOrigins: [host.url] });
  host.setHtml(hostPageHtml(llmApp.url));
  return { app, stub, host, llmApp };
});
const session = useBrowser();
let page: Page;
let probes: PageProbes;
beforeEach(() => ({ page, probes } = session));
afterEach(async () => {
  expect(await probes.cspViolations()).toEqual([]);
  expect(probes.pageErrors).toEqual([]);
});

describe('the 核对引文 box with a whole text', () => {
  it('marks every quotation in its colour and shows the source of a misattributed one in the article', async () => {
    const text = CHECK_TEXT_CASES[1]!.text;
    await openChatPage(page, servers.app.url);
    await page.locator('#verify-quote').fill(text);
    await page.getByRole('button', { name: '核对', exact: true }).click();
    const report = page.locator('.check-report');
    await report.waitFor();
    expect(await report.getAttribute('data-ok')).toBe('false');
    const marks = report.locator('.check-quote');
    expect(await marks.evaluateAll((ms) => ms.map((m) => m.getAttribute('data-color')))).toEqual(['red', 'amber', 'green']);
    // The colours are drawn, not only named: red and green backgrounds differ.
    const backgrounds = await marks.evaluateAll((ms) => ms.map((m) => getComputedStyle(m).backgroundColor));
    expect(new Set(backgrounds).size).toBe(3);
    expect(await report.locator('.check-text').textContent()).toBe(text);

    // The misattributed quotation is shown first: who said it, the source, and the article at it.
    const card = report.locator('.check-card');
    expect(await card.getAttribute('data-color')).toBe('red');
    expect(await card.locator('.verdict').textContent()).toContain('不是马冠奎说的，是李娜说的');
    expect(await card.locator('.check-source').textContent()).toBe('青海最大的短板就是科技创新能力不足');
    const highlighted = page.locator('#article mark.quote-highlight');
    await highlighted.waitFor();
    expect(await highlighted.textContent()).toBe('青海最大的短板就是科技创新能力不足');
    await saveScreenshot('check-misattributed.png', (path) => page.screenshot({ path }));

    // The altered one: the source's word struck out, the text's word inserted.
    await marks.nth(1).click();
    expect(await card.getAttribute('data-color')).toBe('amber');
    expect(await card.locator('del').allTextContents()).toEqual(['三']);
    expect(await card.locator('ins').allTextContents()).toEqual(['两']);
    await saveScreenshot('check-altered.png', (path) => page.screenshot({ path }));
  });

  it('marks quoted terms apart and says when it is unsure whom a quotation is credited to', async () => {
    const text = '刘畅认为，青海要建设产业“四地”。\n“平台经济的核心是共享经济。”\n有人把这叫作“绿能经济”。';
    await openChatPage(page, servers.app.url);
    await page.locator('#verify-quote').fill(text);
    await page.getByRole('button', { name: '核对', exact: true }).click();
    const report = page.locator('.check-report');
    await report.waitFor();
    const terms = report.locator('.check-term');
    expect(await terms.evaluateAll((ms) => ms.map((m) => [m.textContent, m.getAttribute('data-in-article')]))).toEqual([
      ['四地', 'true'],
      ['绿能经济', 'false'],
    ]);
    expect(await terms.nth(1).getAttribute('title')).toContain('原文没有这个说法');
    expect(await report.locator('.check-summary').textContent()).toContain('2 个加引号的词语');
    expect(await report.locator('.check-quote').count()).toBe(1);
    expect(await report.locator('.check-text').textContent()).toBe(text);
    const card = report.locator('.check-card');
    expect(await card.locator('.verdict').textContent()).toContain('出处可能是刘畅（不确定）');
  });

  it('still checks a single sentence as before', async () => {
    await openChatPage(page, servers.app.url);
    await page.locator('#verify-quote').fill('青海最大的短板就是科技创新能力不足');
    await page.locator('#verify-quote').press('Enter');
    await page.locator('.verify-card[data-found="true"]').waitFor();
    expect(await page.locator('.check-report').count()).toBe(0);
  });
});

describe('a model\'s misattributed quotation', () => {
  it('is marked in the page\'s answer with who really said it', async () => {
    await openChatPage(page, servers.llmApp.url);
    await page.locator('#question').fill('青海最大的短板是什么？');
    await page.locator('#question').press('Enter');
    const warning = page.locator('#conversation .message.assistant[data-state="done"] mark.quote-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toBe('青海最大的短板就是科技创新能力不足');
    expect(await warning.getAttribute('title')).toBe('原文是李娜说的，不是马冠奎');
    await saveScreenshot('answer-misattributed.png', (path) => page.screenshot({ path }));
  });

  it('is marked in the widget\'s answer too', async () => {
    await page.goto(servers.host.url);
    await widgetPart(page, '.launcher').click();
    await widgetPart(page, 'textarea').fill('青海最大的短板是什么？');
    await widgetPart(page, 'textarea').press('Enter');
    const warning = widgetPart(page, '.msg.assistant[data-state="done"] mark.quote-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toBe('青海最大的短板就是科技创新能力不足');
    expect(await widgetPart(page, '.quote-warning-note').textContent()).toBe('（原文是李娜说的，不是马冠奎）');
  });
});
