import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../src/answer/answer-types.js';
import { buildTestLibrary } from '../support/test-library.js';
import { askInWidget, openChatPage, serveApp, useBrowser, useServers, widgetAnswers, widgetPart } from './support/browser-suite.js';
import { hostPageHtml, startHostPage } from './support/host-page.js';
import type { PageProbes } from './support/page-probes.js';

/**
 * Several articles on one server: the widget with `data-article` stays in its article and links
 * into that article's page; the page lists the articles on `/` and shows one on `/a/<id>`.
 */

const library = buildTestLibrary();
afterAll(async () => (await library).remove());

const servers = useServers(async () => {
  const host = await startHostPage();
  const app = await serveApp({ services: (await library).services, corsOrigins: [host.url] });
  host.setHtml(hostPageHtml(app.url, { article: 'lvse-suanli' }));
  return { host, app };
});
const session = useBrowser(() => {
  const log: unknown[] = [];
  (window as unknown as { __answers: unknown[] }).__answers = log;
  window.addEventListener('qinghai-chat:answered', (event) => log.push((event as CustomEvent).detail));
});
let page: Page;
let probes: PageProbes;
beforeEach(() => ({ page, probes } = session));
afterEach(() => {
  expect(probes.pageErrors).toEqual([]);
});

const answers = () => page.evaluate(() => (window as unknown as { __answers: Array<{ response: ChatResponse }> }).__answers);

describe('the widget with data-article', () => {
  it('shows that article’s title, answers from it only, and links into its page', async () => {
    await page.goto(servers.host.url);
    await widgetPart(page, '.launcher').click();
    await expect.poll(() => widgetPart(page, '#qc-title').textContent()).toContain('绿色算力如何赋能高原数字经济');
    // A question both articles answer, by a name both articles have.
    await askInWidget(page, '李娜怎么看人才问题？');
    const response = (await answers())[0]!.response;
    expect(response.citations.length).toBeGreaterThan(0);
    expect(new Set(response.citations.map((c) => c.article))).toEqual(new Set(['lvse-suanli']));
    expect(await widgetAnswers(page).last().textContent()).toContain('虚构理工大学计算机学院研究员');

    await widgetAnswers(page).last().locator('.chip').first().hover();
    const first = response.citations[0]!;
    expect(await widgetPart(page, '.card a').getAttribute('href')).toBe(`${servers.app.url}/a/lvse-suanli#p-${first.paragraph}-${first.start}-${first.end}`);
  });
});

describe('the page over several articles', () => {
  it('lists the articles on / and opens one on /a/<id> at the passage a widget linked to', async () => {
    await openChatPage(page, servers.app.url);
    const list = page.locator('#article-list');
    await list.locator('a').first().waitFor();
    expect(await list.locator('a').allTextContents()).toEqual(['因地制宜发展新质生产力,青海怎么做?', '绿色算力如何赋能高原数字经济?', '虚构市首个零碳数据中心投入运行']);

    const { index } = (await library).library.articles.find((a) => a.id === 'lvse-suanli')!;
    const paragraph = index.article.paragraphs.find((p) => p.speaker === '陈晓燕' && p.kind === 'expert-turn')!;
    await openChatPage(page, servers.app.url, `/a/lvse-suanli#p-${paragraph.id}-${paragraph.labelEnd}-${paragraph.labelEnd + 10}`);
    expect(await page.locator('#article-list').isHidden()).toBe(true);
    const mark = page.locator(`#p-${paragraph.id} mark.quote-highlight`);
    await mark.waitFor();
    expect(await mark.textContent()).toBe(paragraph.text.slice(paragraph.labelEnd, paragraph.labelEnd + 10));
  });
});
