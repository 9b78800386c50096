import { beforeAll, describe, expect, it } from 'vitest';
import { TextChecker, type CheckTextResult } from '../../src/check/check-text.js';
import { QuoteVerifier } from '../../src/check/verify-quote.js';
import { loadArticle } from '../../src/corpus/parse-article.js';
import { CREDIT_STYLE_CASES } from '../support/credit-style-texts.js';
import { testConfig } from '../support/test-index.js';

/**
 * Claimed speaker and attribution accuracy over one text per credit style (a measure with a floor:
 * at least 0.95 each, and every misattribution caught). The figures are printed for the record.
 */

let checker: TextChecker;
const reports = new Map<string, CheckTextResult>();

beforeAll(async () => {
  const { article } = await loadArticle(testConfig().corpusPath);
  checker = new TextChecker(article, new QuoteVerifier(article));
  for (const c of CREDIT_STYLE_CASES) reports.set(c.style, checker.check(c.text));
});

describe('credits in every style writers use', () => {
  it('finds every quotation of each fixture, verbatim, with the speaker the article gives', () => {
    for (const c of CREDIT_STYLE_CASES) {
      const found = reports.get(c.style)!.quotations;
      expect(found.map((q, i) => q.text.slice(0, c.expected[i]?.text.length)), c.style).toEqual(c.expected.map((e) => e.text));
      expect(found.map((q) => [q.status, q.speaker]), c.style).toEqual(c.expected.map((e) => ['verbatim', e.speaker]));
    }
  });

  it('reads the claimed speaker and judges the attribution right at least 95% of the time, and catches every misattribution', () => {
    let total = 0;
    let claimedRight = 0;
    let attributionRight = 0;
    let misattributions = 0;
    let caught = 0;
    const misses: string[] = [];
    for (const c of CREDIT_STYLE_CASES) {
      const found = reports.get(c.style)!.quotations;
      c.expected.forEach((e, i) => {
        const q = found.find((f) => f.text.startsWith(e.text) && f.start >= (found[i - 1]?.start ?? -1)) ?? found[i];
        total++;
        if (q?.claimed === e.claimed) claimedRight++;
        else misses.push(`${c.style}: “${e.text}” claimed ${q?.claimed ?? null}, expected ${e.claimed}`);
        if (q?.attribution === e.attribution) attributionRight++;
        else misses.push(`${c.style}: “${e.text}” attribution ${q?.attribution ?? null}, expected ${e.attribution}`);
        if (e.attribution === 'wrong') {
          misattributions++;
          if (q?.attribution === 'wrong') caught++;
        }
      });
    }
    const claimedAccuracy = claimedRight / total;
    const attributionAccuracy = attributionRight / total;
    console.log(
      `credit styles: ${total} quotations, claimed speaker ${claimedAccuracy.toFixed(2)}, attribution ${attributionAccuracy.toFixed(2)}, ` +
        `misattributions caught ${caught}/${misattributions}` + (misses.length ? `\n  ${misses.join('\n  ')}` : ''),
    );
    expect(claimedAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(attributionAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(caught).toBe(misattributions);
  });
});
