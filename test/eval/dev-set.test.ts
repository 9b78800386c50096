import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { createBaselineRanker } from '../../src/eval/baseline-ranker.js';
import { createBigramRanker } from '../../src/eval/bigram-ranker.js';
import { chatOverHttp, listenForEval, searchRanker, type EvalServer } from '../../src/eval/eval-http.js';
import { loadQuestions, loadQuotes, type QuoteItem } from '../../src/eval/eval-set.js';
import { evaluateQuotes } from '../../src/eval/evaluate-quotes.js';
import { evaluateSet, restrictToHalf, restrictToTag, type HeadlineFigures, type SetReport } from '../../src/eval/evaluate-set.js';
import { formatSetReport } from '../../src/eval/format-report.js';
import type { AppServices } from '../../src/server/app-services.js';
import { createApp } from '../../src/server/create-app.js';
import { loadTestServices, testConfig } from '../support/test-index.js';

/**
 * Regression floors on both development sets, measured as `npm run eval` measures them: retrieval
 * through GET /api/search, answers through POST /api/chat on the real app. Each floor is today's
 * figure less about two points (floor(today × 100 − 2) / 100), so a change may only raise them:
 * when a change raises a figure, raise its floor in the same commit.
 */
type Floors = Partial<Record<keyof HeadlineFigures, number>>;

const FLOORS: Record<'dev' | 'wide', Floors> = {
  // Today (2 cores, extractive): hit@5 1.00, MRR 0.965, speaker@1 1.00, evidence 1.00, speaker recall 0.975,
  // speaker precision 0.81, answered 1.00.
  dev: { hitAt5: 0.98, mrr: 0.94, speakerAt1: 0.98, evidenceHit: 0.98, speakerRecall: 0.95, speakerPrecision: 0.79, answered: 0.98 },
  // Today: hit@5 0.945, MRR 0.868, speaker@1 0.918, evidence 0.927, speaker recall 0.942, speaker precision 0.79,
  // answered 1.00, declined 1.00.
  wide: { hitAt5: 0.92, mrr: 0.84, speakerAt1: 0.89, evidenceHit: 0.9, speakerRecall: 0.92, speakerPrecision: 0.77, answered: 0.98, declined: 0.95 },
};
/** The bound on what a reader is shown per passage (the trivial ranker's whole paragraphs). */
const MAX_MEAN_PASSAGE_CHARS = 260;

let services: AppServices;
let server: EvalServer;
let quotes: QuoteItem[];
const reports = {} as Record<'dev' | 'wide', SetReport>;

