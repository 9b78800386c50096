import { domainWeights } from '../index/domain-words.js';
import type { AppServices } from './app-services.js';

/**
 * Runs the default article's search, answer, quote check and text check once before the server says it is
 * ready, and, over several articles, starts building the library's shared pair index (quote checks
 * across articles) in the background. Their parts are built on first use and their code compiled on first run: without this, the
 * first requests after a start wait for that, and with many connections at once every request
 * queued behind them does too (issue 20: the slowest of 200 connections waited seconds on a fresh
 * server, a few hundred milliseconds on a warm one; `npm run bench:tail`).
 *
 * @returns how long it took, in milliseconds.
 */
export async function warmUp(services: AppServices): Promise<number> {
  const started = performance.now();
  const article = services;
  const paragraph = article.index.article.paragraphs.find((p) => p.role !== 'editor' && p.text.length > 20) ?? article.index.article.paragraphs[0];
  const sentence = (paragraph?.text ?? article.index.article.title).slice(0, 30);
  await article.retriever.retrieve(sentence, { k: 5, speaker: null });
  // What answering the article needs whatever the question, built before the first one asks.
  await article.answerer.warmUp(sentence);
  article.verifier.verify(sentence);
  article.checker.check(`有人说：“${sentence}”。`);
  // The general word table the coverage decision reads (once a process, about 0.1 s).
  domainWeights([sentence]);
  // Started, not awaited: a library in memory builds it in the background (a fifth of a second of
  // CPU per 100 articles, in slices), so readiness does not wait for it; the first check across
  // articles awaits it. A library opened from disk has it already (built at ingest).
  if (services.library.entries.length > 1) services.library.pairs().catch(() => {});
  return performance.now() - started;
}
