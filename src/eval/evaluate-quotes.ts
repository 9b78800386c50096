import type { QuoteVerifier } from '../check/index.js';
import type { QuoteItem } from './eval-set.js';

export interface QuoteCheckResult {
  id: string;
  ok: boolean;
  expected: { found: boolean; speaker: string | null; quoting: string | null };
  actual: { found: boolean; speaker: string | null; quoting: string | null };
}

export interface QuoteMetrics {
  items: number;
  /** Share of items whose `found` is right. */
  foundAccuracy: number;
  /** Share of found items whose speaker (and quoted person, where given) is right. */
  speakerAccuracy: number;
  /** Share of items right in every respect. */
  accuracy: number;
  results: QuoteCheckResult[];
}

/** Runs the quote checks of `quotes.dev.jsonl` through the verifier. */
export function evaluateQuotes(verifier: QuoteVerifier, items: QuoteItem[]): QuoteMetrics {
  const results = items.map((item): QuoteCheckResult => {
    const verdict = verifier.verify(item.quote);
    const actual = verdict.found
      ? { found: true, speaker: verdict.speaker, quoting: verdict.quoting }
      : { found: false, speaker: null, quoting: null };
    const expected = { found: item.found, speaker: item.speaker ?? null, quoting: item.quoting ?? null };
    const ok =
      actual.found === expected.found &&
      (!expected.found || (actual.speaker === expected.speaker && actual.quoting === expected.quoting));
    return { id: item.id, ok, expected, actual };
  });
  const found = results.filter((r) => r.expected.found);
  const n = Math.max(1, results.length);
  return {
    items: results.length,
    foundAccuracy: results.filter((r) => r.actual.found === r.expected.found).length / n,
    speakerAccuracy:
      found.filter((r) => r.actual.speaker === r.expected.speaker && r.actual.quoting === r.expected.quoting).length /
      Math.max(1, found.length),
    accuracy: results.filter((r) => r.ok).length / n,
    results,
  };
}