beforeAll(async () => {
  services = await loadTestServices();
  quotes = await loadQuotes(resolve(PROJECT_ROOT, 'eval/quotes.dev.jsonl'));
  server = await listenForEval(createApp({ services }));
  const article = services.index.article;
  const common = {
    article,
    verifier: services.verifier,
    speakerNames: article.speakers.filter((s) => s.role !== 'editor').map((s) => s.name),
    search: searchRanker(server.url),
    chat: chatOverHttp(server.url),
    bigram: createBigramRanker(article),
    langchain: await createBaselineRanker(testConfig().corpusPath),
  };
  for (const [name, file] of [['dev', 'eval/dev.jsonl'], ['wide', 'eval/dev-wide.jsonl']] as const) {
    reports[name] = await evaluateSet({ ...common, name, items: await loadQuestions(resolve(PROJECT_ROOT, file)) });
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe.each(['dev', 'wide'] as const)('eval/%s (floors that a regression must not cross)', (name) => {
  it('evaluates every item, retrieval on the answerable ones', () => {
    const report = reports[name];
    expect(report.answers.items).toBe(report.items);
    expect(report.retrieval.items).toBe(report.figures.answerable);
    expect(report.items).toBe(name === 'dev' ? 33 : 120);
  });

  it('holds every headline figure at or above its floor', () => {
    const figures = reports[name].figures;
    const below = Object.entries(FLOORS[name]).filter(([key, floor]) => (figures[key as keyof HeadlineFigures] ?? 0) < floor);
    expect(below.map(([key, floor]) => `${key} ${figures[key as keyof HeadlineFigures]} < ${floor}`)).toEqual([]);
  });

  it('keeps every quote verbatim and every [n] resolved', () => {
    expect(reports[name].figures.quoteValidity).toBe(1);
    expect(reports[name].figures.markersResolve).toBe(1);
  });

  it(`shows passages of at most ${MAX_MEAN_PASSAGE_CHARS} characters on average`, () => {
    expect(reports[name].figures.passageChars).toBeLessThanOrEqual(MAX_MEAN_PASSAGE_CHARS);
  });
});

describe('the baselines and the halves', () => {
  it('beats the plain LangChain recipe on MRR on dev.jsonl', () => {
    expect(reports.dev.figures.mrr!).toBeGreaterThan(reports.dev.figures.langchainMrr!);
  });

  it('reports the trivial ranker with whole paragraphs: longer passages than the product', () => {
    expect(reports.wide.figures.bigramPassageChars!).toBeGreaterThan(reports.wide.figures.passageChars!);
    expect(reports.wide.bigram.items).toBe(reports.wide.retrieval.items);
  });

  it('splits dev-wide into tune and check halves of 60 items, with every figure for each', () => {
    const halves = reports.wide.halves!;
    expect(halves.tune.items).toBe(60);
    expect(halves.check.items).toBe(60);
    expect(halves.tune.declined).not.toBeNull();
    expect(halves.check.declined).not.toBeNull();
    expect(reports.dev.halves).toBeNull();
  });

  it('reports per tag, and lists failures with what failed', () => {
    const tags = reports.wide.byTag.map((t) => t.tag);
    expect(tags).toContain('unanswerable');
    expect(reports.wide.byTag.find((t) => t.tag === 'unanswerable')!.figures.hitAt5).toBeNull();
    for (const failure of reports.wide.failures) expect(failure.failed.length).toBeGreaterThan(0);
  });
});

describe('what npm run eval prints', () => {
  it('restricts to one tag with --tag, keeping the full split', () => {
    const unanswerable = restrictToTag(reports.wide, 'unanswerable');
    expect(unanswerable.items).toBe(10);
    expect(unanswerable.figures.unanswerable).toBe(10);
    expect(unanswerable.halves!.tuneIds.length + unanswerable.halves!.checkIds.length).toBe(10);
    expect(unanswerable.halves!.tuneIds.every((id) => reports.wide.halves!.tuneIds.includes(id))).toBe(true);
    expect(unanswerable.failures.every((f) => f.tags.includes('unanswerable'))).toBe(true);
  });

  it('restricts to one half with --half, so the failures of the tune half can be read and the check half kept out', () => {
    const tune = restrictToHalf(reports.wide, 'tune');
    const tuneIds = new Set(reports.wide.halves!.tuneIds);
    expect(tune.items).toBe(tuneIds.size);
    expect(tune.failures.length).toBeGreaterThan(0);
    expect(tune.failures.every((f) => tuneIds.has(f.id))).toBe(true);
    expect(tune.figures).toEqual(reports.wide.halves!.tune);
    expect(tune.byTag.every((t) => t.figures.items <= tuneIds.size)).toBe(true);
  });

  it('prints a row per tag, the tune/check table and, with --failures, each failing item', () => {
    const text = formatSetReport(reports.wide, { failures: true });
    expect(text).toMatch(/^paraphrase\s+26 /mu);
    expect(text).toContain('tune/check halves');
    const first = reports.wide.failures[0]!;
    expect(text).toContain(`${first.id} [${first.tags.join(',')}] ${first.question}`);
  });
});

describe('quote checks', () => {
  it('gets every quote check right: found or not, speaker, and whom they quote', () => {
    const m = evaluateQuotes(services.verifier, quotes);
    expect(m.results.filter((r) => !r.ok)).toEqual([]);
    expect(m.accuracy).toBe(1);
  });
});
